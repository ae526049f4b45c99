#include "MainWindow.h"

#include "GalleryView.h"
#include "HeatmapView.h"
#include "ImaginerView.h"
#include "PadView.h"
#include "Session.h"
#include "StartPage.h"

#include <QApplication>
#include <QCloseEvent>
#include <QElapsedTimer>
#include <QMenuBar>
#include <QMessageBox>
#include <QSettings>
#include <QTabWidget>

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent)
{
    setWindowTitle("LatentSet");
    setWindowIcon(QIcon(":/icons/latentset.svg"));
    tabs_ = new QTabWidget(this);
    tabs_->setDocumentMode(true);
    setCentralWidget(tabs_);
    buildMenus();
    session_ = new Session(this);
    startPage_ = new StartPage;
    addView("start", tr("Start"), startPage_);
    // Views over the session's snapshots (ui/*View: one class per view).
    addView("heatmap", tr("Context heatmap"), new HeatmapView(session_));
    addView("gallery", tr("Transfer gallery"), new GalleryView(session_));
    addView("pad", tr("Glyph pad"), new PadView(session_));
    addView("imaginer", tr("Cube imaginer"), new ImaginerView(session_));
    // Recipes stay disabled until the view that carries them out is wired.
    for (const QString& id : StartPage::recipeIds())
        startPage_->setRecipeAvailable(id, false, tr("Not available in this build yet."));

    QSettings settings;
    if (!restoreGeometry(settings.value("mainWindow/geometry").toByteArray()))
        resize(1400, 900);
    restoreState(settings.value("mainWindow/state").toByteArray());
}

MainWindow::~MainWindow() = default;

void MainWindow::addView(const QString& name, const QString& title, QWidget* view)
{
    view->setObjectName(name);
    view->setAccessibleName(title);
    tabs_->addTab(view, title);
    viewNames_ << name;
    if (viewMenu_) {
        const int n = viewNames_.size();
        QAction* act = viewMenu_->addAction(title, this, [this, name] { showView(name); });
        if (n <= 9)
            act->setShortcut(QKeySequence(Qt::CTRL | Qt::Key(Qt::Key_0 + n)));
    }
}

bool MainWindow::showView(const QString& name)
{
    const int index = viewNames_.indexOf(name);
    if (index < 0)
        return false;
    tabs_->setCurrentIndex(index);
    return true;
}

QStringList MainWindow::viewNames() const { return viewNames_; }

bool MainWindow::openProject(const QString& path)
{
    // Project files are not implemented yet: say so rather than pretend.
    QMessageBox::warning(this, tr("Open project"), tr("%1: opening projects is not available in this build.").arg(path));
    return false;
}

void MainWindow::waitUntilIdle(int timeoutMs)
{
    QElapsedTimer timer;
    timer.start();
    auto busy = [this] {
        const auto widgets = findChildren<QWidget*>();
        for (const QWidget* w : widgets)
            if (w->property("busy").toBool())
                return true;
        return false;
    };
    do {
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
    } while (busy() && timer.elapsed() < timeoutMs);
    // One more round so replot timers (~40 ms) fire after the last result.
    QElapsedTimer settle;
    settle.start();
    while (settle.elapsed() < 80)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 10);
}

void MainWindow::buildMenus()
{
    QMenu* file = menuBar()->addMenu(tr("&File"));
    file->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);
    // View menu: Ctrl+1..9 jump to the views in tab order.
    viewMenu_ = menuBar()->addMenu(tr("&View"));
    QMenu* help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About LatentSet"), this, [this] {
        QMessageBox::about(this, tr("About LatentSet"),
                           tr("<b>LatentSet %1</b><p>Sets of autoencoders with a shared latent "
                              "space.</p><p>GPL-3.0-or-later.</p>")
                               .arg(QApplication::applicationVersion()));
    });
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    QSettings settings;
    settings.setValue("mainWindow/geometry", saveGeometry());
    settings.setValue("mainWindow/state", saveState());
    event->accept();
}
