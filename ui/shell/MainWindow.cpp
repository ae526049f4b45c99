#include "shell/MainWindow.h"
#include "shell/HelpMenu.h"
#include "widgets/PlotFigure.h"

#include "async/TrainerAdapter.h"
#include "data/DatasetBrowser.h"
#include "project/CompareView.h"
#include "project/ProjectController.h"
#include "project/UnsavedChanges.h"
#include "session/Session.h"
#include "shell/StartPage.h"
#include "training/CubeTrainingPanel.h"
#include "training/TrainingPanel.h"
#include "views/GalleryView.h"
#include "views/HeatmapView.h"
#include "views/ImaginerView.h"
#include "views/LatentMapView.h"
#include "widgets/GlyphPicker.h"
#include "views/PadView.h"
#include "views/WorldHeatmapView.h"
#include "training/WorldTrainingPanel.h"
#include "views/UnitsView.h"
#include "widgets/PlotView.h"

#include "latentset/data/DatasetCatalog.h"

#include <QFileDialog>
#include <QProgressBar>
#include <QStatusBar>
#include <QTimer>

#include <QApplication>
#include <QCloseEvent>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QMimeData>
#include <QElapsedTimer>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QSplitter>
#include <QTabWidget>
#include <QUrl>

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
    training_ = new TrainingPanel(session_);
    addView("training", tr("Training"), training_);
    // Autosaves go to the session's own file in the data folder (ui/AutosaveFile).
    project_ = new ProjectController(session_, training_, this,
                                     QString::fromStdString(latentset::DatasetCatalog::dataDirectory()) + "/autosave",
                                     this);
    // Views over the session's snapshots (ui/*View: one class per view).
    auto* heatmap = new HeatmapView(session_);
    auto* gallery = new GalleryView(session_);
    auto* pad = new PadView(session_);
    auto* imaginer = new ImaginerView(session_);
    addView("heatmap", tr("Context heatmap"), heatmap);
    addView("gallery", tr("Transfer gallery"), gallery);
    addView("pad", tr("Glyph pad"), pad);
    addView("imaginer", tr("Cube imaginer"), imaginer);
    auto* latent = new LatentMapView(session_);
    addView("latent", tr("Latent map"), latent);
    wireProject(heatmap, gallery, pad, imaginer);
    const WorldViews worldViews = addWorldViews();
    wireLatentMap(latent, heatmap, gallery, pad, worldViews);
    // One member's units as pictures (docs/units-and-compare.md).
    auto* units = new UnitsView(session_);
    addView("units", tr("Units"), units);
    project_->addViewState("units", [units] { return units->viewState(); },
                           [units](const QJsonObject& o) { units->restoreViewState(o); });
    addInterpretationsView();
    // Two runs side by side; run A follows the project the window opens or saves.
    auto* compare = new CompareView(session_);
    addView("compare", tr("Compare runs"), compare);
    connect(project_, &ProjectController::projectNamed, compare, &CompareView::setCurrentProject);
    addAttackView();
    connect(startPage_, &StartPage::recipeRequested, this, &MainWindow::runRecipe);
    connect(startPage_, &StartPage::openProjectRequested, this, [this](const QString& path) {
        if (path.isEmpty())
            project_->openDialog();
        else
            project_->openInBackground(path);
    });
    const auto mnist = latentset::DatasetCatalog::defaultDataset();
    startPage_->setStatus(mnist.id.empty()
                              ? tr("No dataset found in %1 (run tools/setup.sh).")
                                    .arg(QString::fromStdString(latentset::DatasetCatalog::dataDirectory()))
                              : tr("%1 is ready in %2.").arg(QString::fromStdString(mnist.title),
                                                             QString::fromStdString(mnist.path)));
    // MNIST (or the first dataset present) is there when the app opens:
    // loaded on the training panel's worker, after the window is up. A
    // project opened from the command line replaces it.
    if (!mnist.id.empty())
        QTimer::singleShot(0, this, [this, id = QString::fromStdString(mnist.id)] {
            // Not under an open that started first: its dataset is the one to load
            // (a default one finishing after it would become the task's instead).
            if (!training_->data() && project_->projectPath().isEmpty() && !project_->openInProgress())
                training_->loadDataset(id);
        });
    // Autosave: every 5 minutes, when there is a model.
    auto* autosave = new QTimer(this);
    autosave->setInterval(5 * 60 * 1000);
    connect(autosave, &QTimer::timeout, project_, &ProjectController::autosave);
    autosave->start();
    resize(1400, 900); // until restoreLayout() brings the user's
}

MainWindow::~MainWindow()
{
    // A save or open on a worker finishes first (a save reads the parked
    // trainers' tasks; the file is then complete).
    delete project_;
    // Stop training before any view goes: the trainer's thread reports to
    // the panel and publishes snapshots the views are evaluating.
    training_->adapter()->reset();
}

void MainWindow::wireProject(HeatmapView* heatmap, GalleryView* gallery, PadView* pad, ImaginerView* imaginer)
{
    project_->setCurrentView([this] { return viewNames_.value(tabs_->currentIndex()); });
    // Each view's own state in the project's "views" object.
    project_->addViewState("heatmap", [heatmap] { return heatmap->viewState(); },
                           [heatmap](const QJsonObject& o) { heatmap->restoreViewState(o); });
    project_->addViewState("gallery", [gallery] { return gallery->viewState(); },
                           [gallery](const QJsonObject& o) { gallery->restoreViewState(o); });
    project_->addViewState("pad", [pad] { return pad->viewState(); }, [pad](const QJsonObject& o) { pad->restoreViewState(o); });
    project_->addViewState("imaginer", [imaginer] { return imaginer->viewState(); },
                           [imaginer](const QJsonObject& o) { imaginer->restoreViewState(o); });
    // The training view's plots (smoothing, log scale).
    const QList<std::pair<QString, PlotView*>> plots = {{"trainingLoss", training_->lossPlot()},
                                                         {"trainingAccuracy", training_->accuracyPlot()},
                                                         {"cubeLoss", training_->cubePanel()->lossPlot()}};
    for (const auto& [name, plot] : plots)
        project_->addViewState(name, [plot = plot] { return plot->viewState(); },
                               [plot = plot](const QJsonObject& o) { plot->restoreViewState(o); });
    saveAction_->setEnabled(false);
    connect(project_->unsavedChanges(), &UnsavedChanges::unsavedChanged, saveAction_, &QAction::setEnabled);
    connect(project_, &ProjectController::statusMessage, this, [this](const QString& text, int ms) {
        if (text.isEmpty())
            statusBar()->clearMessage();
        else
            statusBar()->showMessage(text, ms);
    });
    connect(project_, &ProjectController::busyChanged, this, [this](bool busy) {
        // waitUntilIdle and --screenshot wait while any widget is "busy".
        if (property("busy").toBool() != busy)
            setProperty("busy", busy);
        if (!busy)
            openProgress_->hide();
    });
    connect(project_, &ProjectController::titleChanged, this, &QWidget::setWindowTitle);
    connect(project_, &ProjectController::projectNamed, this, [this](const QString& path) {
        StartPage::addRecentProject(path);
        startPage_->refreshRecent();
    });
    connect(project_, &ProjectController::viewRequested, this, [this](const QString& name) { showView(name); });
    connect(project_, &ProjectController::closeRequested, this, [this] { close(); });
    // Opening a large project: the bar in the status bar while the worker reads.
    openProgress_ = new QProgressBar;
    openProgress_->setObjectName("openProgress");
    openProgress_->setRange(0, 100);
    openProgress_->setMaximumWidth(220);
    openProgress_->setAccessibleName(tr("Opening progress"));
    openProgress_->hide();
    statusBar()->addPermanentWidget(openProgress_);
    connect(project_, &ProjectController::openProgress, this, [this](int percent, const QString& stage) {
        openProgress_->setValue(percent);
        openProgress_->setFormat(tr("%1 %p%").arg(stage));
        openProgress_->setVisible(percent < 100 && project_->openInProgress());
    });
}

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
    // "cube-training": the training view in its cube-world mode.
    if (name == "cube-training") {
        training_->setCubeMode(true);
        return showView("training");
    }
    // "world-training": the training view in its context-world mode.
    if (name == "world-training") {
        training_->setMode(TrainingPanel::Mode::World);
        return showView("training");
    }
    const int index = viewNames_.indexOf(name);
    if (index < 0)
        return false;
    tabs_->setCurrentIndex(index);
    return true;
}

QStringList MainWindow::viewNames() const { return viewNames_; }

bool MainWindow::exportViewPng(QWidget* view, const QString& path)
{
    // A view with its own exportPng writes its caption and model as PNG text
    // (FigureInfo); the others are grabbed with their name and the date.
    bool written = false;
    if (view->metaObject()->indexOfMethod("exportPng(QString)") >= 0
        && QMetaObject::invokeMethod(view, "exportPng", Q_RETURN_ARG(bool, written), Q_ARG(QString, path)))
        return written;
    return PlotFigure::writePng(view->grab().toImage(), path, FigureInfo{viewNames_.value(tabs_->indexOf(view)), {}, {}, {}, {}});
}

void MainWindow::exportCurrentView()
{
    QWidget* view = tabs_->currentWidget();
    if (!view)
        return;
    const QString path = QFileDialog::getSaveFileName(this, tr("Export view as PNG"),
                                                      viewNames_.value(tabs_->currentIndex()) + ".png",
                                                      tr("PNG images (*.png)"));
    if (!path.isEmpty() && !exportViewPng(view, path))
        QMessageBox::warning(this, tr("Export view"), tr("%1: cannot write the PNG.").arg(path));
}

void MainWindow::runRecipe(const QString& id)
{
    if (id == "classify-mnist") {
        training_->applyMnistRecipe();
        showView("training");
        statusBar()->showMessage(tr("MNIST class set: paper's Table 1 architecture. Press Play (Space)."), 8000);
        return;
    }
    // A context world: its settings in the Training view, ready for Play.
    if (id.startsWith("world-")) {
        training_->setMode(TrainingPanel::Mode::World);
        showView("training");
        if (id != "world-folder")
            training_->worldPanel()->applyRecipe(id.mid(6));
        else if (const QString dir = QFileDialog::getExistingDirectory(this, tr("Your own paired folder")); !dir.isEmpty())
            training_->worldPanel()->useFolder(dir);
        return;
    }
    // The cube world recipe: train a new one here, or open a saved one.
    if (id == "cube-world") {
        QMessageBox box(QMessageBox::Question, tr("Cube world"),
                        tr("Train a new cube world (100 contexts, MNIST training digits), or open a saved one?"),
                        QMessageBox::Cancel, this);
        QPushButton* train = box.addButton(tr("Train a new cube world"), QMessageBox::AcceptRole);
        QPushButton* open = box.addButton(tr("Open a saved one…"), QMessageBox::ActionRole);
        if (session_->hasCubeWorld())
            box.addButton(tr("Use the current one"), QMessageBox::NoRole);
        box.setDefaultButton(train);
        box.exec();
        if (box.clickedButton() == train) {
            showView("cube-training");
            statusBar()->showMessage(tr("Cube world: press Play (Space); the other views follow the training."), 8000);
            return;
        }
        // The open runs on a worker: what follows it waits for it.
        auto showWorld = [this] {
            if (session_->hasCubeWorld())
                showView("heatmap");
        };
        if (box.clickedButton() == open)
            project_->openDialog(showWorld);
        else if (box.clickedButton() != box.button(QMessageBox::Cancel))
            showWorld();
        return;
    }
    // The other cube experiments start from a trained cube world: the cube area
    // trains it headless (latentset-cli cube train --save; concept train
    // --save adds level 2). Open one, then show the experiment's view.
    auto showExperiment = [this, id] {
        if (!session_->hasCubeWorld())
            return;
        if (id == "one-shot")
            showView("pad");
        else if (id == "cube-concept" && session_->conceptModel())
            showView("imaginer");
        else if (id == "cube-concept") {
            training_->setMode(TrainingPanel::Mode::Concept);
            showView("training");
        }
    };
    // The level-2 concept trains in the Training view, on the cube world shown.
    if (id == "cube-concept" && session_->hasCubeWorld() && !session_->conceptModel()) {
        training_->setMode(TrainingPanel::Mode::Concept);
        showView("training");
        return;
    }
    if (!session_->hasCubeWorld()) {
        QMessageBox::information(this, tr("Cube world"),
                                 tr("This experiment needs a trained cube world. Train one in the Training view "
                                    "(Cube world), or with\n  latentset-cli cube train --save cube.lset\nand open "
                                    "it here.%1")
                                     .arg(id == "cube-concept"
                                              ? tr("\nIts level-2 concept then trains in the Training view.")
                                              : QString()));
        project_->openDialog(showExperiment);
        return;
    }
    showExperiment();
}

void MainWindow::waitUntilIdle(int timeoutMs)
{
    QElapsedTimer timer;
    timer.start();
    auto busy = [this] {
        if (property("busy").toBool()) // a save or open on a worker
            return true;
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
    file->addAction(tr("&Open…"), QKeySequence::Open, this, [this] { project_->openDialog(); });
    saveAction_ = file->addAction(tr("&Save"), QKeySequence::Save, this, [this] { project_->save(); });
    // QKeySequence::SaveAs is empty outside KDE/GNOME (Xvfb, other desktops):
    // Ctrl+Shift+S everywhere, as docs/ui.md promises.
    QAction* saveAs = file->addAction(tr("Save &As…"), this, [this] { project_->saveAs(); });
    saveAs->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S));
    file->addSeparator();
    file->addAction(tr("&Export View as PNG…"), QKeySequence(Qt::CTRL | Qt::Key_E), this, &MainWindow::exportCurrentView);
    file->addSeparator();
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
    menuBar()->addMenu(new HelpMenu(this)); // documentation, the paper, About
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
    if (!project_->mayClose()) { // asked, or its Save is writing (closes when done)
        event->ignore();
        return;
    }
    if (remembersLayout_) {
        QSettings settings;
        saveLayout(settings);
    }
    event->accept();
}

void MainWindow::saveLayout(QSettings& settings) const
{
    settings.beginGroup("layout");
    settings.setValue("geometry", saveGeometry());
    settings.setValue("state", saveState()); // toolbars and docks, if any
    settings.setValue("view", viewNames_.value(tabs_->currentIndex()));
    settings.setValue("trainingMode", training_->cubeMode() ? "cube-world" : "class-set");
    // Every splitter of every view, by view name and creation order (the
    // views build theirs in a fixed order; none needs to know about this).
    for (int i = 0; i < tabs_->count(); ++i) {
        const QList<QSplitter*> splitters = tabs_->widget(i)->findChildren<QSplitter*>();
        for (int k = 0; k < splitters.size(); ++k)
            settings.setValue(QString("%1/splitter%2").arg(viewNames_.value(i)).arg(k), splitters[k]->saveState());
    }
    settings.endGroup();
}

void MainWindow::restoreLayout(const QSettings& settings)
{
    remembersLayout_ = true;
    project_->restoreSettings(settings);
    const QString group = "layout/";
    if (!restoreGeometry(settings.value(group + "geometry").toByteArray()))
        resize(1400, 900);
    restoreState(settings.value(group + "state").toByteArray());
    for (int i = 0; i < tabs_->count(); ++i) {
        const QList<QSplitter*> splitters = tabs_->widget(i)->findChildren<QSplitter*>();
        for (int k = 0; k < splitters.size(); ++k) {
            const QVariant v = settings.value(QString("%1%2/splitter%3").arg(group, viewNames_.value(i)).arg(k));
            if (v.isValid())
                splitters[k]->restoreState(v.toByteArray()); // ignores data of another shape
        }
    }
    if (settings.value(group + "trainingMode").toString() == "cube-world")
        training_->setCubeMode(true);
    const QString view = settings.value(group + "view").toString();
    if (!view.isEmpty())
        showView(view);
}
