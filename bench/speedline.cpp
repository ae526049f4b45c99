// Quick stand-alone speed line (the CLI's `bench` prints the same figures).
#include "latentset/nn/GemmBenchmark.h"
#include "latentset/util/ThreadPool.h"

#include <cstdio>
#include <cstdlib>

int main(int argc, char** argv)
{
    const unsigned threads = argc > 1 ? unsigned(std::atoi(argv[1])) : 0;
    latentset::ThreadPool pool(threads);
    const auto s = latentset::GemmBenchmark::measure(pool);
    std::printf("%s threads=%u samples/s=%.0f train=%.1f GFLOP/s gemm=%.1f GFLOP/s ratio=%.3f\n",
                latentset::GemmBenchmark::backendName(), s.threads, s.samplesPerSecond, s.gflops, s.gemmGflops,
                s.rooflineRatio);
}
