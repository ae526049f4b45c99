#pragma once
#include "project/ProjectController.h"

#include <QMainWindow>

#include <functional>

class DatasetBrowser;
class GalleryView;
class HeatmapView;
class ImaginerView;
class LatentMapView;
class PadView;
class WorldGalleryView;
class WorldHeatmapView;
class WorldOneShotView;
class QMenu;
class QProgressBar;
class QSettings;
class QTabWidget;
class Session;
class StartPage;
class TrainingPanel;
class UnsavedChanges;

// The coordinator: places the views in tabs, builds the menus and wires
// signals. Logic lives in the views (ui/views), the training panels
// (ui/training), the project controller (ui/project: save, open, autosave,
// recovery, the close prompt) and core/, never here.
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
    TrainingPanel* trainingPanel() const { return training_; }
    DatasetBrowser* datasetBrowser() const { return datasetBrowser_; }
    // Save, open, autosave and recovery (ui/project/ProjectController).
    ProjectController* project() const { return project_; }
    // Starts loading a dataset (known id such as "mnist", IDX folder/file,
    // CSV, image folder) into the "dataset" view, on a worker thread; the
    // view shows errors. Its test split becomes the session's samples.
    void openDataset(const QString& pathOrId);
    // Runs the event loop until no view is busy (a view sets the dynamic
    // property "busy" while a worker computes for it) or `timeoutMs` passed.
    // For --screenshot and tests only: the GUI never waits like this.
    void waitUntilIdle(int timeoutMs);
    // Carries out a Start page recipe ("classify-mnist", "cube-world", ...).
    void runRecipe(const QString& id);
    // Window layout in QSettings (group "layout"): geometry, main-window
    // state, the current view, the training view's mode and every view's
    // splitter positions. restoreLayout() also makes closing the window save
    // it to the default QSettings, and reads the remembered Save choice
    // (the app calls it at start; tests and --screenshot do not).
    void saveLayout(QSettings& settings) const;
    void restoreLayout(const QSettings& settings);

    // The project controller's, for the app's main() and tests (see there).
    bool openProject(const QString& path, QString* error = nullptr) { return project_->openProject(path, error); }
    void openProjectInBackground(const QString& path, std::function<void()> then = {})
    {
        project_->openInBackground(path, std::move(then));
    }
    bool saveProject(const QString& path) { return project_->saveProject(path); }
    bool saveInProgress() const { return project_->saveInProgress(); }
    bool openInProgress() const { return project_->openInProgress(); }
    QStringList recoverableAutosaves() const { return project_->recoverableAutosaves(); }
    void offerRecovery() { project_->offerRecovery(); }
    void recoverAutosave(const QString& path) { project_->recoverAutosave(path); }
    QString saveTarget() const { return project_->saveTarget(); }
    void autosave() { project_->autosave(); }
    QString autosavePath() const { return project_->autosavePath(); }
    UnsavedChanges* unsavedChanges() const { return project_->unsavedChanges(); }
    QAction* saveAction() const { return saveAction_; }

protected:
    void closeEvent(QCloseEvent* event) override;
    // Dropping a file or folder anywhere on the window opens it as a dataset.
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;

private:
    void addView(const QString& name, const QString& title, QWidget* view);
    // The views of any context world, their project state and the world model opener.
    struct WorldViews {
        WorldHeatmapView* heatmap;
        WorldGalleryView* gallery;
        WorldOneShotView* oneShot;
    };
    WorldViews addWorldViews();
    void addAttackView();
    // View "interpretations": the class set's readings of one input (MainWindowViews.cpp).
    void addInterpretationsView();
    void buildMenus();
    // Writes `view` as PNG with FigureInfo text (its own exportPng if it has one).
    bool exportViewPng(QWidget* view, const QString& path);
    // The project controller's signals and the views' parts of a project.
    void wireProject(HeatmapView* heatmap, GalleryView* gallery, PadView* pad, ImaginerView* imaginer);
    // The latent map's inputs sent to the other views, and its project state.
    void wireLatentMap(LatentMapView* latent, HeatmapView* heatmap, GalleryView* gallery, PadView* pad,
                       const WorldViews& worldViews);
    void exportCurrentView();
    void rebuildRecentDatasetsMenu();

    QTabWidget* tabs_ = nullptr;
    QMenu* viewMenu_ = nullptr;
    StartPage* startPage_ = nullptr;
    DatasetBrowser* datasetBrowser_ = nullptr;
    QMenu* recentDatasetsMenu_ = nullptr;
    Session* session_ = nullptr;
    TrainingPanel* training_ = nullptr;
    ProjectController* project_ = nullptr;
    QAction* saveAction_ = nullptr;
    QProgressBar* openProgress_ = nullptr;
    bool remembersLayout_ = false;
    QStringList viewNames_;
};
