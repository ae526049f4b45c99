#pragma once
#include <QMainWindow>

class QMenu;
class QTabWidget;
class Session;
class StartPage;

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
    // Runs the event loop until no view is busy (a view sets the dynamic
    // property "busy" while a worker computes for it) or `timeoutMs` passed.
    // For --screenshot and tests only: the GUI never waits like this.
    void waitUntilIdle(int timeoutMs);

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    void addView(const QString& name, const QString& title, QWidget* view);
    void buildMenus();

    QTabWidget* tabs_ = nullptr;
    QMenu* viewMenu_ = nullptr;
    StartPage* startPage_ = nullptr;
    Session* session_ = nullptr;
    QStringList viewNames_;
};
