#pragma once
#include <QMainWindow>

class DatasetBrowser;
class QMenu;
class QSettings;
class QTabWidget;
class Session;
class StartPage;
class TrainingPanel;

// The coordinator: places the views in tabs and wires their signals. Logic
// lives in the views (ui/) and in core/, never here.
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
    // Opens a session saved with File > Save. Reports errors in a message box
    // (or on stderr when there is no screen); returns false on failure.
    bool openProject(const QString& path);
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
    // state so Open + Play resumes exactly; false + message box on failure.
    // While a mini-batch is under way, training is paused, the file written
    // when the batch ends (an event-loop timer, no waiting) and training
    // resumed: then it returns true before the file exists.
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

protected:
    void closeEvent(QCloseEvent* event) override;
    // Dropping a file or folder anywhere on the window opens it as a dataset.
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;

private:
    void addView(const QString& name, const QString& title, QWidget* view);
    void buildMenus();
    void openProjectDialog();
    void saveProjectAs();
    void autosave();
    QString autosavePath() const;
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
    bool remembersLayout_ = false;
    bool savePending_ = false;
    QStringList viewNames_;
};
