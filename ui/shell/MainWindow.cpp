#include "shell/MainWindow.h"
#include "shell/HelpMenu.h"
#include "widgets/PlotFigure.h"
#include "project/AutosaveFile.h"

#include "training/CubeTrainingPanel.h"
#include "data/DatasetBrowser.h"
#include "views/GalleryView.h"
#include "views/HeatmapView.h"
#include "views/ImaginerView.h"
#include "views/PadView.h"
#include "project/ProjectFile.h"
#include "session/Session.h"
#include "shell/StartPage.h"
#include "async/TrainerAdapter.h"
#include "training/TrainingPanel.h"
#include "project/UnsavedChanges.h"

#include "latentset/cube/SharedLatentState.h"
#include "latentset/data/DatasetCatalog.h"
#include "latentset/util/Error.h"

#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QStandardPaths>
#include <QStatusBar>
#include <QThread>
#include <QTimer>

#include <QApplication>
#include <QCloseEvent>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QMimeData>
#include <QElapsedTimer>
#include <QMenuBar>
#include <QMessageBox>
#include <QFile>
#include <QLocale>
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
    unsaved_ = new UnsavedChanges(this);
    unsaved_->watch(session_);
    unsaved_->watch(training_->adapter());
    unsaved_->watch(training_->cubePanel()->adapter());
    saveAction_->setEnabled(false);
    connect(unsaved_, &UnsavedChanges::unsavedChanged, saveAction_, &QAction::setEnabled);
    // Views over the session's snapshots (ui/*View: one class per view).
    addView("heatmap", tr("Context heatmap"), new HeatmapView(session_));
    addView("gallery", tr("Transfer gallery"), new GalleryView(session_));
    addView("pad", tr("Glyph pad"), new PadView(session_));
    addView("imaginer", tr("Cube imaginer"), new ImaginerView(session_));
    connect(startPage_, &StartPage::recipeRequested, this, &MainWindow::runRecipe);
    connect(startPage_, &StartPage::openProjectRequested, this, [this](const QString& path) {
        if (path.isEmpty())
            openProjectDialog();
        else
            openProjectInBackground(path);
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
            if (!training_->data() && projectPath_.isEmpty())
                training_->loadDataset(id);
        });
    // Autosave: every 5 minutes into this session's own file in the data
    // folder, when there is a model. Crashed sessions' files are listed
    // first, before this session's exists.
    const QString autosaveFolder = QString::fromStdString(latentset::DatasetCatalog::dataDirectory()) + "/autosave";
    recoverable_ = AutosaveFile::recoverable(autosaveFolder);
    autosaveFile_ = std::make_unique<AutosaveFile>(autosaveFolder);
    auto* autosave = new QTimer(this);
    autosave->setInterval(5 * 60 * 1000);
    connect(autosave, &QTimer::timeout, this, &MainWindow::autosave);
    autosave->start();
    resize(1400, 900); // until restoreLayout() brings the user's
}

MainWindow::~MainWindow()
{
    // A save or open on a worker finishes first (a save reads the parked
    // trainers' tasks; the file is then complete). Their continuations are
    // not run: they are queued to this object, which is going.
    for (QThread* t : {saveThread_, openThread_})
        if (t)
            t->wait();
    // Stop training before any view goes: the trainer's thread reports to
    // the panel and publishes snapshots the views are evaluating.
    training_->adapter()->reset();
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
    const int index = viewNames_.indexOf(name);
    if (index < 0)
        return false;
    tabs_->setCurrentIndex(index);
    return true;
}

QStringList MainWindow::viewNames() const { return viewNames_; }

bool MainWindow::openProject(const QString& path, QString* error)
{
    try {
        showOpened(path, ProjectFile::load(path, *session_));
        return true;
    } catch (const std::exception& e) {
        if (error)
            *error = QString::fromUtf8(e.what());
        else
            QMessageBox::warning(this, tr("Open project"), QString::fromUtf8(e.what()));
        return false;
    }
}

void MainWindow::showOpened(const QString& path, ProjectFile::Contents c)
{
    // Moved, not copied: the training state can be ~200 MB (a copy alone
    // cost the GUI thread ~100 ms).
    if (!c.project.isEmpty())
        training_->applyProject(c.project, c.classSet ? session_->classSet() : nullptr, std::move(c.trainingState));
    if (c.cubeTrainingState) // the cube training resumes from it on Play
        training_->cubePanel()->restoreState(c.cubeTrainingState);
    if (c.project.contains("trainingMode"))
        training_->setCubeMode(c.project.value("trainingMode").toString() == "cube-world");
    if (AutosaveFile::isAutosave(path)) {
        // A recovered session has no name yet: Save asks for one.
        projectPath_.clear();
        projectIsOwn_ = false;
        setWindowTitle(tr("Recovered session — LatentSet"));
    } else {
        projectPath_ = path;
        // A file written by latentset-cli holds models only: Save does not
        // overwrite it (Save As), only an app project is saved in place.
        projectIsOwn_ = !c.project.isEmpty();
        StartPage::addRecentProject(path);
        startPage_->refreshRecent();
        setWindowTitle(tr("%1 — LatentSet").arg(QFileInfo(path).fileName()));
    }
    QStringList parts;
    if (c.classSet)
        parts << tr("class set");
    if (c.cubeWorld)
        parts << tr("cube world");
    if (c.cubeTrainingState)
        parts << tr("cube training at %1 rounds").arg(qint64(c.cubeTrainingState->rounds));
    if (c.conceptModel)
        parts << tr("level-2 concept");
    statusBar()->showMessage(tr("Opened %1: %2").arg(path, parts.join(", ")), 8000);
    // What was just read is in its file (a recovered session is not: it
    // has no name yet, and closing it must ask).
    if (!AutosaveFile::isAutosave(path))
        unsaved_->markSaved();
    const QString view = c.project.value("view").toString();
    if (!view.isEmpty())
        showView(view);
}

void MainWindow::openProjectInBackground(const QString& path, std::function<void()> then)
{
    if (openThread_) {
        statusBar()->showMessage(tr("Still opening another project; try again when it is open."), 5000);
        return;
    }
    // The worker only reads the file into `result` (no Session, no widget);
    // the continuation applies it here. shared_ptr: the thread may outlive
    // a failed start, and the lambda must own what it writes.
    struct Result {
        ProjectFile::Parsed parsed;
        QString error;
    };
    auto result = std::make_shared<Result>();
    openThread_ = QThread::create([result, path] {
        try {
            result->parsed = ProjectFile::read(path);
        } catch (const std::exception& e) {
            result->error = QString::fromUtf8(e.what());
        }
    });
    statusBar()->showMessage(tr("Opening %1…").arg(path));
    openThread_->setParent(this); // deleted with the window if it outlives its continuation
    connect(openThread_, &QThread::finished, this, [this, result, path, then = std::move(then)] {
        openThread_->deleteLater();
        openThread_ = nullptr;
        updateBusy();
        if (!result->error.isEmpty()) {
            statusBar()->clearMessage();
            QMessageBox::warning(this, tr("Open project"), result->error);
            return;
        }
        auto apply = [this, result, path, then] {
            showOpened(path, ProjectFile::apply(std::move(result->parsed), *session_));
            if (then)
                then();
        };
        // The open replaces the class-set training (its dataset is loaded
        // again and the panel resets) and the cube training (restoreState)
        // when the file has them. Destroying a running Trainer waits on the
        // GUI thread for its mini-batch: 1.6 s at load 10 in bench/soak.sh.
        // So those are paused first and the open applied once they are
        // parked (polled); the reset then only joins a waiting thread.
        const bool replacesClassSet = result->parsed.project.contains("dataset");
        const bool replacesCube = static_cast<bool>(result->parsed.cubeTrainingState);
        auto applyParked = [this, apply, replacesClassSet, replacesCube] {
            applyWhenParked(apply, replacesClassSet, replacesCube);
        };
        // A save in flight reads the trainers' tasks: applying would reset
        // them under it. The open is applied when the save is done.
        if (saveInProgress())
            applyAfterSave_ = applyParked;
        else
            applyParked();
    });
    openThread_->start();
    updateBusy();
}

void MainWindow::applyWhenParked(std::function<void()> apply, bool classSet, bool cube)
{
    CubeTrainingPanel* cubePanel = training_->cubePanel();
    if (classSet)
        training_->adapter()->pause();
    if (cube)
        cubePanel->adapter()->pause();
    auto parked = [this, cubePanel, classSet, cube] {
        return (!classSet || training_->trainingAtRest()) && (!cube || cubePanel->trainingAtRest());
    };
    if (parked()) {
        apply();
        return;
    }
    auto* poll = new QTimer(this);
    poll->setInterval(20);
    connect(poll, &QTimer::timeout, this, [poll, parked, apply] {
        if (!parked())
            return;
        poll->stop();
        poll->deleteLater();
        apply();
    });
    poll->start();
}

void MainWindow::openProjectDialog(std::function<void()> then)
{
    const QString dir = QString::fromStdString(latentset::DatasetCatalog::modelDirectory());
    const QString path = QFileDialog::getOpenFileName(this, tr("Open project or model"), dir,
                                                      tr("LatentSet files (*.lset *.latentset *.lsm *.model);;All files (*)"));
    if (!path.isEmpty())
        openProjectInBackground(path, std::move(then));
}

bool MainWindow::saveProject(const QString& path)
{
    const bool autosaving = autosaving_ || path == autosavePath();
    if (saveInProgress()) {
        // Coalesced: the newest request runs once the current save is done.
        queuedSave_ = path;
        queuedAutosave_ = autosaving;
        return true;
    }
    // The training states (Adam moments, batch order) can only be read
    // between mini-batches: running trainings are paused and the worker
    // starts once both are parked (polled, the GUI never waits).
    CubeTrainingPanel* cube = training_->cubePanel();
    // A queued save chained to the last one inherits what that one paused
    // (finishSave keeps the flags instead of resuming in between).
    resumeClassSet_ = (resumeClassSet_ && training_->adapter()->trainer() == savedTrainer_)
        || training_->adapter()->state() == latentset::TrainerState::Running;
    resumeCube_ = (resumeCube_ && cube->adapter()->trainer() == savedCubeTrainer_)
        || cube->adapter()->state() == latentset::TrainerState::Running;
    savedTrainer_ = training_->adapter()->trainer();
    savedCubeTrainer_ = cube->adapter()->trainer();
    training_->adapter()->pause();
    cube->adapter()->pause();
    training_->setSaving(true); // Play/Step refused until the worker is done
    savePolling_ = true;
    statusBar()->showMessage(tr("Saving %1…").arg(path));
    updateBusy();
    if (training_->trainingAtRest() && cube->trainingAtRest()) {
        startSaveWorker(path, autosaving);
        return true;
    }
    auto* poll = new QTimer(this);
    poll->setInterval(20);
    connect(poll, &QTimer::timeout, this, [this, poll, path, cube, autosaving] {
        if (!training_->trainingAtRest() || !cube->trainingAtRest())
            return;
        poll->stop();
        poll->deleteLater();
        startSaveWorker(path, autosaving);
    });
    poll->start();
    return true;
}

void MainWindow::startSaveWorker(const QString& path, bool autosaving)
{
    // GUI thread, cheap: the session's snapshots and the project JSON, and
    // jobs that hold the (parked) tasks. publishCurrentSet/-Members give the
    // views the weights being saved, so the file's model and its training
    // state agree.
    CubeTrainingPanel* cube = training_->cubePanel();
    training_->publishCurrentSet();
    cube->publishCurrentMembers();
    QJsonObject project = training_->projectSettings();
    project["view"] = viewNames_.value(tabs_->currentIndex());
    project["trainingMode"] = training_->cubeMode() ? "cube-world" : "class-set";
    struct Work {
        ProjectFile::SaveInput input;
        std::function<std::string()> classState, cubeState;
        QString error;
    };
    auto work = std::make_shared<Work>();
    work->input = ProjectFile::gather(*session_, project);
    savingGeneration_ = unsaved_->generation(); // after the publishes above
    work->classState = training_->trainingStateJob();
    work->cubeState = cube->trainingStateJob();
    savePolling_ = false;
    saveThread_ = QThread::create([work, path] {
        try {
            const std::string classState = work->classState ? work->classState() : std::string();
            std::string cubeState = work->cubeState ? work->cubeState() : std::string();
            ProjectFile::write(path, work->input, classState, std::move(cubeState));
        } catch (const std::exception& e) {
            work->error = QString::fromUtf8(e.what());
        } catch (...) {
            work->error = tr("%1: cannot be written (not saved)").arg(path);
        }
        // Release the tasks here: the last owner of a reset task may be us.
        work->classState = nullptr;
        work->cubeState = nullptr;
    });
    connect(saveThread_, &QThread::finished, this, [this, work, path, autosaving] {
        saveThread_->deleteLater();
        saveThread_ = nullptr;
        finishSave(path, autosaving, work->error);
    });
    saveThread_->setParent(this);
    saveThread_->start();
}

void MainWindow::finishSave(const QString& path, bool autosaving, const QString& error)
{
    // The worker is done with the tasks: Play/Step allowed again, and what
    // ran before the save runs on (unless a Reset replaced that trainer).
    CubeTrainingPanel* cube = training_->cubePanel();
    // With a queued save next, nothing resumes in between: it starts at
    // once (the trainers are parked) and resumes them when it is done.
    training_->setSaving(false);
    if (queuedSave_.isEmpty()) {
        if (resumeClassSet_ && training_->adapter()->trainer() == savedTrainer_)
            training_->adapter()->play();
        if (resumeCube_ && cube->adapter()->trainer() == savedCubeTrainer_)
            cube->adapter()->play();
        resumeClassSet_ = resumeCube_ = false;
    }
    updateBusy();
    if (!error.isEmpty()) {
        // The error names the file, the reason (disk full, read-only, ...)
        // and that the previous file is unchanged (util/ChunkFile::save).
        if (autosaving) {
            // No modal box from a timer, but no 15 s either: it stays until
            // the next status message, so a user back from a break sees it.
            statusBar()->showMessage(tr("Autosave failed: %1").arg(error));
        } else {
            statusBar()->clearMessage();
            QMessageBox box(QMessageBox::Warning, tr("Save project"), tr("The project was not saved."),
                            QMessageBox::Ok, this);
            box.setObjectName("saveFailedBox");
            box.setInformativeText(error);
            box.exec();
        }
    } else {
        if (!AutosaveFile::isAutosave(path)) {
            unsaved_->markSaved(savingGeneration_);
            projectPath_ = path;
            projectIsOwn_ = true;
            StartPage::addRecentProject(path);
            startPage_->refreshRecent();
            setWindowTitle(tr("%1 — LatentSet").arg(QFileInfo(path).fileName()));
        }
        statusBar()->showMessage(autosaving ? tr("Autosaved %1").arg(path) : tr("Saved %1").arg(path), 5000);
    }
    if (closeAfterSave_ && !autosaving) {
        // The close prompt's Save: done, so close (no second prompt even if
        // training reported once more); failed: stay open with the message.
        if (error.isEmpty())
            QTimer::singleShot(0, this, [this] { close(); });
        else
            closeAfterSave_ = false;
    }
    if (applyAfterSave_) {
        auto apply = std::move(applyAfterSave_);
        applyAfterSave_ = nullptr;
        apply();
    }
    if (!queuedSave_.isEmpty()) {
        const QString next = queuedSave_;
        queuedSave_.clear();
        autosaving_ = queuedAutosave_;
        saveProject(next);
        autosaving_ = false;
    }
}

void MainWindow::updateBusy()
{
    // waitUntilIdle and --screenshot wait while any widget is "busy".
    const bool busy = saveInProgress() || openInProgress();
    if (property("busy").toBool() != busy)
        setProperty("busy", busy);
}

void MainWindow::saveProjectAs()
{
    const QString dir = projectPath_.isEmpty() ? QString::fromStdString(latentset::DatasetCatalog::modelDirectory())
                                               : QFileInfo(projectPath_).absolutePath();
    QDir().mkpath(dir);
    QString path = QFileDialog::getSaveFileName(this, tr("Save project"), dir + "/untitled.lset",
                                                tr("LatentSet projects (*.lset)"));
    if (path.isEmpty())
        return;
    if (QFileInfo(path).suffix().isEmpty())
        path += ".lset";
    saveProject(path);
}

QString MainWindow::autosavePath() const { return autosaveFile_->path(); }

void MainWindow::offerRecovery()
{
    if (recoverable_.isEmpty())
        return;
    const QFileInfo newest(recoverable_.first());
    QMessageBox box(QMessageBox::Question, tr("Recover session"),
                    tr("LatentSet did not close normally. A session was autosaved at %1.")
                        .arg(QLocale().toString(newest.lastModified(), QLocale::ShortFormat)),
                    QMessageBox::NoButton, this);
    box.setObjectName("recoverBox");
    box.setInformativeText(tr("Recover it? (%1 MB, %2)").arg(double(newest.size()) / 1e6, 0, 'f', 1).arg(newest.filePath()));
    QPushButton* recover = box.addButton(tr("Recover"), QMessageBox::AcceptRole);
    QPushButton* discard = box.addButton(tr("Discard"), QMessageBox::DestructiveRole);
    box.addButton(tr("Later"), QMessageBox::RejectRole);
    box.setDefaultButton(recover);
    box.exec();
    if (box.clickedButton() == recover)
        recoverAutosave(newest.filePath());
    else if (box.clickedButton() == discard)
        AutosaveFile::discard(newest.filePath());
}

void MainWindow::recoverAutosave(const QString& path)
{
    // Moved, not copied, into this session's autosave: the recovered work
    // stays on disk until it is saved under a name, even through a crash.
    QFile::remove(autosavePath());
    if (!QFile::rename(path, autosavePath())) {
        QMessageBox::warning(this, tr("Recover session"), tr("Cannot move %1 to %2.").arg(path, autosavePath()));
        return;
    }
    AutosaveFile::discard(path); // its lock
    recoverable_.removeAll(path);
    openProjectInBackground(autosavePath(), [this] {
        statusBar()->showMessage(tr("Recovered the autosaved session; File > Save As keeps it under a name."), 10000);
    });
}

void MainWindow::autosave()
{
    if (!session_->classSet() && !session_->hasCubeWorld())
        return;
    if (saveInProgress())
        return; // a save is writing the session right now
    autosaving_ = true; // errors go to the status bar, not a modal box
    saveProject(autosavePath()); // never the user's file
    autosaving_ = false;
}

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
            openProjectDialog(showWorld);
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
        openProjectDialog(showExperiment);
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
    file->addAction(tr("&Open…"), QKeySequence::Open, this, [this] { openProjectDialog(); });
    saveAction_ = file->addAction(tr("&Save"), QKeySequence::Save, this, [this] {
        if (const QString target = saveTarget(); target.isEmpty())
            saveProjectAs();
        else
            saveProject(target);
    });
    // QKeySequence::SaveAs is empty outside KDE/GNOME (Xvfb, other desktops):
    // Ctrl+Shift+S everywhere, as docs/ui.md promises.
    QAction* saveAs = file->addAction(tr("Save &As…"), this, &MainWindow::saveProjectAs);
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
    if (unsaved_->unsaved() && !closeAfterSave_) {
        QMessageBox box(QMessageBox::Warning, tr("Close LatentSet"), tr("The session has unsaved work."),
                        QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, this);
        box.setObjectName("unsavedBox");
        box.setInformativeText(tr("Save it before closing? (Training progress, drawn glyphs or a level-2 concept "
                                  "are in no file yet; the autosave is removed on close.)"));
        box.setDefaultButton(QMessageBox::Save);
        const int answer = box.exec();
        if (answer == QMessageBox::Cancel) {
            event->ignore();
            return;
        }
        if (answer == QMessageBox::Save) {
            // Saving runs on a worker: the window closes once it succeeded
            // (finishSave); a failed or cancelled save keeps it open.
            const QString target = saveTarget();
            closeAfterSave_ = true;
            if (target.isEmpty())
                saveProjectAs();
            else
                saveProject(target);
            if (!saveInProgress())
                closeAfterSave_ = false; // the Save As dialog was cancelled
            event->ignore();
            return;
        }
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
