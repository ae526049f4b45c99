// latentset-cli: every LatentSet experiment, headless. Thin: parses the
// command name and --json, then hands over to the command's file.
#include "CliCommand.h"
#include "CliOptions.h"
#include "CliReport.h"

#include <QCoreApplication>

#include <cstdio>

namespace {

void printUsage()
{
    std::fprintf(stdout, "usage: latentset-cli <command> [options] [--json]\n\ncommands:\n");
    for (int i = 0; i < cliCommandCount(); ++i)
        std::fprintf(stdout, "  %-12s %s\n", cliCommands()[i].name, cliCommands()[i].summary);
    std::fprintf(stdout, "\n`latentset-cli <command> --help` describes a command's options.\n"
                         "With --json the last line on stdout is one JSON object (docs/cli.md).\n");
}

} // namespace

int main(int argc, char** argv)
{
    // A QCoreApplication, not a QGuiApplication: commands paint PNGs with
    // QImage and QPainter on images, which need no platform plugin. A GUI
    // application would load one (offscreen without a display), and its
    // start-up asks QStandardPaths for the runtime folder, which prints
    // "XDG_RUNTIME_DIR not set" on stderr in ssh sessions, containers and CI
    // (docs/cli.md: nothing on stderr but LatentSet's own lines). Nothing
    // here draws text, the one QPainter use that would need fonts.
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName("latentset-cli");
    QCoreApplication::setApplicationVersion(LATENTSET_VERSION);

    QStringList args = QCoreApplication::arguments();
    args.removeFirst();
    const bool json = args.removeAll("--json") > 0;
    if (args.isEmpty() || args.first() == "--help" || args.first() == "-h" || args.first() == "help") {
        printUsage();
        return args.isEmpty() ? 2 : 0;
    }
    if (args.first() == "--version") {
        std::fprintf(stdout, "latentset-cli %s\n", LATENTSET_VERSION);
        return 0;
    }
    for (int i = 0; i < cliCommandCount(); ++i) {
        const CliCommand& command = cliCommands()[i];
        if (args.first() != QLatin1String(command.name))
            continue;
        CliReport report(json);
        // A usage fault thrown out of a command exits 2, any other 1, both
        // with the command's prefix (CliOptions.h, docs/cli.md).
        const int code = CliOptions::run(command.name, [&] { return command.run(args, report); });
        if (code == 0)
            report.finish();
        return code;
    }
    std::fprintf(stderr, "latentset-cli: unknown command '%s' (see latentset-cli --help)\n",
                 qPrintable(args.first()));
    return 2;
}
