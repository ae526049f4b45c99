#pragma once
// File > Open / Save / Save As, autosave, crash recovery and the close
// prompt: the save/open protocol between the session, the training panel and
// ui/ProjectFile, without a window (MainWindow places the menus and forwards;
// tests drive it directly). GUI thread only.
//
// Save never blocks the GUI thread. With the training state (the default)
// running trainings are paused; once both are parked (their trainers'
// parked signals, TrainingController::whenAtRest) the GUI thread
// gathers the session's snapshots and a worker serialises the training
// states and writes the file, the trainers kept parked (TrainingPanel::
// setSaving refuses Play/Step) until it is done; then those that ran resume.
// Weights only (setSaveTrainingState(false)): the views' models and the
// project JSON, no Adam moments or batch order, so no pause at all and a file
// about a third the size (docs/ui.md). A save asked for while one runs is
// queued (the latest path; never two at once, never dropped). Saves and
// opens are jobs of two JobRunners (EveryJob) on the app's worker pool.
//
// Open reads, parses and checks the file on a worker (ProjectFile::read,
// reporting openProgress), then applies it here (pointer swaps). The session
// holds one class set and one cube world: an opened class set also becomes
// the training panel's task (Play continues it, not the one trained before),
// an opened cube world without training state becomes the cube training's
// (its members, fresh optimiser state). Interactive opens ask Save / Discard / Cancel first
// when there is unsaved work.
//
// The views' state (angle, pins, picks, ...) goes into the project's "views"
// object through addViewState(); projects without it open as before.
#include "project/ProjectFile.h"

#include <QJsonObject>
#include <QObject>
#include <QStringList>

#include <functional>
#include <memory>
#include <vector>

class AutosaveFile;
class QSettings;
class JobRunner;
class QWidget;
class Session;
class TrainingController;
class TrainingPanel;
class UnsavedChanges;

class ProjectController : public QObject {
    Q_OBJECT
public:
    // `window` parents the dialogs (may be null). Autosaves go to
    // `autosaveFolder` (ui/AutosaveFile); the crashed sessions' files there
    // are listed now, before this session's own exists.
    ProjectController(Session* session, TrainingPanel* training, QWidget* window, const QString& autosaveFolder,
                      QObject* parent = nullptr);
    // Waits for a save or open on a worker (a save reads the parked tasks).
    ~ProjectController() override;

    // A view's part of a project: `save` gives a JSON object, `restore` takes
    // it back after an open (the session already holds the opened models).
    void addViewState(const QString& name, std::function<QJsonObject()> save,
                      std::function<void(const QJsonObject&)> restore);
    // The name of the view shown, written as the project's "view".
    void setCurrentView(std::function<QString()> currentView) { currentView_ = std::move(currentView); }
    // Files that are not projects but open in the app all the same (a world
    // model: ui/training/WorldTrainingPanel): `opener` is asked first by
    // openProject and openInBackground and returns true when it took the file.
    void setForeignOpener(std::function<bool(const QString& path)> opener) { foreignOpener_ = std::move(opener); }

    // Synchronous open (latentset --project before the window shows, tests):
    // false on failure, the message in *error when given, else a message box.
    bool openProject(const QString& path, QString* error = nullptr);
    // Background open (File > Open, start page). Asks first if there is
    // unsaved work (Save / Discard / Cancel). `then` runs after a successful
    // apply. A damaged file: a message box, the session untouched.
    void openInBackground(const QString& path, std::function<void()> then = {});
    void openDialog(std::function<void()> then = {});
    // Starts a save of the session to `path` (see above); returns at once.
    bool saveProject(const QString& path);
    // Ctrl+S: in place for an app project the user opened or saved, else Save As.
    void save();
    // The Save dialog; its file type chooses weights only or with the training state.
    void saveAs();
    bool saveInProgress() const { return saving_ || savePolling_; }
    // An open is in progress from the read until it is applied (after the
    // trainings it replaces parked, after a save in flight).
    bool openInProgress() const { return opening_ || applyPending_; }

    // Whether saves hold the training state (Adam moments, batch order, the
    // cube training) to resume bit for bit, or the models only.
    bool saveTrainingState() const { return saveTrainingState_; }
    void setSaveTrainingState(bool withState) { saveTrainingState_ = withState; }
    // Reads the remembered choice (group "project") and remembers later ones
    // in the default QSettings (the app's start; tests and --screenshot do not).
    void restoreSettings(const QSettings& settings);

    QString projectPath() const { return projectPath_; }
    // Where Ctrl+S writes: empty (Save As) for a new or recovered session and
    // for a model written by latentset-cli (never overwritten by Save).
    QString saveTarget() const { return projectIsOwn_ ? projectPath_ : QString(); }
    UnsavedChanges* unsavedChanges() const { return unsaved_; }

    QStringList recoverableAutosaves() const { return recoverable_; }
    QString autosavePath() const;
    void autosave();
    // Interactive start: Recover / Discard / Later for the newest crashed autosave.
    void offerRecovery();
    // Opens a crashed session's autosave as an untitled session, its file
    // becoming this session's autosave.
    void recoverAutosave(const QString& path);

    // The close prompt: true if the window may close now. With unsaved work
    // it asks; Save starts the save and returns false (closeRequested
    // follows once it succeeded).
    bool mayClose();

signals:
    void statusMessage(const QString& text, int timeoutMs);
    void busyChanged(bool busy);
    void titleChanged(const QString& title);
    // A file the user named was opened or saved (the recent list).
    void projectNamed(const QString& path);
    void viewRequested(const QString& name);
    void closeRequested();
    // While a file is read on the worker: 0-100 and what it reads.
    void openProgress(int percent, const QString& stage);

private:
    std::function<bool(const QString&)> foreignOpener_;
    struct ViewState {
        QString name;
        std::function<QJsonObject()> save;
        std::function<void(const QJsonObject&)> restore;
    };
    void startOpenWorker(const QString& path, std::function<void()> then);
    // The open's read is done (GUI thread): a message, or apply once the
    // trainings it replaces are parked (and no save reads them).
    void openRead(const QString& path, const QString& error, ProjectFile::Parsed& parsed,
                  std::function<void()> then);
    // Pauses `trainings` and runs `then` once all are parked (their
    // controllers' whenAtRest: the trainers' parked signals, no polling).
    void whenParked(std::vector<TrainingController*> trainings, std::function<void()> then);
    void showOpened(const QString& path, ProjectFile::Contents c);
    void startSaveWorker(const QString& path, bool autosaving, bool withState);
    void finishSave(const QString& path, bool autosaving, const QString& error);
    QJsonObject projectJson() const;
    void updateBusy();
    // Save / Discard / Cancel for work an open or a close would lose; true = go on.
    bool askUnsaved(const QString& action, const QString& informative, bool* saving);

    Session* session_;
    TrainingPanel* training_;
    QWidget* window_;
    UnsavedChanges* unsaved_;
    std::unique_ptr<AutosaveFile> autosaveFile_;
    QStringList recoverable_;
    std::vector<ViewState> views_;
    std::function<QString()> currentView_;
    QString projectPath_;
    bool projectIsOwn_ = false; // projectPath_ holds an app project (a UIPR chunk), not a CLI model
    bool saveTrainingState_ = true;
    bool remembersSettings_ = false;
    quint64 savingGeneration_ = 0; // what the save being written gathered
    bool closeAfterSave_ = false;  // the close prompt's Save: close once it succeeded
    JobRunner* saveRunner_;   // EveryJob: one save at a time (queuedSave_ coalesces)
    JobRunner* openRunner_;   // EveryJob: one read at a time
    bool saving_ = false;     // a save job runs (until its continuation starts)
    bool opening_ = false;    // an open job reads (until its continuation starts)
    bool savePolling_ = false; // waiting for the trainers to park
    bool applyPending_ = false; // an open read, waiting to be applied
    QString queuedSave_;       // asked for while a save ran
    bool queuedAutosave_ = false;
    bool autosaving_ = false; // saveProject called by autosave(): errors in the status bar
    // The trainings the save paused and their trainers then (a Reset replaces them).
    struct Paused {
        TrainingController* training;
        const void* trainer;
    };
    std::vector<Paused> resume_;
    std::function<void()> applyAfterSave_; // an open that finished during a save
    std::function<void()> openAfterSave_;  // the open prompt's Save: open once it succeeded
};
