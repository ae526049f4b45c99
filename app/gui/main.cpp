// latentset: the desktop app. Thin: the application object, then AppLauncher
// (ui/shell: options, the main window, timed actions), then the event loop.
#include "shell/AppLauncher.h"
#include "shell/AppOptions.h"

#include "latentset/util/CpuSupport.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QGuiApplication>

#include <cstdio>
#include <string>

int main(int argc, char** argv)
{
    if (const std::string cpu = latentset::CpuSupport::missing(); !cpu.empty()) {
        std::fprintf(stderr, "latentset: %s\n", cpu.c_str());
        return 1;
    }
    QElapsedTimer sinceMain;
    sinceMain.start();
    if (const int exitCode = AppLauncher::prepareDisplay(argc, argv); exitCode >= 0)
        return exitCode;
    const auto app = AppLauncher::makeApplication(argc, argv);
    QCoreApplication::setApplicationName("LatentSet");
    QCoreApplication::setOrganizationName("LatentSet");
    QCoreApplication::setApplicationVersion(LATENTSET_VERSION);
    // The menu entry the window belongs to (resources/, docs/packaging.md): Wayland and the
    // desktop's task bar match windows to it by this name.
    QGuiApplication::setDesktopFileName("org.latentset.latentset");

    AppLauncher launcher(AppOptions::parse(*app), sinceMain);
    if (const int exitCode = launcher.start(); exitCode >= 0)
        return exitCode;
    return QCoreApplication::exec();
}
