// latentset-cli world concept: the level-2 concept of a trained world, one
// sigmoid unit per degree of freedom (paper §11 on any world; docs/cli.md,
// docs/worlds.md "Concept").
#include "CliCsv.h"
#include "CliOptions.h"
#include "CliReport.h"
#include "ConceptCliSupport.h"
#include "CubeCliSupport.h"
#include "WorldCliSupport.h"

#include "image/PngWriter.h"
#include "latentset/experiments/WorldConceptExperiment.h"
#include "latentset/util/ChunkFile.h"
#include "latentset/world/WorldImaginer.h"

#include <QCommandLineParser>
#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonObject>
#include <QTextStream>

using namespace latentset;

namespace worldcli {

namespace {

WorldConceptSettings settingsFrom(const QCommandLineParser& parser, const CliOptions& options)
{
    WorldConceptSettings s;
    s.model = parser.value("model").toStdString();
    s.samples = options.integer<int>("samples", 10, 1000000);
    s.heldOut = options.integer<int>("held-out", 10, 100000);
    s.seed = options.integer<std::uint64_t>("seed", 0, 9e15);
    s.units = options.integer<int>("units", 0, 16);
    s.onGrid = parser.isSet("on-grid");
    s.neighbours = options.integer<int>("neighbours", 1, 1000);
    s.level2.hiddenSizes = conceptcli::hiddenSizes(parser.value("hidden"));
    s.level2.epochs = options.integer<int>("epochs", 1, 100000);
    s.level2.restarts = options.integer<int>("restarts", 1, 100);
    s.level2.seed = options.integer<std::uint64_t>("level2-seed", 0, 9e15);
    return s;
}

// One row per unit: the chosen held-out item imagined along the unit's sweep.
QImage sweepImage(const ContextWorld& world, const WorldConcept& trained, Index item, int steps, int zoom)
{
    const WorldImaginer imaginer(world, trained);
    Matrix frames(world.frameSize(), Index(trained.units()) * steps);
    for (int u = 0; u < trained.units(); ++u) {
        const Matrix codes = imaginer.sweep(u, steps);
        for (int s = 0; s < steps; ++s)
            frames.col(Index(u) * steps + s) = imaginer.imagine(codes.col(s), item).frame;
    }
    return cubecli::galleryImage(frames, world.frameWidth(), world.frameHeight(), steps, zoom, -1);
}

void writeCsv(CliReport& report, const QString& path, const WorldConceptResult& r)
{
    QString header = "input,item";
    for (const ConceptAxisErrors& a : r.axes)
        header += QString(",%1,%1_from_units").arg(QString::fromStdString(a.name));
    for (int u = 0; u < r.units; ++u)
        header += QString(",unit_%1").arg(u);
    CliCsv::write(report, path, header, [&](QTextStream& out) {
        for (std::size_t k = 0; k < r.heldOutItems.size(); ++k) {
            out << k << ',' << r.heldOutItems[k];
            for (std::size_t a = 0; a < r.axes.size(); ++a)
                out << ',' << r.heldOutTruth(Index(a), Index(k)) << ',' << r.heldOutRead(Index(a), Index(k));
            for (int u = 0; u < r.units; ++u)
                out << ',' << r.heldOutCodes(u, Index(k));
            out << '\n';
        }
    });
}

} // namespace

int runConcept(const QStringList& arguments, CliReport& report)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        "The level-2 concept of a trained world (paper §11 on any world): training items shown at\n"
        "random parameter values give likelihood maps over the contexts; an autoencoder with one\n"
        "sigmoid unit per degree of freedom (2 for a circular axis) learns them, never told the\n"
        "values. Held-out items measure how well the units alone locate each parameter, beside the\n"
        "whole likelihood vector and guessing. --save writes the world and its concept in one file.");
    addCommon(parser);
    const WorldConceptSettings d;
    parser.addOptions({
        {"model", "A world model saved by 'world train --save'.", "FILE"},
        {"samples", "Training inputs (default 4000).", "N", QString::number(d.samples)},
        {"held-out", "Held-out inputs from the test items (default 500).", "N", QString::number(d.heldOut)},
        {"seed", "Seed of the inputs and their values (default 1).", "S", QString::number(d.seed)},
        {"units", "Level-2 units; 0 = one per degree of freedom (default).", "K", QString::number(d.units)},
        {"on-grid", "Show the inputs at the contexts' own values only."},
        {"neighbours", "k of the nearest-neighbour read-out of the units (default 8).", "K",
         QString::number(d.neighbours)},
        {"hidden", "Hidden layer sizes of the level-2 autoencoder, comma-separated (default 64).", "sizes", "64"},
        {"epochs", "Level-2 epochs (default 150).", "N", QString::number(d.level2.epochs)},
        {"restarts", "Level-2 restarts, the lowest loss kept (default 3).", "N", QString::number(d.level2.restarts)},
        {"level2-seed", "Seed of the level-2 weights (default 1).", "S", QString::number(d.level2.seed)},
        {"save", "Write the world and its trained concept here (a new file; never the --model file).", "FILE"},
        {"png", "Draw each unit's sweep (one row per unit) with a held-out item.", "FILE"},
        {"item", "The held-out item --png draws (default 0).", "K", "0"},
        {"steps", "Steps of each unit's sweep in --png (default 9).", "N", "9"},
        {"zoom", "Enlarge each pixel this many times in --png (default 2).", "Z", "2"},
        {"csv", "Write one row per held-out input: item, true values, values read from the units, the units.",
         "FILE"},
    });
    int exitCode = 0;
    if (!CliOptions::parse(parser, arguments, "world concept", exitCode))
        return exitCode;
    const CliOptions options(parser);
    const WorldConceptSettings settings = settingsFrom(parser, options);
    const LoadedWorld loaded = loadWorld(options);
    if (parser.isSet("save")
        && QFileInfo(parser.value("save")).absoluteFilePath() == QFileInfo(parser.value("model")).absoluteFilePath())
        throw CliOptions::UsageError("--save names the --model file; give the concept a new file");
    const Index item = options.integer<Index>("item", 0, loaded.source.test->itemCount() - 1);
    const int steps = options.integer<int>("steps", 2, 64);
    const int zoom = options.integer<int>("zoom", 1, 16);
    WorldConceptExperiment experiment(settings, loaded.model, loaded.source);
    const WorldConceptResult r = experiment.run();
    report.line(QString("%1 training and %2 held-out inputs shown %3; maps %4 s")
                    .arg(r.samples)
                    .arg(r.heldOut)
                    .arg(r.offGrid ? "between the contexts' values" : "at the contexts' own values")
                    .arg(r.mapSeconds, 0, 'f', 1));
    report.line(QString("level 2: %1 contexts -> %2 sigmoid unit(s); loss %3 (held-out %4), %5 s")
                    .arg(loaded.model->members.size())
                    .arg(r.units)
                    .arg(r.finalLoss, 0, 'f', 3)
                    .arg(r.heldOutLoss, 0, 'f', 3)
                    .arg(r.trainSeconds, 0, 'f', 1));
    QJsonArray axes;
    for (const ConceptAxisErrors& a : r.axes) {
        report.line(QString("%1: mean abs error from the units %2 (%3 % within half a bin), from the whole "
                            "likelihood vector %4 (%5 %), guessing %6 (bin width %7)")
                        .arg(QString::fromStdString(a.name))
                        .arg(a.maeUnits, 0, 'g', 4)
                        .arg(100.0 * a.withinHalfBinUnits, 0, 'f', 1)
                        .arg(a.maeLikelihood, 0, 'g', 4)
                        .arg(100.0 * a.withinHalfBinLikelihood, 0, 'f', 1)
                        .arg(a.maeChance, 0, 'g', 4)
                        .arg(a.binWidth, 0, 'g', 4));
        axes.append(QJsonObject{{"name", QString::fromStdString(a.name)},
                                {"circular", a.circular},
                                {"bin_width", a.binWidth},
                                {"units_mean_abs_error", a.maeUnits},
                                {"likelihood_mean_abs_error", a.maeLikelihood},
                                {"chance_mean_abs_error", a.maeChance},
                                {"units_within_half_bin", a.withinHalfBinUnits},
                                {"likelihood_within_half_bin", a.withinHalfBinLikelihood}});
    }
    if (parser.isSet("png")) {
        PngWriter(parser.value("png")).write(sweepImage(*loaded.source.test, *r.worldConcept, item, steps, zoom));
        report.line(QString("wrote %1").arg(parser.value("png")));
        report.set("png", parser.value("png"));
    }
    if (parser.isSet("csv"))
        writeCsv(report, parser.value("csv"), r);
    if (parser.isSet("save")) {
        const QString path = parser.value("save");
        QDir().mkpath(QFileInfo(path).absolutePath());
        ChunkFile file(path.toStdString());
        loaded.model->addTo(file);
        r.worldConcept->write(file);
        file.save(path.toStdString());
        report.line(QString("saved %1").arg(path));
        report.set("saved", path);
    }
    report.set("units", r.units);
    report.set("samples", r.samples);
    report.set("held_out", r.heldOut);
    report.set("off_grid", r.offGrid);
    report.set("final_loss", r.finalLoss);
    report.set("held_out_loss", r.heldOutLoss);
    report.set("units_mean_abs_error", r.axes.front().maeUnits);
    report.set("likelihood_mean_abs_error", r.axes.front().maeLikelihood);
    report.set("chance_mean_abs_error", r.axes.front().maeChance);
    report.set("bin_width", r.axes.front().binWidth);
    report.set("axes", axes);
    report.set("map_seconds", r.mapSeconds);
    report.set("train_seconds", r.trainSeconds);
    return 0;
}

} // namespace worldcli
