#include "MainWindow.h"

#include <QApplication>
#include <QCloseEvent>
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

void MainWindow::buildMenus()
{
    QMenu* file = menuBar()->addMenu(tr("&File"));
    file->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);
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
