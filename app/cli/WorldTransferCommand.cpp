// latentset-cli world transfer: one item seen in one context, decoded by
// every context's member of a trained world (paper fig. 6 on any world;
// docs/cli.md, docs/worlds.md).
#include "CliCsv.h"
#include "CliOptions.h"
#include "CliReport.h"
#include "CubeCliSupport.h"
#include "WorldCliSupport.h"
#include "image/PngWriter.h"

#include "latentset/nn/AutoencoderSet.h"
#include "latentset/world/WorldTransfer.h"

#include <QCommandLineParser>
#include <QTextStream>

#include <algorithm>

using namespace latentset;

namespace worldcli {
namespace {


// The item the options name, as seen in every context: a glyph (--glyph, or
// a held-out MNIST digit --digit-index) in a glyph world, a held-out item
// (--item) in a folder world.
std::vector<Matrix> viewsOf(const QCommandLineParser& parser, const ContextWorld& world, QString& what)
{
    std::vector<Matrix> views;
    if (world.glyphSize() > 0 && (parser.isSet("glyph") || !parser.isSet("item"))) {
        Vector glyph;
        if (parser.isSet("glyph")) { // font glyphs too, as world oneshot takes them
            what = parser.value("glyph");
            glyph = glyphOrFontGlyph(what.toStdString());
        } else {
            glyph = cubecli::pickGlyph(parser, cubecli::mnistSplit(true), what);
        }
        for (int c = 0; c < world.contextCount(); ++c)
            views.push_back(world.maskedGlyphs(c, glyph));
        return views;
    }
    const Index item = CliOptions(parser).integer<Index>("item", 0, double(world.itemCount() - 1));
    what = QString("held-out item %1 (%2)").arg(qint64(item)).arg(QString::fromStdString(world.itemName(item)));
    for (int c = 0; c < world.contextCount(); ++c)
        views.push_back(world.masked(c, std::vector<Index>{item}));
    return views;
}

} // namespace

int runTransfer(const QStringList& arguments, CliReport& report)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        "Context transfer (paper fig. 6) in a trained world: an item as seen in context --source\n"
        "is encoded by that context's member and decoded by every member; the gallery shows one\n"
        "frame per context (the source framed in yellow).");
    addCommon(parser);
    parser.addOptions({
        {"model", "A world model saved by 'world train --save'.", "FILE"},
        {"source", "Context whose member encodes the item (default 0).", "C", "0"},
        {"digit-index", "Glyph worlds: MNIST TEST image to transfer (default 0).", "K", "0"},
        {"glyph", "Glyph worlds: a built-in glyph (V, plus...), digit 0-9, an image file, or "
                  "font:<family>:<character>.", "G"},
        {"item", "Held-out item of the world to transfer (folder worlds; default 0).", "K", "0"},
        {"png", "Write the gallery here.", "FILE"},
        {"csv", "Write the table behind it here: context, name, its parameter values, error (one row per context).",
         "FILE"},
        {"zoom", "Enlarge each pixel this many times (default 2).", "Z", "2"},
    });
    int exitCode = 0;
    if (!CliOptions::parse(parser, arguments, "world transfer", exitCode))
        return exitCode;
    const CliOptions options(parser);
    const LoadedWorld loaded = loadWorld(options);
    const ContextWorld& world = *loaded.source.test;
    const int source = options.integer<int>("source", 0, world.contextCount() - 1);
    QString what;
    const std::vector<Matrix> views = viewsOf(parser, world, what);
    const AutoencoderSet& members = loaded.model->members;
    const Vector code =
        members.member(source).encode(ContextWorld::padRows(views[std::size_t(source)], world.memberInputSize())).col(0);
    const Matrix frames = WorldTransfer(members, world).decodeAll(code);
    Vector errors(world.contextCount());
    for (int j = 0; j < world.contextCount(); ++j)
        errors(j) = (world.maskedFromFrames(j, frames.col(j)) - views[std::size_t(j)]).squaredNorm()
                    / float(world.maskSize(j));
    const double others = (errors.sum() - errors(source)) / std::max(1, world.contextCount() - 1);
    report.line(QString("%1 in context %2 (%3), decoded by all %4 members")
                    .arg(what)
                    .arg(source)
                    .arg(QString::fromStdString(world.contextName(source)))
                    .arg(world.contextCount()));
    report.line(QString("mean squared error per mask pixel vs the item truly seen in each context: "
                        "source %1, mean over others %2, worst %3")
                    .arg(errors(source), 0, 'f', 5)
                    .arg(others, 0, 'f', 5)
                    .arg(errors.maxCoeff(), 0, 'f', 5));
    if (parser.isSet("png")) {
        const QImage image = cubecli::galleryImage(frames, world.frameWidth(), world.frameHeight(), mapColumns(world),
                                                   options.integer<int>("zoom", 1, 16), source);
        PngWriter(parser.value("png")).write(image);
        report.line(QString("wrote %1").arg(parser.value("png")));
        report.set("png", parser.value("png"));
    }
    if (parser.isSet("csv")) {
        QString header = "context,name";
        for (const ContextAxis& axis : world.axes())
            header += "," + QString::fromStdString(axis.name);
        CliCsv::write(report, parser.value("csv"), header + ",error", [&](QTextStream& out) {
            for (int c = 0; c < world.contextCount(); ++c) {
                out << c << ',' << CliCsv::quoted(world.contextName(c));
                for (const double v : world.parameters(c))
                    out << ',' << QString::number(v, 'g', 9);
                out << ',' << errors(c) << '\n';
            }
        });
    }
    report.set("source", source);
    report.set("contexts", world.contextCount());
    report.set("source_error", double(errors(source)));
    report.set("mean_error", others);
    report.set("worst_error", double(errors.maxCoeff()));
    return 0;
}

} // namespace worldcli
