// latentset-cli bench: the training speed line alone (a few seconds).
//
//   latentset-cli bench [--threads N] [--seconds S] [--rounds R] [--json]
#include "Commands.h"
#include "CliReport.h"

#include "latentset/nn/GemmBenchmark.h"
#include "latentset/util/ThreadPool.h"

#include <QCommandLineParser>

#include <cstdio>

using namespace latentset;

int runBenchCommand(const QStringList& arguments, CliReport& report)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        "The training speed line of the paper's MNIST member (784-2048-16, tied, batch 128, Adam):\n"
        "samples/s, achieved GFLOP/s, the SGEMM GFLOP/s of the same back end on 128x784x2048 measured\n"
        "in the same run with the same threads, and their ratio (the roofline ratio). Training and\n"
        "GEMM rounds alternate and the best round of each is kept.\n"
        "With --json the last line is one JSON object (keys in docs/cli.md).");
    parser.addHelpOption();
    const QCommandLineOption threadsOption("threads", "Worker threads (0 = all cores).", "N", "0");
    const QCommandLineOption secondsOption("seconds", "Length of one timing round in seconds.", "S", "0.75");
    const QCommandLineOption roundsOption("rounds", "Alternating GEMM/training rounds.", "R", "3");
    parser.addOption(threadsOption);
    parser.addOption(secondsOption);
    parser.addOption(roundsOption);
    if (!parser.parse(arguments)) {
        std::fprintf(stderr, "latentset-cli bench: %s\n", qPrintable(parser.errorText()));
        return 2;
    }
    if (parser.isSet("help")) {
        std::fputs(qPrintable(parser.helpText()), stdout);
        return 0;
    }
    bool ok1 = false, ok2 = false, ok3 = false;
    const int threads = parser.value(threadsOption).toInt(&ok1);
    const double seconds = parser.value(secondsOption).toDouble(&ok2);
    const int rounds = parser.value(roundsOption).toInt(&ok3);
    if (!ok1 || threads < 0 || threads > 256 || !ok2 || seconds <= 0 || seconds > 60 || !ok3 || rounds < 1
        || rounds > 100) {
        std::fprintf(stderr, "latentset-cli bench: --threads 0..256, --seconds in (0, 60], --rounds 1..100\n");
        return 2;
    }
    ThreadPool pool{static_cast<unsigned>(threads)};
    const SpeedLine s = GemmBenchmark::measure(pool, seconds, rounds);
    report.line(QString("back end %1, %2 thread(s), batch 128, Adam")
                    .arg(GemmBenchmark::backendName())
                    .arg(s.threads));
    report.line(QString("speed: %1 samples/s, %2 GFLOP/s achieved, SGEMM 128x784x2048 %3 GFLOP/s, "
                        "roofline ratio %4 (target >= 0.6)")
                    .arg(s.samplesPerSecond, 0, 'f', 0)
                    .arg(s.gflops, 0, 'f', 1)
                    .arg(s.gemmGflops, 0, 'f', 1)
                    .arg(s.rooflineRatio, 0, 'f', 3));
    report.set("samples_per_s", s.samplesPerSecond);
    report.set("gflops", s.gflops);
    report.set("gemm_gflops", s.gemmGflops);
    report.set("roofline_ratio", s.rooflineRatio);
    report.set("threads", int(s.threads));
    report.set("backend", GemmBenchmark::backendName());
    return 0;
}
