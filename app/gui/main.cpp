// latentset: the desktop app. Thin: options, then the main window.
#include "data/DatasetBrowser.h"
#include "shell/HealthLog.h"
#include "shell/MainWindow.h"
#include "training/TrainingPanel.h"

#include "latentset/data/DatasetCatalog.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QFile>
#include <QLabel>
#include <QMessageBox>
#include <QSettings>
#include <QTimer>

#include <cmath>
#include <cstdio>
#include <memory>
#include <ctime>
#include <unistd.h>

namespace {

// Seconds since the process was exec'd (from /proc/self/stat, 10 ms
// resolution), so --timing includes dynamic loading, not only main().
double secondsSinceExec()
{
    QFile stat("/proc/self/stat");
    QFile uptime("/proc/uptime");
    if (!stat.open(QIODevice::ReadOnly) || !uptime.open(QIODevice::ReadOnly))
        return -1.0;
    const QByteArray s = stat.readAll();
    const int close = s.lastIndexOf(')');
    const QList<QByteArray> fields = s.mid(close + 2).split(' ');
    // Field 22 (starttime) is index 19 after the ") " that ends field 2.
    if (fields.size() < 20)
        return -1.0;
    const double start = fields[19].toDouble() / double(sysconf(_SC_CLK_TCK));
    const double up = uptime.readAll().split(' ').value(0).toDouble();
    return up - start;
}

// Whether argv asks only for --help/--version: answered without a display.
bool asksForHelpOnly(int argc, char** argv)
{
    for (int i = 1; i < argc; ++i) {
        const QByteArray a(argv[i]);
        if (a == "-h" || a == "--help" || a == "--help-all" || a == "-v" || a == "--version")
            return true;
    }
    return false;
}

bool wantsScreenshot(int argc, char** argv)
{
    for (int i = 1; i < argc; ++i)
        if (QByteArray(argv[i]).startsWith("--screenshot"))
            return true;
    return false;
}

} // namespace

int main(int argc, char** argv)
{
    QElapsedTimer sinceMain;
    sinceMain.start();
    // No display: --help/--version still answer; a screenshot renders
    // offscreen (it needs no screen); anything else gets one clear line
    // instead of Qt's platform-plugin abort.
    const bool haveDisplay = qEnvironmentVariableIsSet("QT_QPA_PLATFORM") || qEnvironmentVariableIsSet("DISPLAY")
                             || qEnvironmentVariableIsSet("WAYLAND_DISPLAY");
    const bool helpOnly = asksForHelpOnly(argc, argv);
    if (!haveDisplay && !helpOnly) {
        if (!wantsScreenshot(argc, argv)) {
            std::fprintf(stderr, "latentset: no display (neither DISPLAY nor WAYLAND_DISPLAY is set). Run it in a "
                                 "desktop session, under xvfb-run, or use latentset-cli for headless work.\n");
            return 1;
        }
        qputenv("QT_QPA_PLATFORM", "offscreen");
    }
    std::unique_ptr<QCoreApplication> app;
    if (helpOnly)
        app = std::make_unique<QCoreApplication>(argc, argv);
    else
        app = std::make_unique<QApplication>(argc, argv);
    QCoreApplication::setApplicationName("LatentSet");
    QCoreApplication::setOrganizationName("LatentSet");
    QCoreApplication::setApplicationVersion(LATENTSET_VERSION);

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
    const QCommandLineOption viewOption("view", "Show this view: start, training, cube-training (training, cube-world mode), heatmap, gallery, pad, imaginer.",
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
    parser.addOptions({datasetOption, projectOption, viewOption, screenshotOption, delayOption, timingOption,
                       sizeOption, trainOption, healthLogOption, healthIntervalOption});
    parser.process(*app);

    MainWindow window;
    // Opt-in: without --health-log nothing is measured (no probe timer runs).
    std::unique_ptr<HealthLog> health;
    if (parser.isSet(healthLogOption)) {
        health = std::make_unique<HealthLog>();
        health->watchTrainer(window.trainingPanel()->adapter());
        health->setBusyProbe([&window] { return window.property("busy").toBool(); });
        const double seconds = parser.value(healthIntervalOption).toDouble();
        if (QString error; !health->start(parser.value(healthLogOption), int(std::lround(std::max(0.1, seconds) * 1000)), &error)) {
            std::fprintf(stderr, "latentset: %s\n", qPrintable(error));
            return 2;
        }
    }
    // The user's last layout (views, splitters, geometry), saved on close.
    // Not for --screenshot: README pictures must not depend on who ran it.
    if (!parser.isSet(screenshotOption))
        window.restoreLayout(QSettings());
    if (parser.isSet(sizeOption)) {
        const QStringList wh = parser.value(sizeOption).split('x');
        if (wh.size() == 2 && wh[0].toInt() > 0 && wh[1].toInt() > 0)
            window.resize(wh[0].toInt(), wh[1].toInt());
    }
    if (QString error; parser.isSet(projectOption) && !window.openProject(parser.value(projectOption), &error)) {
        std::fprintf(stderr, "latentset: cannot open project %s: %s\n", qPrintable(parser.value(projectOption)),
                     qPrintable(error));
        if (parser.isSet(screenshotOption))
            return 1;
        // Interactive: say it in the window too, once it is up.
        QTimer::singleShot(0, &window, [&window, error] { QMessageBox::warning(&window, QObject::tr("Open project"), error); });
    }
    // The app opens on a dataset (read on a worker thread): --dataset shows it
    // in the dataset view; otherwise the first known dataset present (MNIST
    // after tools/setup.sh) is loaded for the views without switching to it.
    if (parser.isSet(datasetOption))
        window.openDataset(parser.value(datasetOption));
    else if (const auto entry = latentset::DatasetCatalog::defaultDataset(); !entry.id.empty())
        window.datasetBrowser()->open(QString::fromStdString(entry.id));
    if (parser.isSet(viewOption) && !window.showView(parser.value(viewOption))) {
        std::fprintf(stderr, "latentset: no view '%s' (views: %s)\n", qPrintable(parser.value(viewOption)),
                     qPrintable(window.viewNames().join(", ")));
        return 2;
    }
    window.show();

    if (parser.isSet(timingOption)) {
        // A zero timer fires once the queued show/expose/paint events are
        // handled: the window is on screen and accepts input.
        QTimer::singleShot(0, &window, [&] {
            const double exec = secondsSinceExec();
            std::printf("startup: %.0f ms from main() to a usable window", double(sinceMain.nsecsElapsed()) / 1e6);
            if (exec >= 0)
                std::printf(", %.0f ms from exec", exec * 1e3);
            std::printf("\n");
            std::fflush(stdout);
        });
    }
    // A session that crashed left its autosave: offer it, but never in a
    // scripted run (nobody would close the box) or when a project was named.
    if (!parser.isSet(screenshotOption) && !parser.isSet(projectOption))
        QTimer::singleShot(0, &window, [&window] { window.offerRecovery(); });
    if (parser.isSet(trainOption))
        QTimer::singleShot(0, &window, [&window] { window.trainingPanel()->togglePlay(); });
    if (parser.isSet(screenshotOption)) {
        const QString out = parser.value(screenshotOption);
        const int delay = std::max(0, parser.value(delayOption).toInt());
        QTimer::singleShot(delay, &window, [&window, out, timing = parser.isSet(timingOption), train = parser.isSet(trainOption)] {
            // Let views finish work they started (evaluations in workers) so
            // the picture shows content, not a "computing" state.
            window.waitUntilIdle(20000);
            if (timing && train)
                std::printf("training: %s\n", qPrintable(window.trainingPanel()->speedLabel()->text()));
            const QPixmap shot = window.grab();
            const bool ok = shot.save(out, "PNG");
            if (!ok)
                std::fprintf(stderr, "latentset: cannot write %s\n", qPrintable(out));
            QCoreApplication::exit(ok ? 0 : 1);
        });
    }
    return QCoreApplication::exec();
}
