#pragma once
#include "shell/AppOptions.h"

#include <QElapsedTimer>

#include <memory>

class HealthLog;
class HeapTrimmer;
class MainWindow;
class QCoreApplication;

// What the desktop app does at start with its options (AppOptions; docs/ui.md
// "Command line"): the main window, its layout and size, the project or
// dataset to open, the view to show, and the timed actions (--timing,
// --train, --screenshot, recovery of a crashed session's autosave), plus the
// opt-in health log. app/gui/main.cpp only creates the application, this
// object, and runs the event loop. Main thread only.
class AppLauncher {
public:
    // Before the application object: decides what happens without a display.
    // --help/--version still answer; a screenshot renders offscreen (sets
    // QT_QPA_PLATFORM); anything else prints one line instead of Qt's
    // platform-plugin abort and returns 1. Returns -1 to go on.
    static int prepareDisplay(int argc, char** argv);
    // A QCoreApplication for --help/--version (no display needed), else a
    // QApplication. `argc` must outlive it (Qt's rule).
    static std::unique_ptr<QCoreApplication> makeApplication(int& argc, char** argv);

    // `sinceMain` started at the top of main() (for --timing).
    AppLauncher(AppOptions options, QElapsedTimer sinceMain);
    ~AppLauncher();
    AppLauncher(const AppLauncher&) = delete;
    AppLauncher& operator=(const AppLauncher&) = delete;

    // Builds and shows the window and schedules the timed actions. Returns
    // -1 when the event loop should run, else the exit code (a health log
    // that cannot be opened: 2; an unknown view: 2; a project that cannot be
    // opened for a screenshot: 1), after one "latentset: ..." line on stderr.
    int start();

private:
    bool startHealthLog();
    void applyLayoutAndSize();
    bool openProject();
    void openDataset();
    void scheduleTiming();
    void scheduleScreenshot();

    AppOptions options_;
    QElapsedTimer sinceMain_;
    std::unique_ptr<MainWindow> window_;
    std::unique_ptr<HeapTrimmer> trimmer_;
    std::unique_ptr<HealthLog> health_; // after window_: destroyed first, as it watches the window's trainer
};
