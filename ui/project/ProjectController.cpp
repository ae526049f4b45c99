#include "project/ProjectController.h"

#include "async/JobRunner.h"
#include "async/TrainerAdapter.h"
#include "project/AutosaveFile.h"
#include "project/ProjectDialogs.h"
#include "project/TrainingAdoption.h"
#include "project/UnsavedChanges.h"
#include "session/Session.h"
#include "training/ClassSetTrainingPanel.h"
#include "training/TrainingController.h"
#include "training/TrainingPanel.h"
#include "training/WorldTrainingPanel.h"

#include "latentset/cube/SharedLatentState.h"
#include "latentset/data/DatasetCatalog.h"
#include "latentset/world/WorldModel.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QMessageBox>
#include <QPointer>
#include <QSettings>
#include <QTimer>

#include <algorithm>

ProjectController::ProjectController(Session* session, TrainingPanel* training, QWidget* window,
                                     const QString& autosaveFolder, QObject* parent)
    : QObject(parent)
    , session_(session)
    , training_(training)
    , window_(window)
    , unsaved_(new UnsavedChanges(this))
    , saveRunner_(new JobRunner(nullptr, this, JobRunner::Policy::EveryJob))
    , openRunner_(new JobRunner(nullptr, this, JobRunner::Policy::EveryJob))
{
    unsaved_->watch(session_);
    for (TrainingController* c : training_->controllers())
        unsaved_->watch(c->adapter());
    unsaved_->watch(training_->worldPanel()->adapter()); // the world is in projects too ("UIWD")
    // A member trained alone changes the set without the panel's trainer.
    connect(training_->classSet(), &ClassSetTrainingPanel::memberTrained, unsaved_, &UnsavedChanges::touch);
    recoverable_ = AutosaveFile::recoverable(autosaveFolder);
    autosaveFile_ = std::make_unique<AutosaveFile>(autosaveFolder);
}

ProjectController::~ProjectController()
{
    // Each waits for its running job; their continuations are not run.
    // Here, not with the other children: the open's job posts progress to us.
    delete saveRunner_;
    delete openRunner_;
}

void ProjectController::addViewState(const QString& name, std::function<QJsonObject()> save,
                                     std::function<void(const QJsonObject&)> restore)
{
    views_.push_back({name, std::move(save), std::move(restore)});
}

void ProjectController::restoreSettings(const QSettings& settings)
{
    remembersSettings_ = true;
    saveTrainingState_ = settings.value("project/saveTrainingState", saveTrainingState_).toBool();
}

// --- open ---------------------------------------------------------------------

bool ProjectController::openProject(const QString& path, QString* error)
{
    if (foreignOpener_ && foreignOpener_(path))
        return true;
    try {
        showOpened(path, ProjectFile::load(path, *session_));
        return true;
    } catch (const std::exception& e) {
        if (error)
            *error = QString::fromUtf8(e.what());
        else
            QMessageBox::warning(window_, tr("Open project"), QString::fromUtf8(e.what()));
        return false;
    }
}

void ProjectController::openDialog(std::function<void()> then)
{
    const QString path = ProjectDialogs::askOpenPath(window_, QString::fromStdString(latentset::DatasetCatalog::modelDirectory()));
    if (!path.isEmpty())
        openInBackground(path, std::move(then));
}

bool ProjectController::askUnsaved(const QString& action, const QString& informative, bool* saving)
{
    *saving = false;
    if (!unsaved_->unsaved())
        return true;
    switch (ProjectDialogs::askUnsaved(window_, action, informative)) {
    case ProjectDialogs::Unsaved::Cancel:
        return false;
    case ProjectDialogs::Unsaved::Discard:
        return true;
    case ProjectDialogs::Unsaved::Save:
        save();
        *saving = saveInProgress(); // false: the Save As dialog was cancelled
        return *saving;
    }
    return false;
}

void ProjectController::openInBackground(const QString& path, std::function<void()> then)
{
    if (openInProgress() || openAfterSave_) {
        emit statusMessage(tr("Still opening another project; try again when it is open."), 5000);
        return;
    }
    if (foreignOpener_ && foreignOpener_(path))
        return;
    bool saving = false;
    if (!askUnsaved(tr("Open project"),
                    tr("Save it before opening %1? (The opened file replaces the class set or cube world and "
                       "its training.)")
                        .arg(QFileInfo(path).fileName()),
                    &saving))
        return;
    if (saving) // the open follows once the save succeeded (finishSave)
        openAfterSave_ = [this, path, then = std::move(then)] { startOpenWorker(path, then); };
    else
        startOpenWorker(path, std::move(then));
}

void ProjectController::startOpenWorker(const QString& path, std::function<void()> then)
{
    // The worker only reads the file into `result` (no Session, no widget);
    // the continuation applies it here. shared_ptr: the lambda owns what it writes.
    struct Result {
        ProjectFile::Parsed parsed;
        QString error;
    };
    auto result = std::make_shared<Result>();
    opening_ = true;
    emit statusMessage(tr("Opening %1…").arg(path), 0);
    openRunner_->submit([this, result, path, then = std::move(then)]() -> JobRunner::Continuation {
        try {
            result->parsed = ProjectFile::read(path, [this](int percent, const char* stage) {
                // Queued to the GUI thread; ~ProjectController waits for this job.
                QMetaObject::invokeMethod(this, [this, percent, stage = QString::fromUtf8(stage)] {
                    emit openProgress(percent, stage);
                }, Qt::QueuedConnection);
            });
        } catch (const std::exception& e) {
            result->error = QString::fromUtf8(e.what());
        }
        return [this, result, path, then] { openRead(path, result->error, result->parsed, then); };
    });
    updateBusy();
}

void ProjectController::openRead(const QString& path, const QString& error, ProjectFile::Parsed& parsed,
                                 std::function<void()> then)
{
    opening_ = false;
    applyPending_ = error.isEmpty(); // still "opening" until it is applied
    updateBusy();
    if (!error.isEmpty()) {
        emit statusMessage(QString(), 0);
        QMessageBox::warning(window_, tr("Open project"), error);
        return;
    }
    // Owned by the continuation below (moved into the session when applied).
    auto opened = std::make_shared<ProjectFile::Parsed>(std::move(parsed));
    auto apply = [this, opened, path, then] {
        applyPending_ = false;
        updateBusy();
        showOpened(path, ProjectFile::apply(std::move(*opened), *session_));
        if (then)
            then();
    };
    // Destroying a running Trainer waits on the GUI thread for its
    // mini-batch (1.6 s at load 10 in bench/soak.sh): the trainings the
    // open replaces are paused first and the open applied once parked.
    const bool replacesClassSet = opened->classSet || opened->project.contains("dataset");
    const bool replacesCube = opened->cube || opened->cubeTrainingState;
    std::vector<TrainingController*> replaced;
    if (replacesClassSet)
        replaced.push_back(training_->classSet());
    if (replacesCube)
        replaced.push_back(training_->cube());
    if (opened->world)
        replaced.push_back(training_->worldPanel());
    auto applyParked = [this, apply, replaced] { whenParked(replaced, apply); };
    // A save in flight reads the trainers' tasks: applying would reset them under it.
    if (saveInProgress())
        applyAfterSave_ = applyParked;
    else
        applyParked();
}

void ProjectController::whenParked(std::vector<TrainingController*> trainings, std::function<void()> then)
{
    // A parked trainer's task can be read or dropped without waiting. Each
    // controller says when it is at rest (its trainer's parked/finished
    // signal, TrainingController::whenAtRest); once the last one has, all
    // are checked again (one may have been played meanwhile) and the wait
    // starts over if one is not. A Reset replacing a trainer meanwhile ends
    // that controller's wait too (its new trainer is at rest).
    for (TrainingController* c : trainings)
        c->pause();
    const bool allAtRest = std::all_of(trainings.begin(), trainings.end(),
                                       [](TrainingController* c) { return c->trainingAtRest(); });
    if (allAtRest) {
        then();
        return;
    }
    auto left = std::make_shared<int>(int(trainings.size()));
    QPointer<ProjectController> self(this);
    for (TrainingController* c : trainings)
        c->whenAtRest([self, trainings, then, left] {
            if (--*left == 0 && self)
                self->whenParked(trainings, then);
        });
}

void ProjectController::showOpened(const QString& path, ProjectFile::Contents c)
{
    TrainingAdoption::adopt(*training_, *session_, c); // moves the training state out (~200 MB)
    if (AutosaveFile::isAutosave(path)) {
        // A recovered session has no name yet: Save asks for one.
        projectPath_.clear();
        projectIsOwn_ = false;
        emit titleChanged(tr("Recovered session — LatentSet"));
    } else {
        projectPath_ = path;
        // A file written by latentset-cli holds models only: Save does not
        // overwrite it (Save As), only an app project is saved in place.
        projectIsOwn_ = !c.project.isEmpty();
        emit projectNamed(path);
        emit titleChanged(tr("%1 — LatentSet").arg(QFileInfo(path).fileName()));
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
    if (c.worldModel)
        parts << (c.worldConcept ? tr("%1 world with its level-2 concept") : tr("%1 world"))
                     .arg(QString::fromStdString(c.worldModel->spec.kind));
    if (!c.worldError.isEmpty())
        parts << c.worldError;
    const QJsonObject views = c.project.value("views").toObject();
    for (const ViewState& v : views_)
        if (views.contains(v.name))
            v.restore(views.value(v.name).toObject());
    emit statusMessage(tr("Opened %1: %2").arg(path, parts.join(", ")), 8000);
    // What was just read is in its file (a recovered session is not).
    if (!AutosaveFile::isAutosave(path))
        unsaved_->markSaved();
    const QString view = c.project.value("view").toString();
    if (!view.isEmpty())
        emit viewRequested(view);
}

// --- save ---------------------------------------------------------------------

void ProjectController::save()
{
    if (const QString target = saveTarget(); target.isEmpty())
        saveAs();
    else
        saveProject(target);
}

void ProjectController::saveAs()
{
    const QString dir = projectPath_.isEmpty() ? QString::fromStdString(latentset::DatasetCatalog::modelDirectory())
                                               : QFileInfo(projectPath_).absolutePath();
    QDir().mkpath(dir);
    const QString path = ProjectDialogs::askSavePath(window_, dir + "/untitled.lset", &saveTrainingState_);
    if (path.isEmpty())
        return;
    if (remembersSettings_)
        QSettings().setValue("project/saveTrainingState", saveTrainingState_);
    saveProject(path);
}

bool ProjectController::saveProject(const QString& path)
{
    const bool autosaving = autosaving_ || path == autosavePath();
    if (saveInProgress()) {
        queuedSave_ = path; // coalesced: the newest request runs once this one is done
        queuedAutosave_ = autosaving;
        return true;
    }
    emit statusMessage(tr("Saving %1…").arg(path), 0);
    if (!saveTrainingState_) {
        // Weights only: the session's immutable snapshots are all it needs.
        startSaveWorker(path, autosaving, false);
        return true;
    }
    // The training states can only be read between mini-batches: running
    // trainings are paused and the worker starts once both are parked. A
    // queued save chained to the last one inherits what that one paused.
    std::vector<Paused> resume;
    for (TrainingController* c : training_->controllers()) {
        const void* trainer = c->adapter()->trainer();
        const bool wasPaused = std::any_of(resume_.begin(), resume_.end(), [c, trainer](const Paused& p) {
            return p.training == c && p.trainer == trainer;
        });
        if (wasPaused || c->adapter()->state() == latentset::TrainerState::Running)
            resume.push_back({c, trainer});
    }
    resume_ = std::move(resume);
    training_->setSaving(true); // Play/Step of both refused until the worker is done
    savePolling_ = true;
    updateBusy();
    whenParked(training_->controllers(), [this, path, autosaving] { startSaveWorker(path, autosaving, true); });
    return true;
}

QJsonObject ProjectController::projectJson() const
{
    QJsonObject project = training_->projectSettings();
    project["view"] = currentView_ ? currentView_() : QString();
    project["trainingMode"] = training_->cubeMode() ? "cube-world" : "class-set";
    QJsonObject views;
    for (const ViewState& v : views_)
        views[v.name] = v.save();
    project["views"] = views;
    return project;
}

void ProjectController::startSaveWorker(const QString& path, bool autosaving, bool withState)
{
    // GUI thread, cheap: the session's snapshots, the project JSON and jobs
    // that hold the (parked) tasks. publishCurrentSet/-Members give the views
    // the weights being saved, so the file's model and training state agree.
    struct Work {
        ProjectFile::SaveInput input;
        std::function<std::string()> classState, cubeState;
        QString error;
    };
    auto work = std::make_shared<Work>();
    if (withState) {
        for (TrainingController* c : training_->controllers())
            c->publishCurrent();
        work->classState = training_->classSet()->trainingStateJob();
        work->cubeState = training_->cube()->trainingStateJob();
    }
    work->input = ProjectFile::gather(*session_, projectJson());
    savingGeneration_ = unsaved_->generation(); // after the publishes above
    savePolling_ = false;
    saving_ = true;
    saveRunner_->submit([this, work, path, autosaving]() -> JobRunner::Continuation {
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
        return [this, work, path, autosaving] {
            saving_ = false;
            finishSave(path, autosaving, work->error);
        };
    });
    updateBusy();
}

void ProjectController::finishSave(const QString& path, bool autosaving, const QString& error)
{
    // The worker is done with the tasks: Play/Step allowed again, and what
    // ran before the save runs on (unless a Reset replaced that trainer).
    // With a queued save next, nothing resumes in between.
    training_->setSaving(false);
    if (queuedSave_.isEmpty()) {
        for (const Paused& p : resume_)
            if (p.training->adapter()->trainer() == p.trainer)
                p.training->adapter()->play();
        resume_.clear();
    }
    updateBusy();
    if (!error.isEmpty()) {
        // The error names the file, the reason and that the previous file is
        // unchanged (util/ChunkFile::save). Autosave: no modal box from a
        // timer; the message stays until the next one.
        if (autosaving) {
            emit statusMessage(tr("Autosave failed: %1").arg(error), 0);
        } else {
            emit statusMessage(QString(), 0);
            QMessageBox box(QMessageBox::Warning, tr("Save project"), tr("The project was not saved."),
                            QMessageBox::Ok, window_);
            box.setObjectName("saveFailedBox");
            box.setInformativeText(error);
            box.exec();
        }
    } else {
        if (!AutosaveFile::isAutosave(path)) {
            unsaved_->markSaved(savingGeneration_);
            projectPath_ = path;
            projectIsOwn_ = true;
            emit projectNamed(path);
            emit titleChanged(tr("%1 — LatentSet").arg(QFileInfo(path).fileName()));
        }
        emit statusMessage(autosaving ? tr("Autosaved %1").arg(path) : tr("Saved %1").arg(path), 5000);
    }
    if (!autosaving) {
        // The close or open prompt's Save: done, so go on (no second close
        // prompt even if training reported once more); failed: stay.
        if (closeAfterSave_ && error.isEmpty())
            QTimer::singleShot(0, this, [this] { emit closeRequested(); });
        else
            closeAfterSave_ = false;
        auto open = std::move(openAfterSave_);
        openAfterSave_ = nullptr;
        if (open && error.isEmpty())
            open();
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

void ProjectController::updateBusy()
{
    emit busyChanged(saveInProgress() || openInProgress());
}

// --- close (autosave and recovery: ProjectControllerAutosave.cpp) ---------------

bool ProjectController::mayClose()
{
    if (closeAfterSave_)
        return true; // the prompt's Save succeeded (or still writes: ~MainWindow waits for it)
    bool saving = false;
    if (!askUnsaved(tr("Close LatentSet"),
                    tr("Save it before closing? (Training progress, drawn glyphs or a level-2 concept are in no "
                       "file yet; the autosave is removed on close.)"),
                    &saving))
        return false;
    if (saving) {
        closeAfterSave_ = true; // closeRequested once it succeeded (finishSave)
        return false;
    }
    return true;
}
