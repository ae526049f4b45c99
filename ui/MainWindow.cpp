#include "MainWindow.h"

#include "DatasetBrowser.h"
#include "GalleryView.h"
#include "HeatmapView.h"
#include "ImaginerView.h"
#include "PadView.h"
#include "Session.h"
#include "StartPage.h"

#include <QApplication>
#include <QCloseEvent>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QMimeData>
#include <QElapsedTimer>
#include <QMenuBar>
#include <QMessageBox>
#include <QSettings>
#include <QTabWidget>
#include <QUrl>

#include "latentset/data/DatasetCatalog.h"

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
    datasetBrowser_ = new DatasetBrowser;
    addView("dataset", tr("Dataset"), datasetBrowser_);
    // The views evaluate on held-out images: the test split (else validation, else train),
    // shared with the loaded splits rather than copied (aliasing shared_ptr).
    connect(datasetBrowser_, &DatasetBrowser::datasetLoaded, this, [this](DatasetSplitsPtr splits) {
        const latentset::Dataset* held = !splits->test.empty()         ? &splits->test
                                         : !splits->validation.empty() ? &splits->validation
                                                                       : &splits->train;
        session_->setSamples(Session::DatasetPtr(splits, held));
        setWindowTitle(tr("LatentSet — %1").arg(QString::fromStdString(splits->name)));
    });
    setAcceptDrops(true);
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
    file->addAction(tr("Open &Dataset File…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O), this, [this] {
        showView("dataset");
        datasetBrowser_->chooseFile();
    });
    file->addAction(tr("Open Dataset &Folder…"), this, [this] {
        showView("dataset");
        datasetBrowser_->chooseFolder();
    });
    QMenu* known = file->addMenu(tr("&Known Datasets"));
    for (const latentset::DatasetCatalog::Entry& entry : latentset::DatasetCatalog::known()) {
        const QString id = QString::fromStdString(entry.id);
        QAction* action = known->addAction(QString::fromStdString(entry.title), this, [this, id] { openDataset(id); });
        action->setEnabled(entry.present);
        action->setToolTip(QString::fromStdString(entry.description));
    }
    recentDatasetsMenu_ = file->addMenu(tr("&Recent Datasets"));
    // Rebuilt each time it opens, so it always matches QSettings.
    connect(recentDatasetsMenu_, &QMenu::aboutToShow, this, &MainWindow::rebuildRecentDatasetsMenu);
    rebuildRecentDatasetsMenu();
    file->addSeparator();
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

void MainWindow::openDataset(const QString& pathOrId)
{
    showView("dataset");
    datasetBrowser_->open(pathOrId);
}

void MainWindow::rebuildRecentDatasetsMenu()
{
    recentDatasetsMenu_->clear();
    const QStringList recent = DatasetBrowser::recentDatasets();
    for (const QString& path : recent)
        recentDatasetsMenu_->addAction(path, this, [this, path] { openDataset(path); });
    recentDatasetsMenu_->setEnabled(!recent.isEmpty());
}

void MainWindow::dragEnterEvent(QDragEnterEvent* event)
{
    const QList<QUrl> urls = event->mimeData()->urls();
    if (!urls.isEmpty() && urls.first().isLocalFile())
        event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent* event)
{
    const QList<QUrl> urls = event->mimeData()->urls();
    if (urls.isEmpty() || !urls.first().isLocalFile())
        return;
    event->acceptProposedAction();
    openDataset(urls.first().toLocalFile());
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    QSettings settings;
    settings.setValue("mainWindow/geometry", saveGeometry());
    settings.setValue("mainWindow/state", saveState());
    event->accept();
}
