// latentset-cli units: one member's units as pictures (docs/units-and-compare.md)
// — its first-layer filters as tiles (encoder rows; a tied member's decoder
// uses the same), and its decoder's response to each latent direction around
// a glyph's code, sorted by norm, activation or index. The same core
// experiment (UnitsExperiment) and the same pictures (image/UnitsPicture)
// as the desktop's units view.
#include "CliCsv.h"
#include "CliOptions.h"
#include "CliReport.h"
#include "Commands.h"
#include "ConceptCliSupport.h"
#include "WorldCliSupport.h"

#include "image/PngWriter.h"
#include "image/UnitsPicture.h"

#include "latentset/concept/CubeWorldView.h"
#include "latentset/cube/CubeModel.h"
#include "latentset/experiments/UnitsExperiment.h"
#include "latentset/experiments/UnitsTable.h"
#include "latentset/nn/ModelFile.h"
#include "latentset/util/ChunkFile.h"
#include "latentset/util/Error.h"
#include "latentset/util/Stopwatch.h"
#include "latentset/world/WorldModel.h"

#include <QCommandLineParser>
#include <QJsonArray>
#include <QTextStream>

#include <sstream>

using namespace latentset;

namespace {

QJsonArray indices(const std::vector<Index>& order, std::size_t limit)
{
    QJsonArray a;
    for (std::size_t k = 0; k < std::min(limit, order.size()); ++k)
        a.append(double(order[k]));
    return a;
}

QJsonArray values(const Vector& v)
{
    QJsonArray a;
    for (Index k = 0; k < v.size(); ++k)
        a.append(double(v(k)));
    return a;
}

UnitsSettings settingsFrom(const QCommandLineParser& parser, const CliOptions& options)
{
    UnitsSettings s;
    s.member = options.atLeast<int>("member", 0);
    s.order = UnitsSettings::parseOrder(options.oneOf("sort", {"norm", "activation", "index"}).toStdString());
    s.step = float(options.number("step", 1e-3, 1e4));
    s.steps = options.integer<int>("steps", 3, 15);
    if (s.steps % 2 == 0)
        throw CliOptions::UsageError("--steps: expected an odd number, got " + std::to_string(s.steps));
    s.perTileScale = !parser.isSet("shared-scale");
    s.decoderFilters = parser.isSet("decoder");
    s.sweepChange = parser.isSet("change");
    return s;
}

// The glyph word: --glyph, else the member's own class when it is a digit, else V.
QString glyphWord(const QCommandLineParser& parser, const std::string& memberName)
{
    if (parser.isSet("glyph"))
        return parser.value("glyph");
    const bool digit = memberName.size() == 1 && memberName[0] >= '0' && memberName[0] <= '9';
    return digit ? QString::fromStdString(memberName) : QString("V");
}

void printResult(CliReport& report, const UnitsResult& r, const QString& kind, const QString& glyph)
{
    report.line(QString("%1 member %2 (\"%3\"): %4 first-layer units of %5 inputs, %6 latent directions, %7")
                    .arg(kind)
                    .arg(r.member)
                    .arg(QString::fromStdString(r.memberName))
                    .arg(r.unitCount)
                    .arg(r.inputSize)
                    .arg(r.latentSize)
                    .arg(r.tied ? "tied: the decoder's last layer is these filters transposed"
                                : (r.decoderFilters ? "untied: the tiles are the decoder's columns"
                                                    : "untied: the tiles are the encoder's rows")));
    QStringList top;
    for (std::size_t k = 0; k < std::min<std::size_t>(8, r.unitOrder.size()); ++k)
        top << QString("%1 (%2 %3)").arg(r.unitOrder[k]).arg(r.norms(r.unitOrder[k]), 0, 'f', 3)
                   .arg(r.activations(r.unitOrder[k]), 0, 'f', 3);
    report.line("units first (norm activation): " + top.join(", "));
    QStringList dirs;
    for (Index i : r.directionOrder)
        dirs << QString("%1 (%2)").arg(i).arg(r.directionResponse(i), 0, 'f', 2);
    report.line(QString("directions around the code of %1, response |f(z*+%2 e_i) - f(z*-%2 e_i)|: %3")
                    .arg(glyph)
                    .arg(r.offsets.back())
                    .arg(dirs.join(", ")));
    report.set("kind", kind);
    report.set("member", r.member);
    report.set("member_name", QString::fromStdString(r.memberName));
    report.set("glyph", glyph);
    report.set("units", double(r.unitCount));
    report.set("inputs", double(r.inputSize));
    report.set("latent", double(r.latentSize));
    report.set("tied", r.tied);
    report.set("filters", r.decoderFilters ? "decoder columns" : "encoder rows");
    report.set("unit_order", indices(r.unitOrder, 16));
    QJsonArray norms;
    for (std::size_t k = 0; k < std::min<std::size_t>(16, r.unitOrder.size()); ++k)
        norms.append(double(r.norms(r.unitOrder[k])));
    report.set("unit_norms", norms);
    report.set("direction_order", indices(r.directionOrder, r.directionOrder.size()));
    report.set("direction_response", values(r.directionResponse));
    report.set("code", values(r.code));
    report.set("reconstruction_offset0_error", double((r.sweep.col(Index(r.offsets.size() / 2)) - r.reconstruction).norm()));
}

struct Run {
    UnitsResult result;
    QString kind, glyph;
    QString context; // a world member's context name
    double seconds = 0; // the experiment alone (not the model or the glyph's dataset)
};

// A member of a context world (world train --save): the input is a held-out
// item (--item, default 0) or, in a glyph world, --glyph painted in that
// member's context; the pictures are the world's whole frames.
Run runOnWorld(const CliOptions& options, const QCommandLineParser& parser, const UnitsSettings& settings)
{
    const worldcli::LoadedWorld loaded = worldcli::loadWorld(options);
    const ContextWorld& world = *loaded.source.test;
    if (settings.member >= world.contextCount())
        throw Error(options.existingModelFile().toStdString() + ": member " + std::to_string(settings.member)
                    + " is not one of the world's " + std::to_string(world.contextCount()) + " contexts");
    const int c = settings.member;
    Run run;
    Matrix masked;
    if (parser.isSet("glyph")) {
        if (world.glyphSize() <= 0)
            throw Error("a " + world.kind() + " world shows its own items only: use --item, not --glyph");
        run.glyph = parser.value("glyph");
        masked = world.maskedGlyphs(c, worldcli::glyphOrFontGlyph(run.glyph.toStdString()));
    } else {
        const Index item = options.integer<Index>("item", 0, double(world.itemCount() - 1));
        run.glyph = QString("item %1 (%2)").arg(qint64(item)).arg(QString::fromStdString(world.itemName(item)));
        masked = world.masked(c, std::vector<Index>{item});
    }
    const Vector input = ContextWorld::padRows(masked, world.memberInputSize()).col(0);
    const Stopwatch clock;
    run.result = UnitsExperiment::run(loaded.model->members, input, settings, UnitsPictures::worldMember(world, c));
    run.seconds = clock.seconds();
    run.kind = QString::fromStdString(world.kind()) + " world";
    run.context = QString::fromStdString(world.contextName(c));
    return run;
}

// Reads the model (a context world, a cube world or a class set) and runs the experiment on its member.
Run runOn(const QString& modelPath, const CliOptions& options, const QCommandLineParser& parser,
          const UnitsSettings& settings)
{
    const ChunkFile file = ChunkFile::load(modelPath.toStdString());
    if (WorldModel::isWorldModel(file))
        return runOnWorld(options, parser, settings);
    Run run;
    if (CubeModel::isCubeModel(file)) {
        const CubeModel world = conceptcli::loadWorld(file);
        const CubeWorldView view(world.members, *world.contexts);
        if (settings.member >= view.size())
            throw Error(modelPath.toStdString() + ": member " + std::to_string(settings.member)
                        + " is not one of the world's " + std::to_string(view.size()) + " contexts");
        run.glyph = glyphWord(parser, "");
        const Vector input = view.inputFromGlyphs(settings.member, conceptcli::glyphFromArgument(run.glyph)).col(0);
        const Stopwatch clock;
        run.result = UnitsExperiment::run(world.members, input, settings, UnitsPictures::cubeMember(view, settings.member));
        run.seconds = clock.seconds();
        run.kind = "cube world";
        return run;
    }
    const AutoencoderSet set = ModelFile::readSet(file);
    if (settings.member >= set.size())
        throw Error(modelPath.toStdString() + ": member " + std::to_string(settings.member) + " is not one of the set's "
                    + std::to_string(set.size()));
    run.glyph = glyphWord(parser, set.memberName(settings.member));
    const Vector input = conceptcli::glyphFromArgument(run.glyph);
    if (input.size() != set.config().inputSize)
        throw Error(modelPath.toStdString() + ": the set takes " + std::to_string(set.config().inputSize)
                    + " pixels, the glyph has " + std::to_string(input.size()));
    const Stopwatch clock;
    run.result = UnitsExperiment::run(set, input, settings, UnitsPictures::square(input.size()));
    run.seconds = clock.seconds();
    run.kind = "class set";
    return run;
}

} // namespace

int runUnitsCommand(const QStringList& arguments, CliReport& report)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        "One member's units as pictures: its first-layer filters as tiles (encoder rows; a tied member's\n"
        "decoder uses the same) and its decoder's response to each latent direction, f(z* + k e_i) for k\n"
        "in -STEP..+STEP around the code z* of a glyph, sorted by norm, by activation on the glyph or by\n"
        "index. --png writes both pictures side by side, --csv the numbers and pixels behind them.");
    parser.addHelpOption();
    parser.addOptions({
        {"model", "The model file: a class set (mnist --save), a cube world (cube train --save) or a context "
                  "world (world train --save).", "FILE"},
        {"member", "The member (a class; a world's context). Default 0.", "K", "0"},
        {"glyph", "The input: a built-in glyph (V, plus, ...), a digit 0-9 (an MNIST training image) or an image "
                  "file (a context world: also font:<family>:<char>), painted in the member's context. Default: "
                  "the member's own class when it is a digit, else V; a context world: --item.", "WORD"},
        {"item", "A context world's input without --glyph: this held-out item shown in the member's context "
                 "(default 0).", "I", "0"},
        {"sort", "Order of units and directions: norm, activation or index (default norm).", "S", "norm"},
        {"step", "The largest offset k along a latent direction (default 6).", "K", "6"},
        {"steps", "Offsets per direction, odd, 3-15 (default 5).", "N", "5"},
        {"count", "Filter tiles in the PNG, the first N in the order (0 = all; default 256).", "N", "256"},
        {"columns", "Tiles per row in the PNG (default 16).", "N", "16"},
        {"zoom", "Pixels per picture pixel in the PNG (default 2).", "N", "2"},
        {"shared-scale", "Scale all filter tiles by one maximum |w| (default: each tile its own)."},
        {"decoder", "Untied members: show the decoder's last-layer columns instead of the encoder's rows."},
        {"change", "Draw the sweep as its change from the reconstruction, f(z*+k e_i) - f(z*) (grey = none)."},
        {"png", "Write the filter grid and the direction strip here.", "FILE"},
        {"csv", "Write one row per unit and per direction offset here (docs/units-and-compare.md).", "FILE"},
    });
    int exitCode = 0;
    if (!CliOptions::parse(parser, arguments, "units", exitCode))
        return exitCode;
    const CliOptions options(parser);
    const UnitsSettings settings = settingsFrom(parser, options);
    const int count = options.atLeast<int>("count", 0);
    const UnitsPicture::Layout layout{options.integer<int>("columns", 1, 256), options.integer<int>("zoom", 1, 16)};
    const QString modelPath = options.existingModelFile();
    const Run run = runOn(modelPath, options, parser, settings);
    const UnitsResult& result = run.result;
    const QString& glyph = run.glyph;
    printResult(report, result, run.kind, glyph);
    if (!run.context.isEmpty()) {
        report.line(QString("context %1: %2; pictures in the world's %3 x %4 frame")
                        .arg(result.member)
                        .arg(run.context)
                        .arg(result.pictureWidth)
                        .arg(result.pictureHeight));
        report.set("context", run.context);
    }
    report.set("picture_width", result.pictureWidth);
    report.set("picture_height", result.pictureHeight);
    report.set("sort", UnitsSettings::orderName(settings.order));
    report.set("step", double(settings.step));
    report.set("steps", settings.steps);
    report.set("seconds", run.seconds);
    if (parser.isSet("png")) {
        PngWriter png(parser.value("png"));
        png.setText("Title", "units of member " + QString::number(result.member));
        png.setText("Description", QString("first-layer filters (%1, sorted by %2) and latent directions around %3")
                                       .arg(result.decoderFilters ? "decoder columns" : "encoder rows")
                                       .arg(UnitsSettings::orderName(settings.order))
                                       .arg(glyph));
        png.setText("Software", "latentset-cli units");
        png.write(UnitsPicture::figure(result, count > 0 ? count : int(result.unitCount), layout));
        report.line("wrote " + parser.value("png"));
        report.set("png", parser.value("png"));
    }
    if (parser.isSet("csv"))
        CliCsv::write(report, parser.value("csv"), QString::fromStdString(UnitsTable::header(result)),
                      [&](QTextStream& out) {
                          std::ostringstream rows;
                          UnitsTable::writeRows(result, rows);
                          out << QString::fromStdString(rows.str());
                      });
    return 0;
}
