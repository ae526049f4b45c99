#include "latentset/nn/GemmBenchmark.h"

#include "latentset/data/Dataset.h"
#include "latentset/nn/Autoencoder.h"
#include "latentset/nn/ClassSetTask.h"
#include "latentset/util/Random.h"
#include "latentset/util/Stopwatch.h"
#include "latentset/util/ThreadPool.h"

#include <algorithm>
#include <atomic>
#include <vector>

namespace latentset {

namespace {

constexpr Index kM = 2048, kK = 784, kB = 128;

Matrix filled(Index rows, Index cols, std::uint64_t seed)
{
    Random rng(seed);
    Matrix m(rows, cols);
    for (Index i = 0; i < m.size(); ++i)
        m.data()[i] = rng.uniformF(-1.0f, 1.0f);
    return m;
}

// Runs `work(thread)` repeatedly on every thread for about `seconds`; returns
// total calls and the wall time. Each thread checks the clock itself so no
// thread waits for another between calls.
template <typename Work>
std::pair<long, double> timed(ThreadPool& pool, double seconds, Work&& work)
{
    std::vector<long> counts(pool.threadCount(), 0);
    Stopwatch clock;
    pool.parallelFor(pool.threadCount(), [&](std::size_t t, unsigned) {
        Stopwatch own;
        do {
            work(t);
            ++counts[t];
        } while (own.seconds() < seconds);
    });
    const double wall = clock.seconds();
    long total = 0;
    for (long c : counts)
        total += c;
    return {total, wall};
}

} // namespace

const char* GemmBenchmark::backendName()
{
#ifdef EIGEN_USE_BLAS
    return "Eigen+BLAS";
#else
    return "Eigen";
#endif
}

double GemmBenchmark::gemmGflops(ThreadPool& pool, double seconds, int rounds)
{
    const unsigned T = pool.threadCount();
    std::vector<Matrix> A, B, C;
    for (unsigned t = 0; t < T; ++t) {
        A.push_back(filled(kM, kK, 10 + t));
        B.push_back(filled(kK, kB, 20 + t));
        C.emplace_back(kM, kB);
    }
    double best = 0;
    for (int r = 0; r < rounds; ++r) {
        auto [calls, wall] = timed(pool, seconds, [&](std::size_t t) { C[t].noalias() = A[t] * B[t]; });
        best = std::max(best, 2.0 * kM * kK * kB * double(calls) / wall * 1e-9);
    }
    return best;
}

SpeedLine GemmBenchmark::measure(ThreadPool& pool, double seconds, int rounds, std::uint64_t seed)
{
    const unsigned T = pool.threadCount();
    const AutoencoderConfig config = AutoencoderConfig::paperMnist();
    std::vector<Autoencoder> members;
    std::vector<Matrix> batches;
    for (unsigned t = 0; t < T; ++t) {
        members.emplace_back(config, seed + t);
        Matrix X = filled(784, kB, seed * 7 + t);
        X = (X.array() + 1.0f) * 0.5f; // pixels in [0, 1]
        batches.push_back(std::move(X));
    }
    const OptimizerSettings adam;
    // Warm-up: allocate workspaces and optimiser state outside the timing.
    pool.parallelFor(T, [&](std::size_t t, unsigned) { members[t].trainStep(batches[t], nullptr, nullptr, adam, 1e-4f); });

    SpeedLine line;
    line.threads = T;
    const double flopsPerSample = members[0].trainingFlopsPerSample();
    for (int r = 0; r < rounds; ++r) {
        line.gemmGflops = std::max(line.gemmGflops, gemmGflops(pool, seconds, 1));
        auto [steps, wall] = timed(pool, seconds, [&](std::size_t t) {
            members[t].trainStep(batches[t], nullptr, nullptr, adam, 1e-4f);
        });
        const double sps = double(steps) * kB / wall;
        if (sps > line.samplesPerSecond) {
            line.samplesPerSecond = sps;
            line.gflops = sps * flopsPerSample * 1e-9;
        }
    }
    line.rooflineRatio = line.gemmGflops > 0 ? line.gflops / line.gemmGflops : 0;
    return line;
}

SpeedLine GemmBenchmark::measureClassSet(ThreadPool& pool, long batch, double seconds, int rounds, std::uint64_t seed)
{
    constexpr int kMembers = 10;
    constexpr int kImagesPerClass = 1000;
    const AutoencoderConfig config = AutoencoderConfig::paperMnist();
    // Digit-like images: a fifth of the pixels lit (as MNIST), the rest 0.
    // Only the shapes matter for the speed; the content keeps the loss finite.
    Random rng(seed * 13 + 5);
    std::vector<Dataset> data;
    for (int c = 0; c < kMembers; ++c) {
        std::vector<std::uint8_t> pixels(std::size_t(kImagesPerClass) * 784, 0);
        for (auto& p : pixels)
            if (rng.uniform() < 0.2)
                p = std::uint8_t(rng.below(256));
        data.emplace_back(28, 28, std::move(pixels), std::vector<int>(kImagesPerClass, c));
    }
    ClassSetSettings settings;
    settings.batchSize = Index(batch);
    settings.seed = seed;
    ClassSetTask task(AutoencoderSet(config, kMembers, seed), std::move(data), settings);
    (void)task.step(pool, 0.0, 1.0); // warm-up: workspaces and optimiser state

    SpeedLine line;
    line.threads = pool.threadCount();
    line.batch = batch;
    const double flopsPerSample = task.flopsPerSample();
    for (int r = 0; r < rounds; ++r) {
        line.gemmGflops = std::max(line.gemmGflops, gemmGflops(pool, seconds, 1));
        Stopwatch clock;
        std::size_t samples = 0;
        do {
            samples += task.step(pool, 0.0, 1.0).samples;
        } while (clock.seconds() < seconds);
        const double sps = double(samples) / clock.seconds();
        if (sps > line.samplesPerSecond) {
            line.samplesPerSecond = sps;
            line.gflops = sps * flopsPerSample * 1e-9;
        }
    }
    line.rooflineRatio = line.gemmGflops > 0 ? line.gflops / line.gemmGflops : 0;
    return line;
}

} // namespace latentset
