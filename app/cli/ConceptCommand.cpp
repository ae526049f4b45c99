// latentset-cli concept train | imagine: the level-2 "cube" concept and its
// back projection (the paper's §11, fig. 13-16). See docs/concept.md.
#include "Commands.h"
#include "CliCsv.h"
#include "CliOptions.h"
#include "CliReport.h"
#include "ConceptCliSupport.h"
#include "image/ImageConvert.h"
#include "image/Palette.h"
#include "image/PngWriter.h"

#include "latentset/concept/ConceptModel.h"
#include "latentset/experiments/ConceptExperiment.h"
#include "latentset/experiments/ImagineExperiment.h"
#include "latentset/util/ChunkFile.h"
#include "latentset/util/Error.h"

#include <QCommandLineParser>
#include <QJsonArray>
#include <QPainter>
#include <QTextStream>

#include <algorithm>

using namespace latentset;

namespace {

int toInt(const QCommandLineParser& parser, const char* option, int lo, int hi)
{
    return CliOptions(parser).integer<int>(option, lo, hi);
}

// Prints the experiment's lines as it goes (on this thread: run()).
class ConceptPrinter : public ExperimentObserver {
public:
    ConceptPrinter(CliReport& report, const ConceptExperiment& e) : report_(report), experiment_(e) {}
    void stageReached(const std::string& stage) override
    {
        const ConceptResult& r = experiment_.partial();
        const ContextMapOptions& map = experiment_.settings().map;
        if (stage == "rendering")
            report_.line(QString("rendering %1 training + %2 held-out cubes with a %3 on every face...")
                             .arg(r.cubes)
                             .arg(r.heldOut)
                             .arg(experiment_.settings().digit));
        else if (stage == "rendered")
            report_.line(QString("  maps (%1, pose smoothing %2 deg) in %3 s")
                             .arg(QString::fromStdString(ContextMapOptions::name(map.value)))
                             .arg(map.poseSmoothingDeg)
                             .arg(r.mapSeconds, 0, 'f', 1));
    }
    void epochFinished(const std::string&, const EpochSummary& s) override
    {
        const ConceptSettings& settings = experiment_.settings().level2;
        const int epoch = int(s.epoch);
        if ((epoch + 1) % std::max(1, settings.epochs / 5) == 0)
            report_.line(QString("  start %1/%2  epoch %3/%4  loss %5")
                             .arg(int(s.metrics.front().second) + 1)
                             .arg(settings.restarts)
                             .arg(epoch + 1)
                             .arg(settings.epochs)
                             .arg(float(s.meanLosses.front()), 0, 'f', 4));
    }

private:
    CliReport& report_;
    const ConceptExperiment& experiment_;
};

void declareTrainOptions(QCommandLineParser& parser)
{
    parser.setApplicationDescription(
        "Level 2 (paper §11): cubes at random theta in [0, 90) with the same MNIST digit on every face give "
        "context-likelihood vectors; an autoencoder with ONE sigmoid latent unit learns them. Reports Spearman's "
        "rho between the unit and theta on held-out cubes (test-split digits, new angles).");
    parser.addHelpOption();
    parser.addOption({"model", "Trained cube-world model file (level 1).", "file"});
    parser.addOption({"digit", "The digit on every face (default 5).", "d", "5"});
    parser.addOption({"cubes", "Training cubes (default 0 = one per training image of the digit).", "N", "0"});
    parser.addOption({"held-out", "Held-out cubes from the test split (default 500).", "N", "500"});
    parser.addOption({"hidden", "Hidden layer sizes of the level-2 autoencoder, comma-separated (default 64).", "sizes", "64"});
    parser.addOption({"epochs", "Training epochs (default 150).", "N", "150"});
    parser.addOption({"seed", "Seed of angles, weights and shuffling (default 1).", "n", "1"});
    parser.addOption({"restarts", "Fresh initialisations; the lowest final loss is kept (default 3).", "N", "3"});
    parser.addOption({"save", "Write level 1 + level 2 into this model file (for concept imagine).", "file"});
    parser.addOption({"value", "Map value: robust-sigma (default) or mean-square (docs/concept.md).", "name", "robust-sigma"});
    parser.addOption({"smooth", "Pose smoothing of the maps, Gaussian s.d. in degrees, 0 = off (default: the library's, 4.6).", "deg"});
}

// The experiment's settings from the options, but for --cubes (read after the
// model file, so a missing file is reported before a bad count, as always).
ConceptExperimentSettings trainSettings(const QCommandLineParser& parser)
{
    if (!parser.isSet("model"))
        throw conceptcli::UsageError("--model FILE is required");
    ContextMapOptions mapOptions;
    try {
        mapOptions.value = ContextMapOptions::parse(parser.value("value").toStdString());
    } catch (const Error& e) {
        throw conceptcli::UsageError(e.what());
    }
    if (parser.isSet("smooth")) {
        bool ok = false;
        mapOptions.poseSmoothingDeg = parser.value("smooth").toDouble(&ok);
        if (!ok || !(mapOptions.poseSmoothingDeg >= 0) || mapOptions.poseSmoothingDeg > 90)
            throw conceptcli::UsageError("--smooth must be 0 (off) or a standard deviation in degrees up to 90");
    }
    const int digit = toInt(parser, "digit", 0, 9);
    const int heldOut = toInt(parser, "held-out", 10, 100000);
    ConceptSettings settings;
    settings.epochs = toInt(parser, "epochs", 1, 100000);
    settings.seed = std::uint64_t(toInt(parser, "seed", 0, 1 << 30));
    settings.restarts = toInt(parser, "restarts", 1, 100);
    settings.hiddenSizes = conceptcli::hiddenSizes(parser.value("hidden"));

    ConceptExperimentSettings experimentSettings;
    experimentSettings.model = parser.value("model").toStdString();
    experimentSettings.digit = digit;
    experimentSettings.heldOut = heldOut;
    experimentSettings.level2 = settings;
    experimentSettings.map = mapOptions;
    return experimentSettings;
}

void printTrainResult(CliReport& report, const ConceptResult& r, const ConceptExperimentSettings& settings)
{
    const ContextMapOptions& mapOptions = settings.map;
    const int heldOut = settings.heldOut;
    report.line(QString("level 2 trained in %1 s, final loss %2").arg(r.trainSeconds, 0, 'f', 1).arg(r.finalLoss, 0, 'f', 4));
    report.line(QString("Spearman rho(unit, theta): held-out %1 (|rho| target >= 0.95), training %2")
                    .arg(r.spearman, 0, 'f', 4)
                    .arg(r.spearmanTrain, 0, 'f', 4));
    report.line(QString("unit range on held-out cubes: %1 .. %2").arg(r.unitMin, 0, 'f', 3).arg(r.unitMax, 0, 'f', 3));
    report.set("spearman", r.spearman);
    report.set("spearman_train", r.spearmanTrain);
    report.set("cubes", r.cubes);
    report.set("held_out", heldOut);
    report.set("value", QString::fromStdString(ContextMapOptions::name(mapOptions.value)));
    report.set("smoothing_deg", mapOptions.poseSmoothingDeg);
}

// --save: level 1 (every chunk of `file` but a level-2 concept it held) + the new level 2.
void saveTrained(CliReport& report, const QString& path, const ChunkFile& file, const ConceptModel& model)
{
    // The level-1 chunks travel along, so the file is self-contained.
    ChunkFile out(path.toStdString());
    for (const ChunkFile::Chunk& chunk : file.chunks())
        if (chunk.tag != "CNCP")
            out.add(chunk.tag, chunk.version, chunk.payload);
    model.write(out);
    out.save(path.toStdString());
    report.line("level 1 + level 2 saved to " + path);
}

int runTrain(const QStringList& arguments, CliReport& report)
{
    QCommandLineParser parser;
    declareTrainOptions(parser);
    int exitCode = 0;
    if (!CliOptions::parse(parser, arguments, "concept train", exitCode))
        return exitCode;
    ConceptExperimentSettings experimentSettings = trainSettings(parser);
    const ChunkFile file = ChunkFile::load(parser.value("model").toStdString());
    const auto world = std::make_shared<const conceptcli::World>(conceptcli::loadWorld(file));
    experimentSettings.cubes = toInt(parser, "cubes", 0, 1000000);
    ConceptExperiment experiment(experimentSettings, world);
    ConceptPrinter printer(report, experiment);
    const ConceptResult r = experiment.run(&printer);
    printTrainResult(report, r, experimentSettings);
    if (parser.isSet("save"))
        saveTrained(report, parser.value("save"), file, *r.model);
    return 0;
}

void declareImagineOptions(QCommandLineParser& parser)
{
    parser.setApplicationDescription(
        "Back projection (paper fig. 14-16): slide the level-2 unit u over its range, decode the context map, "
        "take its local maxima (one per visible face) and decode one glyph's level-1 code with those contexts' "
        "decoders: an imagined rotating cube. Compares each frame with the cube rendered at the matching angle.");
    parser.addHelpOption();
    parser.addOption({"model", "Model file written by concept train --save.", "file"});
    parser.addOption({"glyph", "The glyph: digit 0-9 (MNIST), built-in (V, plus, ...) or an image file (default 3).", "glyph", "3"});
    parser.addOption({"source", "Context whose member encodes the glyph (default 10).", "index", "10"});
    parser.addOption({"steps", "Frames from the lowest to the highest u (default 10).", "N", "10"});
    parser.addOption({"png", "Write the strip (maps, imagined cubes, rendered cubes) to this PNG.", "file"});
    parser.addOption({"csv", "Write the table behind it: step, u, theta, contexts, masked errors (one row per step).",
                      "file"});
}

// One line per step of u; returns each step's masked error (for --json).
QJsonArray printImagineSteps(CliReport& report, const ImagineResult& r)
{
    report.line("   u      theta   contexts (top, sides)        masked MSE imagined   level-1 at true contexts");
    QJsonArray errors;
    for (const ImagineResult::Step& step : r.steps) {
        QString ctx;
        for (int c : step.frame.contexts)
            ctx += QString::number(c) + " ";
        report.line(QString("  %1  %2   %3 %4             %5")
                        .arg(step.u, 5, 'f', 3)
                        .arg(step.theta, 6, 'f', 1)
                        .arg(ctx, -28)
                        .arg(step.error, 8, 'f', 4)
                        .arg(step.oracleError, 8, 'f', 4));
        errors.append(step.error);
    }
    return errors;
}

// --png: a strip of `steps` columns of three rows.
void writeImagineStrip(CliReport& report, const QString& path, const ImagineResult& r, const conceptcli::World& world,
                       int steps)
{
    const int size = world.contexts->imageSize();
    // Rows: decoded level-2 map (fig. 14), imagined cube (fig. 15/16), rendered cube at theta(u).
    const int zoom = 2, columns = world.contexts->gridColumns();
    const int cell = std::max(1, size * zoom / columns), tile = std::max(size * zoom, columns * cell);
    QImage strip(steps * (tile + 4) + 4, 3 * (tile + 4) + 4, QImage::Format_RGB32);
    strip.fill(Qt::white);
    QPainter painter(&strip);
    for (int s = 0; s < steps; ++s) {
        const int x = 4 + s * (tile + 4);
        painter.drawImage(x, 4, Palette::viridis().gridImage(r.steps[std::size_t(s)].frame.contextValues, columns, cell));
        painter.drawImage(x, 4 + (tile + 4), ImageConvert::toImage(r.steps[std::size_t(s)].frame.image, size, size, zoom));
        painter.drawImage(x, 4 + 2 * (tile + 4), ImageConvert::toImage(r.steps[std::size_t(s)].rendered, size, size, zoom));
    }
    painter.end();
    PngWriter(path).write(strip);
    report.line("strip written to " + path);
}

// --csv: the strip's table, one row per step of u (the figures printImagineSteps prints).
void writeImagineCsv(CliReport& report, const QString& path, const ImagineResult& r)
{
    CliCsv::write(report, path, "step,u,theta,contexts,masked_error,true_context_error", [&](QTextStream& out) {
        for (std::size_t s = 0; s < r.steps.size(); ++s) {
            const ImagineResult::Step& step = r.steps[s];
            QStringList contexts;
            for (int c : step.frame.contexts)
                contexts << QString::number(c);
            out << s << ',' << step.u << ',' << step.theta << ',' << contexts.join(' ') << ',' << step.error << ','
                << step.oracleError << '\n';
        }
    });
}

int runImagine(const QStringList& arguments, CliReport& report)
{
    QCommandLineParser parser;
    declareImagineOptions(parser);
    int exitCode = 0;
    if (!CliOptions::parse(parser, arguments, "concept imagine", exitCode))
        return exitCode;
    if (!parser.isSet("model"))
        throw conceptcli::UsageError("--model FILE is required");
    const int steps = toInt(parser, "steps", 2, 200);
    const int source = toInt(parser, "source", 0, 100000);

    const ChunkFile file = ChunkFile::load(parser.value("model").toStdString());
    if (!ConceptModel::present(file))
        throw Error(parser.value("model").toStdString() + ": no level-2 concept in this file (run concept train --save)");
    const auto world = std::make_shared<const conceptcli::World>(conceptcli::loadWorld(file));
    const auto level2 = std::make_shared<const ConceptModel>(ConceptModel::read(file));
    if (source >= world->members.size())
        throw conceptcli::UsageError("--source must be below " + std::to_string(world->members.size()));
    ImagineSettings settings;
    settings.model = parser.value("model").toStdString();
    settings.glyph = parser.value("glyph").toStdString();
    settings.source = source;
    settings.steps = steps;
    const ImagineResult r = ImagineExperiment(settings, world, level2, [](const std::string& w) {
                                return conceptcli::glyphFromArgument(QString::fromStdString(w));
                            }).run();
    const double msPerFrame = r.msPerFrame;
    const double meanError = r.meanError;

    report.line(QString("imagined cube with \"%1\" (code from context %2), %3 steps of u in [%4, %5]")
                    .arg(parser.value("glyph"))
                    .arg(source)
                    .arg(steps)
                    .arg(r.uMin, 0, 'f', 3)
                    .arg(r.uMax, 0, 'f', 3));
    const QJsonArray errors = printImagineSteps(report, r);
    report.line(QString("mean masked MSE imagined vs rendered: %1").arg(meanError, 0, 'f', 4));
    report.line(QString("%1 ms per frame (level-2 decode + peaks + member decodes, one core; target < 16)")
                    .arg(msPerFrame, 0, 'f', 3));
    report.set("ms_per_frame", msPerFrame);
    report.set("masked_errors", errors);
    report.set("mean_masked_error", meanError);

    if (parser.isSet("png"))
        writeImagineStrip(report, parser.value("png"), r, *world, steps);
    if (parser.isSet("csv"))
        writeImagineCsv(report, parser.value("csv"), r);
    return 0;
}

int runConcept(const QStringList& arguments, CliReport& report)
{
    const QString sub = arguments.size() > 1 ? arguments[1] : QString();
    if (sub == "train" || sub == "imagine") {
        QStringList rest = arguments;
        rest.removeAt(1);
        return CliOptions::run("concept " + sub.toStdString(),
                               [&] { return sub == "train" ? runTrain(rest, report) : runImagine(rest, report); });
    }
    if (sub == "--help" || sub == "-h") {
        report.line("usage: latentset-cli concept train --model FILE [--digit 5] [--save FILE2] ...");
        report.line("       latentset-cli concept imagine --model FILE2 [--glyph 3|V|file.png] [--steps 10] [--png strip.png]");
        report.line("Run a sub-command with --help for its options.");
        return 0;
    }
    if (sub.isEmpty())
        throw conceptcli::UsageError("expected a sub-command: train or imagine (each takes --help)");
    throw conceptcli::UsageError("unknown sub-command \"" + sub.toStdString() + "\" (train or imagine)");
}

} // namespace

int runConceptCommand(const QStringList& arguments, CliReport& report)
{
    return runConcept(arguments, report);
}
