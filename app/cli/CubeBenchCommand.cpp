// latentset-cli cube bench: the cost of one member step for each input size a
// cube member could have (docs/cli.md, docs/cube-geometry.md "Members").
#include "CliOptions.h"
#include "CliReport.h"
#include "CubeCliSupport.h"

#include "latentset/cube/CubeContexts.h"
#include "latentset/nn/Autoencoder.h"
#include "latentset/util/Stopwatch.h"

#include <QCommandLineParser>

using namespace latentset;

namespace cubecli {

// Why members see their (padded) mask pixels and not the whole frame: the
// cost of one member step for the three ways a member could see its context.
int runBench(const QStringList& arguments, CliReport& report)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        "Time one member training step (Adam, tied, batch B) for the input sizes a cube member\n"
        "could have: its mask's pixels (the mean over contexts), the largest mask (padded, what\n"
        "LatentSet uses), the whole frame (64x64 with a masked loss). Ratios are measured in one run.");
    addCommon(parser);
    parser.addOptions({
        {"hidden", "Hidden units (default 128).", "H", "128"},
        {"batch", "Batch size (default 32).", "B", "32"},
        {"seconds", "Seconds per variant (default 2).", "S", "2"},
    });
    int exitCode = 0;
    if (!CliOptions::parse(parser, arguments, "cube bench", exitCode))
        return exitCode;
    const CliOptions options(parser);
    const Index hidden = options.integer<Index>("hidden", 1, 8192);
    const int batch = options.integer<int>("batch", 1, 4096);
    const double seconds = options.number("seconds", 0.1, 600);
    const CubeContexts contexts;
    Index total = 0;
    for (int c = 0; c < contexts.size(); ++c)
        total += contexts.warp(c).maskSize();
    const Index sizes[3] = {total / contexts.size(), contexts.largestMask(), contexts.frameSize()};
    const char* names[3] = {"mask_only", "padded_mask", "full_frame"};
    OptimizerSettings adam;
    double ms[3] = {0, 0, 0};
    for (int v = 0; v < 3; ++v) {
        Autoencoder member(AutoencoderConfig::make(sizes[v], {hidden}, 16, true), 1);
        const Matrix x = (Matrix::Random(sizes[v], batch).array() * 0.5f + 0.5f).matrix();
        const Matrix mask = Matrix::Ones(sizes[v], 1);
        member.trainStep(x, nullptr, &mask, adam, 1e-3f); // warm-up (allocations)
        Stopwatch clock;
        int steps = 0;
        while (clock.seconds() < seconds) {
            member.trainStep(x, nullptr, &mask, adam, 1e-3f);
            ++steps;
        }
        ms[v] = 1000.0 * clock.seconds() / steps;
        report.line(QString("%1: %2 inputs, %3 ms per step of batch %4")
                        .arg(names[v], -12)
                        .arg(sizes[v], 5)
                        .arg(ms[v], 0, 'f', 3)
                        .arg(batch));
        report.set(QString(names[v]) + "_ms", ms[v]);
        report.set(QString(names[v]) + "_inputs", double(sizes[v]));
    }
    report.line(QString("cost relative to mask-only: padded %1x, full frame %2x")
                    .arg(ms[1] / ms[0], 0, 'f', 2)
                    .arg(ms[2] / ms[0], 0, 'f', 2));
    report.set("padded_ratio", ms[1] / ms[0]);
    report.set("full_frame_ratio", ms[2] / ms[0]);
    return 0;
}

} // namespace cubecli
