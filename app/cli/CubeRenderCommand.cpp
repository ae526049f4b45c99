// latentset-cli cube render: a cube with a glyph on its faces, the glyph in
// every context, or every context's mask (docs/cli.md, docs/cube-geometry.md).
#include "CliOptions.h"
#include "CliReport.h"
#include "CubeCliSupport.h"
#include "image/PngWriter.h"

#include "latentset/cube/CubeContexts.h"
#include "latentset/cube/CubeRenderer.h"

#include <QCommandLineParser>
#include <QJsonArray>

#include <algorithm>

using namespace latentset;

namespace cubecli {
namespace {

void declareRenderOptions(QCommandLineParser& parser)
{
    parser.setApplicationDescription(
        "Render a cube with a glyph on its faces (geometry: docs/cube-geometry.md).\n\n"
        "  cube render --theta 30 --digit-index 7 --png cube.png\n"
        "  cube render --contexts --glyph V --png contexts.png   (the glyph in every context, 10x10)\n"
        "  cube render --masks --png masks.png                    (every context's mask)\n"
        "  cube render --strip 9 --png strip.png                  (cubes at 0, 10, ... 80 degrees)");
    addCommon(parser);
    parser.addOptions({
        {"theta", "Turn of the cube about its vertical axis, degrees (any; [0,90) covers every view).", "T", "30"},
        {"digit-index", "MNIST training image to paint (default 0).", "K", "0"},
        {"glyph", "Paint this instead: a built-in glyph (V, plus, circle...), a digit 0-9, or an image file.", "G"},
        {"png", "Write the picture here.", "FILE"},
        {"zoom", "Enlarge each pixel this many times in the PNG (default 4).", "Z", "4"},
        {"size", "Frame size in pixels (default 64).", "S", "64"},
        {"no-shading", "Paint every face with full brightness."},
        {"contexts", "Draw the glyph in every context (10x10 for 100 contexts)."},
        {"masks", "Draw every context's mask."},
        {"context-count", "Contexts for --contexts/--masks (default 100).", "N", "100"},
        {"strip", "Draw N cubes at theta = 0, 90/N, ... instead of one.", "N"},
    });
}

// --contexts / --masks: one cell per context, and the mask sizes.
QImage contextGallery(const QCommandLineParser& parser, const CubeContextsConfig& config, const Vector& glyph,
                      int zoom, CliReport& report)
{
    const CubeContexts contexts(config);
    Matrix frames = Matrix::Zero(contexts.frameSize(), contexts.size());
    for (int c = 0; c < contexts.size(); ++c) {
        const FaceWarp& w = contexts.warp(c);
        if (parser.isSet("masks")) {
            frames.col(c) = w.maskFrame();
        } else {
            Matrix column = Matrix::Zero(contexts.frameSize(), 1);
            w.scatter(w.apply(glyph), column);
            frames.col(c) = column;
        }
    }
    const QImage image = galleryImage(frames, config.cube.imageSize, contexts.gridColumns(), zoom);
    Index smallest = contexts.warp(0).maskSize(), total = 0;
    for (int c = 0; c < contexts.size(); ++c) {
        smallest = std::min(smallest, contexts.warp(c).maskSize());
        total += contexts.warp(c).maskSize();
    }
    report.line(QString("%1 contexts (%2 side + %3 top); mask pixels: smallest %4, largest %5, mean %6")
                    .arg(contexts.size())
                    .arg(contexts.sideCount())
                    .arg(contexts.topCount())
                    .arg(smallest)
                    .arg(contexts.largestMask())
                    .arg(double(total) / contexts.size(), 0, 'f', 1));
    report.set("contexts", contexts.size());
    report.set("largest_mask", double(contexts.largestMask()));
    report.set("smallest_mask", double(smallest));
    report.set("mean_mask", double(total) / contexts.size());
    return image;
}

// One cube at --theta, or --strip N cubes, and the contexts of their faces.
QImage cubeStrip(const QCommandLineParser& parser, const CubeContextsConfig& config, const Vector& glyph,
                 int zoom, CliReport& report)
{
    const CliOptions options(parser);
    const CubeContexts contexts(config);
    const CubeRenderer renderer(contexts.geometry());
    const bool strip = parser.isSet("strip");
    const int count = strip ? options.integer<int>("strip", 1, 90) : 1;
    const double theta = options.number("theta", -1e6, 1e6);
    Matrix frames(contexts.frameSize(), count);
    QJsonArray faces;
    for (int k = 0; k < count; ++k) {
        const double t = strip ? 90.0 * k / count : theta;
        frames.col(k) = renderer.renderCube(t, glyph);
        const auto ctx = contexts.contextsOfCube(t);
        report.line(QString("theta %1: front face in context %2, left face %3, top %4")
                        .arg(t, 0, 'f', 1)
                        .arg(ctx[0])
                        .arg(ctx[1])
                        .arg(ctx[2]));
        if (!strip)
            faces = QJsonArray{ctx[0], ctx[1], ctx[2]};
    }
    const QImage image = galleryImage(frames, config.cube.imageSize, count, zoom);
    report.set("theta", theta);
    report.set("face_contexts", faces);
    return image;
}

} // namespace

int runRender(const QStringList& arguments, CliReport& report)
{
    QCommandLineParser parser;
    declareRenderOptions(parser);
    int exitCode = 0;
    if (!CliOptions::parse(parser, arguments, "cube render", exitCode))
        return exitCode;
    const CliOptions options(parser);

    CubeContextsConfig config = CubeContextsConfig::forCount(options.integer<int>("context-count", 2, 10000));
    config.cube.imageSize = options.integer<int>("size", 16, 512);
    config.cube.shading = !parser.isSet("no-shading");
    const int zoom = options.integer<int>("zoom", 1, 32);
    const int size = config.cube.imageSize;

    QString what;
    Vector glyph;
    if (!parser.isSet("masks")) {
        const Dataset digits = parser.isSet("glyph") ? Dataset() : mnistSplit(false);
        glyph = pickGlyph(parser, digits, what);
    }

    const QImage image = parser.isSet("contexts") || parser.isSet("masks")
                             ? contextGallery(parser, config, glyph, zoom, report)
                             : cubeStrip(parser, config, glyph, zoom, report);
    report.line(QString("glyph: %1").arg(what.isEmpty() ? QString("(none)") : what));
    if (parser.isSet("png")) {
        PngWriter(parser.value("png")).write(image);
        report.line(QString("wrote %1 (%2x%3)").arg(parser.value("png")).arg(image.width()).arg(image.height()));
        report.set("png", parser.value("png"));
    }
    report.set("size", size);
    return 0;
}

} // namespace cubecli
