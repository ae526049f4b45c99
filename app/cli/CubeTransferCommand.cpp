// latentset-cli cube transfer: one glyph seen in one context, decoded by every
// context's member of a trained cube world (paper fig. 6; docs/cli.md).
#include "CliCsv.h"
#include "CliOptions.h"
#include "CliReport.h"
#include "CubeCliSupport.h"
#include "image/PngWriter.h"

#include "latentset/cube/CubeModel.h"
#include "latentset/experiments/GlyphTransfer.h"

#include <QCommandLineParser>
#include <QTextStream>

using namespace latentset;

namespace cubecli {

int runTransfer(const QStringList& arguments, CliReport& report)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        "Context transfer (paper fig. 6): a glyph as seen in context --source is encoded by that\n"
        "context's member and decoded by every member; the gallery shows one frame per context\n"
        "(row-major, the source framed in yellow).");
    addCommon(parser);
    parser.addOptions({
        {"model", "A cube model saved by 'cube train --save'.", "FILE"},
        {"source", "Context whose member encodes the glyph (default 10).", "C", "10"},
        {"digit-index", "MNIST TEST image to transfer (held out from training; default 0).", "K", "0"},
        {"glyph", "Transfer this instead: built-in glyph (V, plus...), digit 0-9, or an image file.", "G"},
        {"png", "Write the gallery here.", "FILE"},
        {"csv", "Write the table behind it here: context, name, error (one row per context).", "FILE"},
        {"zoom", "Enlarge each pixel this many times (default 2).", "Z", "2"},
    });
    int exitCode = 0;
    if (!CliOptions::parse(parser, arguments, "cube transfer", exitCode))
        return exitCode;
    const CliOptions options(parser);
    const CubeModel model = CubeModel::load(options.existingModelFile().toStdString());
    const int source = options.integer<int>("source", 0, model.contexts->size() - 1);
    const Dataset digits = parser.isSet("glyph") ? Dataset() : mnistSplit(true);
    QString what;
    const Vector glyph = pickGlyph(parser, digits, what);
    const GlyphTransfer t = GlyphTransfer::run(model, source, glyph);
    report.line(QString("%1 in context %2 (%3), decoded by all %4 members")
                    .arg(what)
                    .arg(source)
                    .arg(QString::fromStdString(model.contexts->name(source)))
                    .arg(model.contexts->size()));
    report.line(QString("mean squared error per mask pixel vs the glyph truly seen in each context: "
                        "source %1, mean over others %2, worst %3")
                    .arg(t.sourceError, 0, 'f', 5)
                    .arg(t.meanOtherError, 0, 'f', 5)
                    .arg(t.worstError, 0, 'f', 5));
    if (parser.isSet("png")) {
        const QImage image = galleryImage(t.frames, model.contexts->imageSize(), model.contexts->gridColumns(),
                                          options.integer<int>("zoom", 1, 16), source);
        PngWriter(parser.value("png")).write(image);
        report.line(QString("wrote %1").arg(parser.value("png")));
        report.set("png", parser.value("png"));
    }
    if (parser.isSet("csv"))
        CliCsv::write(report, parser.value("csv"), "context,name,error", [&](QTextStream& out) {
            for (int c = 0; c < model.contexts->size(); ++c)
                out << c << ',' << CliCsv::quoted(model.contexts->name(c)) << ',' << t.errors(c) << '\n';
        });
    report.set("source", source);
    report.set("contexts", model.contexts->size());
    report.set("source_error", t.sourceError);
    report.set("mean_error", t.meanOtherError);
    report.set("worst_error", t.worstError);
    return 0;
}

} // namespace cubecli
