#pragma once
#include <QString>

#include <optional>

class QCoreApplication;

// The desktop app's command line (docs/ui.md "Command line"), read once into
// values: `latentset [--project FILE] [--view NAME] [--screenshot OUT.png
// [--screenshot-delay MS]] [--size WxH] [--timing] [--dataset PATH] [--train]
// [--health-log FILE [--health-interval S]] [--compare FILE]`. AppLauncher acts on them.
struct AppOptions {
    std::optional<QString> dataset;    // --dataset (unset: the default dataset, without switching view)
    std::optional<QString> project;    // --project
    std::optional<QString> view;       // --view
    std::optional<QString> screenshot; // --screenshot (unset: interactive)
    QString screenshotDelayMs;         // --screenshot-delay, as written (default "600")
    std::optional<QString> size;       // --size WxH, as written
    std::optional<QString> healthLog;  // --health-log
    QString healthInterval;            // --health-interval, as written (default "10")
    bool timing = false;               // --timing
    bool train = false;                // --train
    std::optional<QString> compare;    // --compare (the compare view's run B)

    // Parses the application's arguments (QCommandLineParser::process):
    // --help, --version and unknown options print and exit the process, as
    // Qt does. Main thread, after the application object exists.
    static AppOptions parse(const QCoreApplication& app);

    // Before any application object exists, from argv: whether it asks only
    // for --help/--version (answered without a display), and whether it asks
    // for a screenshot (rendered offscreen without a display).
    static bool asksForHelpOnly(int argc, char** argv);
    static bool wantsScreenshot(int argc, char** argv);
};
