// latentset-cli bench: the training speed line alone (a few seconds).
//
//   latentset-cli bench [--threads N] [--seconds S] [--rounds R] [--batch B] [--json]
#include "Commands.h"
#include "CliOptions.h"
#include "CliReport.h"

#include "latentset/nn/GemmBenchmark.h"
#include "latentset/nn/MachinePeak.h"
#include "latentset/util/ThreadPool.h"

#include <QCommandLineParser>

#include <algorithm>
#include <cstdio>

using namespace latentset;

namespace {

void declareBenchOptions(QCommandLineParser& parser)
{
    parser.setApplicationDescription(
        "The training speed line of the paper's MNIST member (784-2048-16, tied, batch 128, Adam):\n"
        "samples/s, achieved GFLOP/s, the SGEMM GFLOP/s of the same back end on 128x784x2048 measured\n"
        "in the same run with the same threads, and their ratio (the roofline ratio). Training and\n"
        "GEMM rounds alternate and the best round of each is kept. Then the class set's own training\n"
        "step (ten such members, member-parallel, --batch, default 64 as `mnist` and the app) against the\n"
        "same GEMM, and the machine's physical peak (cores x FMA units x vector width x 2 x clock,\n"
        "clock and FMA units measured).\n"
        "With --json the last line is one JSON object (keys in docs/cli.md).");
    parser.addHelpOption();
    parser.addOption({"threads", "Worker threads (0 = all cores).", "N", "0"});
    parser.addOption({"seconds", "Length of one timing round in seconds.", "S", "0.75"});
    parser.addOption({"rounds", "Alternating GEMM/training rounds.", "R", "3"});
    parser.addOption({"batch", "Batch of the class-set line (0 = skip it).", "B", "64"});
}

void printMachine(CliReport& report, const MachinePeak& peak, double threadPeak, unsigned threads)
{
    report.line(QString("machine: %1 core(s) x %2 FMA unit(s) (%3 FMA/cycle measured) x %4 lanes x 2 flop x %5 GHz "
                        "(measured) = %6 GFLOP/s peak; %7 GFLOP/s on %8 thread(s)")
                    .arg(peak.cores)
                    .arg(peak.fmaUnits)
                    .arg(peak.fmaPerCycle, 0, 'f', 2)
                    .arg(peak.lanes)
                    .arg(peak.clockGHz, 0, 'f', 2)
                    .arg(peak.peakGflops, 0, 'f', 1)
                    .arg(threadPeak, 0, 'f', 1)
                    .arg(threads));
}

// The paper's member's speed line, then the machine's peak (keys in that order).
void printSpeed(CliReport& report, const SpeedLine& s, const MachinePeak& peak, double threadPeak)
{
    report.line(QString("back end %1, %2 thread(s), batch 128, Adam")
                    .arg(GemmBenchmark::backendName())
                    .arg(s.threads));
    report.line(QString("speed: %1 samples/s, %2 GFLOP/s achieved (%3 of peak), SGEMM 128x784x2048 %4 GFLOP/s "
                        "(%5 of peak), roofline ratio %6 (target >= 0.6)")
                    .arg(s.samplesPerSecond, 0, 'f', 0)
                    .arg(s.gflops, 0, 'f', 1)
                    .arg(threadPeak > 0 ? s.gflops / threadPeak : 0.0, 0, 'f', 2)
                    .arg(s.gemmGflops, 0, 'f', 1)
                    .arg(threadPeak > 0 ? s.gemmGflops / threadPeak : 0.0, 0, 'f', 2)
                    .arg(s.rooflineRatio, 0, 'f', 3));
    report.set("samples_per_s", s.samplesPerSecond);
    report.set("gflops", s.gflops);
    report.set("gemm_gflops", s.gemmGflops);
    report.set("roofline_ratio", s.rooflineRatio);
    report.set("threads", int(s.threads));
    report.set("backend", GemmBenchmark::backendName());
    report.set("peak_gflops", peak.peakGflops);
    report.set("peak_gflops_threads", threadPeak);
    report.set("clock_ghz", peak.clockGHz);
    report.set("fma_units", peak.fmaUnits);
    report.set("fma_per_cycle", peak.fmaPerCycle);
    report.set("vector_lanes", peak.lanes);
    report.set("cores", int(peak.cores));
}

void printClassSet(CliReport& report, const SpeedLine& c, double threadPeak)
{
    report.line(QString("class set (10 members, batch %1, member-parallel on %2 thread(s)): %3 samples/s, "
                        "%4 GFLOP/s (%5 of peak), SGEMM %6 GFLOP/s, ratio %7 (target >= 0.75)")
                    .arg(c.batch)
                    .arg(c.threads)
                    .arg(c.samplesPerSecond, 0, 'f', 0)
                    .arg(c.gflops, 0, 'f', 1)
                    .arg(threadPeak > 0 ? c.gflops / threadPeak : 0.0, 0, 'f', 2)
                    .arg(c.gemmGflops, 0, 'f', 1)
                    .arg(c.rooflineRatio, 0, 'f', 3));
    report.set("class_set_batch", int(c.batch));
    report.set("class_set_samples_per_s", c.samplesPerSecond);
    report.set("class_set_gflops", c.gflops);
    report.set("class_set_gemm_gflops", c.gemmGflops);
    report.set("class_set_ratio", c.rooflineRatio);
}

} // namespace

int runBenchCommand(const QStringList& arguments, CliReport& report)
{
    QCommandLineParser parser;
    declareBenchOptions(parser);
    int exitCode = 0;
    if (!CliOptions::parse(parser, arguments, "bench", exitCode))
        return exitCode;
    const CliOptions options(parser);
    const int threads = options.integer<int>("threads", 0, 256);
    const double seconds = options.number("seconds", 1e-3, 60);
    const int rounds = options.integer<int>("rounds", 1, 100);
    const int batch = options.integer<int>("batch", 0, 4096);
    ThreadPool pool{static_cast<unsigned>(threads)};
    // The peak first, on an otherwise idle pool (one thread, ~0.2 s).
    const MachinePeak peak = MachinePeak::measure();
    const double threadPeak = peak.corePeakGflops * double(std::min<unsigned>(pool.threadCount(), peak.cores));
    printMachine(report, peak, threadPeak, pool.threadCount());
    const SpeedLine s = GemmBenchmark::measure(pool, seconds, rounds);
    printSpeed(report, s, peak, threadPeak);
    if (batch > 0)
        printClassSet(report, GemmBenchmark::measureClassSet(pool, batch, seconds, rounds), threadPeak);
    return 0;
}
