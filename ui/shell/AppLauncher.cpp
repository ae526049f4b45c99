#include "shell/AppLauncher.h"

#include "project/CompareView.h"
#include "data/DatasetBrowser.h"
#include "shell/HealthLog.h"
#include "shell/HeapTrimmer.h"
#include "shell/MainWindow.h"
#include "training/TrainingPanel.h"

#include "latentset/data/DatasetCatalog.h"

#include <QApplication>
#include <QFile>
#include <QLabel>
#include <QMessageBox>
#include <QSettings>
#include <QTimer>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <unistd.h>
#include <utility>

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

} // namespace

int AppLauncher::prepareDisplay(int argc, char** argv)
{
    const bool haveDisplay = qEnvironmentVariableIsSet("QT_QPA_PLATFORM") || qEnvironmentVariableIsSet("DISPLAY")
                             || qEnvironmentVariableIsSet("WAYLAND_DISPLAY");
    if (haveDisplay || AppOptions::asksForHelpOnly(argc, argv))
        return -1;
    if (!AppOptions::wantsScreenshot(argc, argv)) {
        std::fprintf(stderr, "latentset: no display (neither DISPLAY nor WAYLAND_DISPLAY is set). Run it in a "
                             "desktop session, under xvfb-run, or use latentset-cli for headless work.\n");
        return 1;
    }
    qputenv("QT_QPA_PLATFORM", "offscreen");
    return -1;
}

std::unique_ptr<QCoreApplication> AppLauncher::makeApplication(int& argc, char** argv)
{
    if (AppOptions::asksForHelpOnly(argc, argv))
        return std::make_unique<QCoreApplication>(argc, argv);
    return std::make_unique<QApplication>(argc, argv);
}

AppLauncher::AppLauncher(AppOptions options, QElapsedTimer sinceMain)
    : options_(std::move(options)), sinceMain_(sinceMain)
{
}

AppLauncher::~AppLauncher() = default;

int AppLauncher::start()
{
    window_ = std::make_unique<MainWindow>();
    MainWindow& window = *window_;
    trimmer_ = std::make_unique<HeapTrimmer>();
    if (!startHealthLog())
        return 2;
    applyLayoutAndSize();
    if (!openProject())
        return 1;
    openDataset();
    if (options_.view && !window.showView(*options_.view)) {
        std::fprintf(stderr, "latentset: no view '%s' (views: %s)\n", qPrintable(*options_.view),
                     qPrintable(window.viewNames().join(", ")));
        return 2;
    }
    window.show();

    scheduleTiming();
    // A session that crashed left its autosave: offer it, but never in a
    // scripted run (nobody would close the box) or when a project was named.
    if (!options_.screenshot && !options_.project)
        QTimer::singleShot(0, &window, [&window] { window.offerRecovery(); });
    if (options_.train)
        QTimer::singleShot(0, &window, [&window] { window.trainingPanel()->togglePlay(); });
    scheduleScreenshot();
    return -1;
}

// Opt-in: without --health-log nothing is measured (no probe timer runs).
bool AppLauncher::startHealthLog()
{
    if (!options_.healthLog)
        return true;
    MainWindow* window = window_.get();
    health_ = std::make_unique<HealthLog>();
    health_->watchTrainer(window->trainingPanel()->adapter());
    health_->setBusyProbe([window] { return window->property("busy").toBool(); });
    const double seconds = options_.healthInterval.toDouble();
    if (QString error; !health_->start(*options_.healthLog, int(std::lround(std::max(0.1, seconds) * 1000)), &error)) {
        std::fprintf(stderr, "latentset: %s\n", qPrintable(error));
        return false;
    }
    return true;
}

void AppLauncher::applyLayoutAndSize()
{
    // The user's last layout (views, splitters, geometry), saved on close.
    // Not for --screenshot: README pictures must not depend on who ran it.
    if (!options_.screenshot)
        window_->restoreLayout(QSettings());
    if (options_.size) {
        const QStringList wh = options_.size->split('x');
        if (wh.size() == 2 && wh[0].toInt() > 0 && wh[1].toInt() > 0)
            window_->resize(wh[0].toInt(), wh[1].toInt());
    }
}

// False when the run must end: a project that cannot be opened for a
// screenshot. Interactive, the failure is also shown in the window.
bool AppLauncher::openProject()
{
    QString error;
    if (options_.compare)
        if (auto* compare = window_->findChild<CompareView*>()) {
            compare->load(1, *options_.compare);
            // Run A is --project, whatever it holds (a world model file opens
            // in the world training, which does not name a project).
            if (options_.project)
                compare->setCurrentProject(*options_.project);
        }
    if (!options_.project || window_->openProject(*options_.project, &error))
        return true;
    std::fprintf(stderr, "latentset: cannot open project %s: %s\n", qPrintable(*options_.project), qPrintable(error));
    if (options_.screenshot)
        return false;
    // Interactive: say it in the window too, once it is up.
    MainWindow* window = window_.get();
    QTimer::singleShot(0, window, [window, error] { QMessageBox::warning(window, QObject::tr("Open project"), error); });
    return true;
}

// The app opens on a dataset (read on a worker thread): --dataset shows it
// in the dataset view; otherwise the first known dataset present (MNIST
// after tools/setup.sh) is loaded for the views without switching to it.
void AppLauncher::openDataset()
{
    if (options_.dataset)
        window_->openDataset(*options_.dataset);
    else if (const auto entry = latentset::DatasetCatalog::defaultDataset(); !entry.id.empty())
        window_->datasetBrowser()->open(QString::fromStdString(entry.id));
}

void AppLauncher::scheduleTiming()
{
    if (!options_.timing)
        return;
    // A zero timer fires once the queued show/expose/paint events are
    // handled: the window is on screen and accepts input.
    QTimer::singleShot(0, window_.get(), [this] {
        const double exec = secondsSinceExec();
        std::printf("startup: %.0f ms from main() to a usable window", double(sinceMain_.nsecsElapsed()) / 1e6);
        if (exec >= 0)
            std::printf(", %.0f ms from exec", exec * 1e3);
        std::printf("\n");
        std::fflush(stdout);
    });
}

void AppLauncher::scheduleScreenshot()
{
    if (!options_.screenshot)
        return;
    const QString out = *options_.screenshot;
    const int delay = std::max(0, options_.screenshotDelayMs.toInt());
    MainWindow* window = window_.get();
    QTimer::singleShot(delay, window, [window, out, timing = options_.timing, train = options_.train] {
        // Let views finish work they started (evaluations in workers) so
        // the picture shows content, not a "computing" state.
        window->waitUntilIdle(20000);
        if (timing && train)
            std::printf("training: %s\n", qPrintable(window->trainingPanel()->speedLabel()->text()));
        const QPixmap shot = window->grab();
        const bool ok = shot.save(out, "PNG");
        if (!ok)
            std::fprintf(stderr, "latentset: cannot write %s\n", qPrintable(out));
        QCoreApplication::exit(ok ? 0 : 1);
    });
}
