#include "shell/AppOptions.h"

#include <QByteArray>
#include <QCommandLineParser>
#include <QCoreApplication>

AppOptions AppOptions::parse(const QCoreApplication& app)
{
    QCommandLineParser parser;
    parser.setApplicationDescription("Explore sets of autoencoders with a shared latent space.");
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption datasetOption(
        "dataset",
        "Open this dataset and show it: mnist, fashion-mnist, an IDX folder or file, a CSV file, or a folder "
        "with one subfolder of images per class. Default: MNIST when installed (loaded without switching view).",
        "path");
    const QCommandLineOption projectOption("project", "Open this project or model file (.lset).", "file");
    const QCommandLineOption viewOption("view", "Show this view: start, training, cube-training (training, cube-world mode), heatmap, gallery, pad, imaginer, latent, units, interpretations, compare, world-training, world-heatmap, world-gallery, world-oneshot, world-imaginer, attack.",
                                        "name");
    const QCommandLineOption screenshotOption(
        "screenshot", "Write a PNG of the window once it has painted and its views are ready, then quit.", "png");
    const QCommandLineOption delayOption("screenshot-delay",
                                         "Extra milliseconds to wait before the screenshot (default 600).", "ms", "600");
    const QCommandLineOption timingOption("timing", "Print the start-up time to a usable window.");
    const QCommandLineOption sizeOption("size", "Window size for screenshots, WxH (e.g. 1400x900).", "WxH");
    const QCommandLineOption trainOption("train",
                                         "Press Play in the training view at start (e.g. with --view cube-training).");
    const QCommandLineOption healthLogOption(
        "health-log",
        "Append a CSV line every --health-interval seconds to this file: elapsed s, RSS MB, peak RSS MB, longest "
        "event-loop stall in the interval (wall and GUI-thread CPU ms), class-set samples trained, training state, "
        "busy, load average (bench/soak.sh).",
        "file");
    const QCommandLineOption healthIntervalOption("health-interval", "Seconds between --health-log lines (default 10).",
                                                  "s", "10");
    const QCommandLineOption compareOption(
        "compare", "The compare view's run B: this project, read only (run A is --project).", "file");
    parser.addOptions({datasetOption, projectOption, viewOption, screenshotOption, delayOption, timingOption,
                       sizeOption, trainOption, healthLogOption, healthIntervalOption, compareOption});
    parser.process(app);

    const auto valueIfSet = [&parser](const QCommandLineOption& o) -> std::optional<QString> {
        if (!parser.isSet(o))
            return std::nullopt;
        return parser.value(o);
    };
    AppOptions options;
    options.dataset = valueIfSet(datasetOption);
    options.project = valueIfSet(projectOption);
    options.view = valueIfSet(viewOption);
    options.screenshot = valueIfSet(screenshotOption);
    options.screenshotDelayMs = parser.value(delayOption);
    options.size = valueIfSet(sizeOption);
    options.healthLog = valueIfSet(healthLogOption);
    options.healthInterval = parser.value(healthIntervalOption);
    options.timing = parser.isSet(timingOption);
    options.train = parser.isSet(trainOption);
    options.compare = valueIfSet(compareOption);
    return options;
}

bool AppOptions::asksForHelpOnly(int argc, char** argv)
{
    for (int i = 1; i < argc; ++i) {
        const QByteArray a(argv[i]);
        if (a == "-h" || a == "--help" || a == "--help-all" || a == "-v" || a == "--version")
            return true;
    }
    return false;
}

bool AppOptions::wantsScreenshot(int argc, char** argv)
{
    for (int i = 1; i < argc; ++i)
        if (QByteArray(argv[i]).startsWith("--screenshot"))
            return true;
    return false;
}
