// Training speed of one core build against another, in the same minutes.
//
// Uses only the core's public API that existed before issue 14, so the same
// file links against an older build's liblatentset_core.a and the current
// one; run the two binaries alternately. Rates on the process's CPU time per
// thread (a shared machine's other processes then count less) and on wall
// time, each divided by the SGEMM 128x784x2048 of the same process:
//   member b128 / b64: the paper's member, one per thread (as `bench`);
//   classset b64: ClassSetTask::step, ten members, batch 64 (as `mnist`).
//
//   g++ -std=c++20 -O3 -march=native -DEIGEN_DONT_PARALLELIZE -I core -isystem /usr/include/eigen3
//       bench/training_ab.cpp build/perf/core/liblatentset_core.a -lz -lpthread -o training_ab
//   ./training_ab [rounds=3] [seconds=0.6]
#include "latentset/data/Dataset.h"
#include "latentset/nn/Autoencoder.h"
#include "latentset/nn/AutoencoderSet.h"
#include "latentset/nn/ClassSetTask.h"
#include "latentset/util/Random.h"
#include "BenchSupport.h"
#include "latentset/util/Stopwatch.h"
#include "latentset/util/ThreadPool.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <vector>

using namespace latentset;

namespace {

using bench::filled;

double processCpuSeconds() { return bench::cpuSeconds(CLOCK_PROCESS_CPUTIME_ID); }


struct Timing {
    long calls = 0;
    double wall = 0, cpuPerThread = 0;
};

template <class Work>
Timing timed(ThreadPool& pool, double seconds, Work&& work)
{
    std::vector<long> n(pool.threadCount(), 0);
    Stopwatch clock;
    const double cpu0 = processCpuSeconds();
    pool.parallelFor(pool.threadCount(), [&](std::size_t t, unsigned) {
        Stopwatch own;
        do {
            work(t);
            ++n[t];
        } while (own.seconds() < seconds);
    });
    Timing r;
    r.wall = clock.seconds();
    r.cpuPerThread = (processCpuSeconds() - cpu0) / double(pool.threadCount());
    for (long c : n)
        r.calls += c;
    return r;
}

} // namespace

int main(int argc, char** argv)
{
    const int rounds = argc > 1 ? std::atoi(argv[1]) : 3;
    const double seconds = argc > 2 ? std::atof(argv[2]) : 0.6;
    ThreadPool pool(2);
    const unsigned T = pool.threadCount();
    std::vector<Matrix> A, B, C;
    for (unsigned t = 0; t < T; ++t) {
        A.push_back(filled(2048, 784, 10 + t));
        B.push_back(filled(784, 128, 20 + t));
        C.emplace_back(2048, 128);
    }
    const AutoencoderConfig config = AutoencoderConfig::paperMnist();
    std::vector<Autoencoder> members;
    std::vector<Matrix> b128, b64;
    for (unsigned t = 0; t < T; ++t) {
        members.emplace_back(config, 1 + t);
        Matrix X = filled(784, 128, 7 + t);
        X = (X.array() + 1.0f) * 0.5f;
        b128.push_back(X);
        b64.push_back(X.leftCols(64));
    }
    const OptimizerSettings adam;
    pool.parallelFor(T, [&](std::size_t t, unsigned) {
        members[t].trainStep(b128[t], nullptr, nullptr, adam, 1e-4f);
        members[t].trainStep(b64[t], nullptr, nullptr, adam, 1e-4f);
    });
    Random rng(70);
    std::vector<Dataset> data;
    for (int c = 0; c < 10; ++c) {
        std::vector<std::uint8_t> pixels(1000 * 784, 0);
        for (auto& p : pixels)
            if (rng.uniform() < 0.2)
                p = std::uint8_t(rng.below(256));
        data.emplace_back(28, 28, std::move(pixels), std::vector<int>(1000, c));
    }
    ClassSetSettings settings;
    settings.batchSize = 64;
    ClassSetTask task(AutoencoderSet(config, 10, 1), std::move(data), settings);
    (void)task.step(pool, 0, 1);

    const double fps = members[0].trainingFlopsPerSample();
    const double gemmFlops = 2.0 * 2048 * 784 * 128;
    double gemm = 0, t128 = 0, t64 = 0, cs = 0, gemmCpu = 0, t128Cpu = 0, t64Cpu = 0, csCpu = 0;
    for (int r = 0; r < rounds; ++r) {
        Timing g = timed(pool, seconds, [&](std::size_t t) { C[t].noalias() = A[t] * B[t]; });
        gemm = std::max(gemm, gemmFlops * double(g.calls) / g.wall * 1e-9);
        gemmCpu = std::max(gemmCpu, gemmFlops * double(g.calls) / g.cpuPerThread * 1e-9);
        g = timed(pool, seconds, [&](std::size_t t) { members[t].trainStep(b128[t], nullptr, nullptr, adam, 1e-4f); });
        t128 = std::max(t128, double(g.calls) * 128 * fps / g.wall * 1e-9);
        t128Cpu = std::max(t128Cpu, double(g.calls) * 128 * fps / g.cpuPerThread * 1e-9);
        g = timed(pool, seconds, [&](std::size_t t) { members[t].trainStep(b64[t], nullptr, nullptr, adam, 1e-4f); });
        t64 = std::max(t64, double(g.calls) * 64 * fps / g.wall * 1e-9);
        t64Cpu = std::max(t64Cpu, double(g.calls) * 64 * fps / g.cpuPerThread * 1e-9);
        Stopwatch clock;
        const double cpu0 = processCpuSeconds();
        std::size_t samples = 0;
        do {
            samples += task.step(pool, 0, 1).samples;
        } while (clock.seconds() < seconds);
        cs = std::max(cs, double(samples) * fps / clock.seconds() * 1e-9);
        csCpu = std::max(csCpu, double(samples) * fps / ((processCpuSeconds() - cpu0) / double(T)) * 1e-9);
    }
    std::printf("CPU-time GFLOP/s: gemm %.1f | member b128 %.1f (%.3f) | member b64 %.1f (%.3f) | classset b64 %.1f "
                "(%.3f)\n",
                gemmCpu, t128Cpu, t128Cpu / gemmCpu, t64Cpu, t64Cpu / gemmCpu, csCpu, csCpu / gemmCpu);
    std::printf("wall GFLOP/s:     gemm %.1f | member b128 %.1f (%.3f) | member b64 %.1f (%.3f) | classset b64 %.1f "
                "(%.3f)\n",
                gemm, t128, t128 / gemm, t64, t64 / gemm, cs, cs / gemm);
}
