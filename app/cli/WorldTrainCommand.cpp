// latentset-cli world train: cross-train one member per context of a world,
// then measure transfer on held-out items (docs/cli.md, docs/worlds.md).
#include "CliOptions.h"
#include "CliReport.h"
#include "TransferRunReport.h"
#include "WorldCliSupport.h"
#include "WorldTrainSharded.h"
#include "image/FontGlyphs.h"
#include "image/WorldSources.h"

#include "latentset/experiments/WorldTrainExperiment.h"
#include "latentset/util/Stopwatch.h"

#include <QCommandLineParser>
#include <QDir>
#include <QFileInfo>
#include <QJsonArray>

using namespace latentset;

namespace worldcli {
namespace {

// Progress every few seconds (on the training thread: it only prints).
struct WorldTrainPrinter : ExperimentObserver {
    WorldTrainPrinter(const CliReport& r, double every, const WorldTrainExperiment& e)
        : report(r), everySeconds(every), experiment(e)
    {
    }
    void progress(const std::string&, const TrainerProgress& p) override
    {
        if (since.seconds() < everySeconds || p.losses.size() < 2)
            return;
        printRoundProgress(report, experiment.partial().rounds, p);
        since.restart();
    }
    void stageReached(const std::string& stage) override
    {
        if (stage != "model")
            return;
        const WorldTrainResult& r = experiment.partial();
        report.line(QString("%1 world, %2 contexts, %3 training items, members %4, %5 threads, set-up %6 s")
                        .arg(QString::fromStdString(r.world->kind()))
                        .arg(r.world->contextCount())
                        .arg(qint64(r.world->itemCount()))
                        .arg(QString::fromStdString(r.memberDescription))
                        .arg(r.threads)
                        .arg(r.setupSeconds, 0, 'f', 1));
    }
    const CliReport& report;
    double everySeconds;
    const WorldTrainExperiment& experiment;
    Stopwatch since;
};

void declareOptions(QCommandLineParser& parser)
{
    parser.setApplicationDescription(
        "Cross-train one member per context of a world into a shared latent space, then measure\n"
        "transfer on held-out items: mean error of decode_j(encode_i(x_i)) vs x_j over all pairs\n"
        "i != j, against the members' self-reconstruction error (docs/worlds.md).");
    const WorldTrainSettings d;
    const auto number = [](double v) { return QString::number(v, 'g', 9); };
    addCommon(parser);
    parser.addOptions({
        {"world", "rotation, scale-position, cube, fonts, or a paired folder (docs/worlds.md).", "W", "rotation"},
        {"fonts", "Fonts world: how many installed font families (default 8).", "N", "8"},
        {"swap", "Folder and fonts worlds: swap context and item (the paper's face example, §6)."},
        {"characters", "Fonts world: the characters (items).", "TEXT", QString::fromStdString(d.world.characters)},
        {"contexts", "Contexts of the rotation (default 36) or cube (default 100) world.", "N"},
        {"turn", "Rotation world: degrees the contexts cover (default 360, circular).", "DEG", "360"},
        {"glyphs", "Glyph worlds: mnist, mnist-deskewed (each digit's slant removed first), or mnist+letters "
                   "(the digits plus A-Z a-z drawn in --fonts installed families other than --unseen-font).",
         "G", "mnist"},
        {"unseen-font", "mnist+letters: a family kept out of the letters, for testing on glyphs never seen "
                        "(default DejaVu Sans).", "FAMILY", "DejaVu Sans"},
        {"scales", "Scale-position world: scales (default 3).", "N", number(d.world.scalePosition.scales)},
        {"positions", "Scale-position world: positions per side (default 4).", "N", number(d.world.scalePosition.positions)},
        {"frame", "Scale-position world: frame side in pixels (default 64).", "PX", number(d.world.scalePosition.frame)},
        {"steps", "Rounds to train (0 = no limit).", "N", number(d.steps)},
        {"minutes", "Wall-clock budget for training (default 5).", "M", number(d.minutes)},
        {"hidden", "Hidden relu units per member (default 128).", "H", number(d.training.hidden)},
        {"latent", "Shared latent code size (default 16).", "D", number(d.training.latent)},
        {"batch", "Items per member step (default 32).", "B", number(d.training.batchSize)},
        {"cross-per-self", "Cross rounds after each self round (default 1; 0 = self only).", "K", number(d.training.crossPerSelf)},
        {"lr", "Adam learning rate (default 0.002).", "RATE", number(d.training.learningRate)},
        {"seed", "Seed of initial weights, batches and pairings (default 1).", "S", number(d.training.seed)},
        {"threads", "Worker threads (default: all cores).", "T", "0"},
        {"eval-items", "Held-out items for the transfer metric (default 20).", "N", number(d.evalItems)},
        {"save", "Save the trained world here (open it with world transfer, estimate, oneshot).", "FILE"},
        {"progress-seconds", "Seconds between progress lines (default 10).", "S", "10"},
    });
    parser.addOptions(shardedOptions()); // mpirun -np K ... world train (docs/scale.md)
}

// The letters' families of glyphs "mnist+letters": the first `count` installed
// families (by name) that draw every letter, `unseen` left out.
std::vector<std::string> letterFamilies(const QString& unseen, int count)
{
    std::vector<std::string> families;
    for (const QString& f : FontGlyphs::families(QString::fromLatin1(WorldSources::kLetters)))
        if (f.compare(unseen, Qt::CaseInsensitive) != 0 && int(families.size()) < count)
            families.push_back(f.toStdString());
    if (families.empty())
        throw Error("no installed font family other than '" + unseen.toStdString() + "' draws every letter");
    return families;
}

WorldTrainSettings settingsFrom(const QCommandLineParser& parser, const CliOptions& options)
{
    WorldTrainSettings s;
    s.world = WorldSpec::named(parser.value("world").toStdString());
    if (s.world.isFonts()) { // the model file names the families it was trained on
        s.world.characters = parser.value("characters").toStdString();
        for (const QString& f : FontGlyphs::families(parser.value("characters"), options.integer<int>("fonts", 2, 1000)))
            s.world.fonts.push_back(f.toStdString());
        if (s.world.fonts.size() < 2)
            throw Error("fewer than 2 installed font families draw all of '" + s.world.characters + "'");
    }
    s.world.swap = parser.isSet("swap");
    if (s.world.isFolder()) // the model file names it wherever it is opened from
        s.world.folder = QFileInfo(parser.value("world")).absoluteFilePath().toStdString();
    if (parser.isSet("contexts"))
        s.world.contexts = options.integer<int>("contexts", 2, 10000);
    s.world.turnDeg = options.number("turn", 1e-3, 360);
    s.world.glyphs = options.oneOf("glyphs", {"mnist", "mnist-deskewed", "mnist+letters"}).toStdString();
    if (s.world.glyphs == "mnist+letters" && !s.world.isFonts())
        s.world.fonts = letterFamilies(parser.value("unseen-font"), options.integer<int>("fonts", 1, 1000));
    s.world.scalePosition.scales = options.integer<int>("scales", 1, 64);
    s.world.scalePosition.positions = options.integer<int>("positions", 1, 64);
    s.world.scalePosition.frame = options.integer<int>("frame", 28, 1024);
    s.training.hidden = options.integer<Index>("hidden", 1, 8192);
    s.training.latent = options.integer<Index>("latent", 1, 1024);
    s.training.batchSize = options.integer<int>("batch", 1, 4096);
    s.training.crossPerSelf = options.integer<int>("cross-per-self", 0, 100);
    s.training.learningRate = float(options.number("lr", 1e-7, 1.0));
    s.training.seed = options.integer<std::uint64_t>("seed", 0, 9e15);
    s.steps = options.integer<std::int64_t>("steps", 0, 1e12);
    s.minutes = options.number("minutes", 0, 1e6);
    s.threads = options.integer<unsigned>("threads", 0, 256);
    s.evalItems = options.integer<int>("eval-items", 1, 10000);
    try {
        s.world.validate();
    } catch (const Error& e) {
        throw CliOptions::UsageError(e.what());
    }
    return s;
}

void printResult(CliReport& report, const WorldTrainResult& r, int evalItems)
{
    const TransferErrors& e = r.transfer;
    transferreport::print(report, r, e, QString("%1 held-out items").arg(evalItems),
                          [&r](int c) { return r.world->contextName(c); },
                          QString("; noise variance %1").arg(r.noiseVariance, 0, 'g', 4));
    report.set("world", QString::fromStdString(r.world->kind()));
    report.set("contexts", r.world->contextCount());
    transferreport::set(report, r, e);
    report.set("noise_variance", r.noiseVariance);
}

} // namespace

int runTrain(const QStringList& arguments, CliReport& report)
{
    QCommandLineParser parser;
    declareOptions(parser);
    int exitCode = 0;
    if (!CliOptions::parse(parser, arguments, "world train", exitCode))
        return exitCode;
    const CliOptions options(parser);
    const WorldTrainSettings settings = settingsFrom(parser, options);
    if (wantsSharded(parser))
        return runSharded(parser, options, settings, report, printResult);
    const double progressSeconds = options.number("progress-seconds", 0.1, 1e6);
    WorldTrainExperiment experiment(settings, sourceFor(settings.world));
    WorldTrainPrinter printer(report, progressSeconds, experiment);
    const WorldTrainResult r = experiment.run(&printer);
    printResult(report, r, settings.evalItems);
    if (parser.isSet("save")) {
        const QString path = parser.value("save");
        QDir().mkpath(QFileInfo(path).absolutePath());
        experiment.model().save(path.toStdString());
        report.line(QString("saved %1 (%2 MB)").arg(path).arg(QFileInfo(path).size() / 1048576.0, 0, 'f', 1));
        report.set("model", path);
    }
    return 0;
}

} // namespace worldcli
