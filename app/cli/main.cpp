// latentset-cli: every LatentSet experiment, headless. Thin: parses the
// command name and --json, then hands over to the command's file.
#include "CliCommand.h"
#include "CliOptions.h"
#include "CliReport.h"

#include "latentset/util/CpuSupport.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QGuiApplication>
#include <QTemporaryDir>

#include <memory>
#include <string>

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

// The `world` command may render font glyphs: a fonts world (also when a
// saved one is reopened), `--pair-font`, a `font:` glyph word; `latent`
// writes its map's title and legend into the PNG, `attack` labels its --png
// chart, `ood --out letters` renders font glyphs, and the commands that
// write charts (image/LineChart) label them with text when given --png.
bool drawsText(int argc, char** argv)
{
    const auto charts = [&](const std::string& command) {
        if (command != "incremental" && command != "calibration" && command != "fewshot")
            return false;
        for (int k = 1; k < argc; ++k)
            if (std::string(argv[k]).rfind("--png", 0) == 0)
                return true;
        return false;
    };
    for (int i = 1; i < argc; ++i) { // the command is the first word that is not --json
        const std::string word = argv[i];
        if (word != "--json")
            return word == "world" || word == "latent" || word == "attack" || word == "ood" || charts(word);
    }
    return false;
}

// Offscreen platform, and a runtime folder of our own when the environment
// names none, so Qt's start-up prints nothing on stderr. The folder is a
// fresh temporary one (0700, a name nobody could have made beforehand),
// removed when the process ends.
void prepareOffscreen()
{
    if (!qEnvironmentVariableIsSet("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    if (!qEnvironmentVariableIsSet("XDG_RUNTIME_DIR")) {
        static QTemporaryDir runtime(QDir::tempPath() + "/latentset-runtime-XXXXXX");
        if (runtime.isValid())
            qputenv("XDG_RUNTIME_DIR", QFile::encodeName(runtime.path()));
    }
}

} // namespace

int main(int argc, char** argv)
{
    if (const std::string cpu = latentset::CpuSupport::missing(); !cpu.empty()) {
        std::fprintf(stderr, "latentset-cli: %s\n", cpu.c_str());
        return 1;
    }
    // A QCoreApplication, not a QGuiApplication: commands paint PNGs with
    // QImage and QPainter on images, which need no platform plugin. A GUI
    // application would load one (offscreen without a display), and its
    // start-up asks QStandardPaths for the runtime folder, which prints
    // "XDG_RUNTIME_DIR not set" on stderr in ssh sessions, containers and CI
    // (docs/cli.md: nothing on stderr but LatentSet's own lines). Nothing
    // here draws text, the one QPainter use that would need fonts, except the
    // commands that render font glyphs (drawsText): those get a
    // QGuiApplication, offscreen, with a private runtime folder made first.
    std::unique_ptr<QCoreApplication> app;
    if (drawsText(argc, argv)) {
        prepareOffscreen();
        app = std::make_unique<QGuiApplication>(argc, argv);
    } else {
        app = std::make_unique<QCoreApplication>(argc, argv);
    }
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
