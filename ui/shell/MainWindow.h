#pragma once
#include <memory>
#include "project/ProjectFile.h"

#include <QMainWindow>

#include <functional>

class DatasetBrowser;
class QMenu;
class QThread;
class QSettings;
class QTabWidget;
class Session;
class StartPage;
class TrainingPanel;

// The coordinator: places the views in tabs and wires their signals. Logic
// lives in the views (ui/) and in core/, never here.
class AutosaveFile;
class UnsavedChanges;

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    // Shows the view registered under `name` ("start", "dataset", ...).
    // Returns false if there is no such view.
    bool showView(const QString& name);
    QStringList viewNames() const;
    Session* session() const { return session_; }
    // Opens a session saved with File > Save, synchronously: reads, parses
    // and applies on the GUI thread (for `latentset --project` before the
    // window shows, and tests); returns false on failure. The message goes
    // to *error when given (no dialog: a scripted run has no one to close
    // it), else to a message box.
    bool openProject(const QString& path, QString* error = nullptr);
    // The same for the GUI (File > Open, the start page's recent list):
    // reads, parses and checks the file on a worker thread, then applies it
    // on the GUI thread (pointer swaps). Meanwhile the status bar says so and
    // the window carries "busy" (waitUntilIdle waits). A damaged file: a
    // message box, the session untouched.
    // `then` runs after a successful open has been applied.
    void openProjectInBackground(const QString& path, std::function<void()> then = {});
    // True while a save or an open runs on a worker.
    bool saveInProgress() const { return saveThread_ != nullptr || savePolling_; }
    bool openInProgress() const { return openThread_ != nullptr; }
    // Starts loading a dataset (known id such as "mnist", IDX folder/file,
    // CSV, image folder) into the "dataset" view, on a worker thread; the
    // view shows errors. Its test split becomes the session's samples.
    void openDataset(const QString& pathOrId);
    DatasetBrowser* datasetBrowser() const { return datasetBrowser_; }
    // Runs the event loop until no view is busy (a view sets the dynamic
    // property "busy" while a worker computes for it) or `timeoutMs` passed.
    // For --screenshot and tests only: the GUI never waits like this.
    void waitUntilIdle(int timeoutMs);
    // Writes the session as a project (ui/ProjectFile), with the training
    // states so Open + Play resumes exactly. Never blocks the GUI thread:
    // running trainings are paused; once both are parked (polled) the GUI
    // thread gathers the session's snapshots and a worker thread serialises
    // the training states and writes the file, the trainers kept parked
    // (TrainingPanel::setSaving refuses Play/Step) until it is done; then
    // those that ran are resumed. Returns at once (true); the file exists
    // when saveInProgress() turns false. A save asked for while one runs is
    // queued (the latest path; never two at once, never dropped). Errors: a
    // message box (autosave: a status-bar message).
    bool saveProject(const QString& path);
    // Carries out a Start page recipe ("classify-mnist", "cube-world", ...).
    void runRecipe(const QString& id);
    TrainingPanel* trainingPanel() const { return training_; }
    // Window layout in QSettings (group "layout"): geometry, main-window
    // state, the current view, the training view's mode and every view's
    // splitter positions. restoreLayout() also makes closing the window save
    // it to the default QSettings (the app calls it at start; tests and
    // --screenshot do not, so they neither read nor overwrite the user's).
    void saveLayout(QSettings& settings) const;
    void restoreLayout(const QSettings& settings);

    // Autosaves: never into a file the user named (ui/AutosaveFile). Those
    // left by a session that did not end cleanly, newest first, found when
    // this window was made (before its own autosave existed).
    QStringList recoverableAutosaves() const { return recoverable_; }
    // Interactive start: asks whether to recover the newest of them (Recover
    // / Discard / Later). Never called for scripted runs (--screenshot).
    void offerRecovery();
    // Opens a crashed session's autosave as an untitled session (Save asks
    // for a name); the file becomes this session's autosave, so a second
    // crash loses nothing either.
    void recoverAutosave(const QString& path);
    // Where Ctrl+S writes: the project the user opened or saved, if it is one
    // of the app's projects; empty (Save As) for a new session, a recovered
    // one, or a model written by latentset-cli (never overwritten by Save).
    QString saveTarget() const { return projectIsOwn_ ? projectPath_ : QString(); }
    // Saves the session into this session's autosave file now (the timer
    // does it every 5 minutes when there is a model).
    void autosave();
    QString autosavePath() const;
    // Work no project file holds yet (training progress, drawn glyphs, a
    // concept). File > Save is enabled only then; closing the window with
    // such work asks Save / Discard / Cancel.
    UnsavedChanges* unsavedChanges() const { return unsaved_; }
    QAction* saveAction() const { return saveAction_; }

protected:
    void closeEvent(QCloseEvent* event) override;
    // Dropping a file or folder anywhere on the window opens it as a dataset.
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;

private:
    void addView(const QString& name, const QString& title, QWidget* view);
    void buildMenus();
    void openProjectDialog(std::function<void()> then = {});
    void saveProjectAs();
    // Writes `view` as PNG with FigureInfo text (its own exportPng if it has one).
    bool exportViewPng(QWidget* view, const QString& path);
    void exportCurrentView();
    void rebuildRecentDatasetsMenu();

    QTabWidget* tabs_ = nullptr;
    QMenu* viewMenu_ = nullptr;
    StartPage* startPage_ = nullptr;
    DatasetBrowser* datasetBrowser_ = nullptr;
    QMenu* recentDatasetsMenu_ = nullptr;
    Session* session_ = nullptr;
    TrainingPanel* training_ = nullptr;
    QString projectPath_;
    UnsavedChanges* unsaved_ = nullptr;
    QAction* saveAction_ = nullptr;
    quint64 savingGeneration_ = 0; // what the save being written gathered
    bool closeAfterSave_ = false;  // the close prompt's Save: close once it succeeded
    bool projectIsOwn_ = false; // projectPath_ holds an app project (a UIPR chunk), not a CLI model
    QStringList recoverable_;
    std::unique_ptr<AutosaveFile> autosaveFile_;
    bool remembersLayout_ = false;
    // Save/open on workers (saveProject, openProjectInBackground).
    void startSaveWorker(const QString& path, bool autosaving);
    // Pauses the trainings an open replaces and runs `apply` once they are
    // parked (polled): a parked trainer is destroyed without waiting.
    void applyWhenParked(std::function<void()> apply, bool classSet, bool cube);
    void finishSave(const QString& path, bool autosaving, const QString& error);
    // The window's part of an open, after ProjectFile::apply (GUI thread).
    void showOpened(const QString& path, ProjectFile::Contents c);
    void updateBusy();
    QThread* saveThread_ = nullptr;
    QThread* openThread_ = nullptr;
    bool savePolling_ = false; // waiting for the trainers to park
    QString queuedSave_;       // asked for while a save ran
    bool queuedAutosave_ = false;
    bool autosaving_ = false; // saveProject called by autosave(): errors in the status bar
    bool resumeClassSet_ = false, resumeCube_ = false;
    const void* savedTrainer_ = nullptr; // the trainers paused by the save (a Reset replaces them)
    const void* savedCubeTrainer_ = nullptr;
    std::function<void()> applyAfterSave_; // an open that finished during a save
    QStringList viewNames_;
};
