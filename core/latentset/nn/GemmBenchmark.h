#pragma once
// The speed line: how fast the paper's MNIST member trains (batch 128,
// Adam), against the plain SGEMM rate of the same back end on the shape
// 128 x 784 x 2048 (C[2048x128] = A[2048x784] * B[784x128], the first
// layer's forward product), both measured in the same process with the same
// number of threads. Their ratio is the roofline ratio.
//
// With T threads, both sides run T independent problems at once, one per
// thread (T members train side by side, T GEMMs run side by side), so the
// ratio compares like with like on a loaded machine. Blocks the caller.
#include <cstdint>

namespace latentset {

class ThreadPool;

struct SpeedLine {
    double samplesPerSecond = 0; // training samples per second, all threads together
    double gflops = 0;           // achieved training GFLOP/s (matrix-product FLOPs)
    double gemmGflops = 0;       // SGEMM GFLOP/s on 128x784x2048, all threads together
    double rooflineRatio = 0;    // gflops / gemmGflops
    unsigned threads = 1;
    long batch = 128;            // samples per member and step
};

class GemmBenchmark {
public:
    // SGEMM rate (GFLOP/s summed over the pool's threads), best of `rounds`
    // rounds of about `seconds` each.
    static double gemmGflops(ThreadPool& pool, double seconds = 0.5, int rounds = 3);
    // Alternates GEMM and training rounds (so machine load hits both alike)
    // and reports the best round of each. Total time about 2*rounds*seconds.
    static SpeedLine measure(ThreadPool& pool, double seconds = 0.75, int rounds = 3, std::uint64_t seed = 1);
    // The class set's own training step (ClassSetTask::step: ten paper-size
    // members, batch gathering, member-parallel over the pool) at `batch`,
    // on generated 28x28 images, against the same SGEMM rounds: what a
    // class-set training run reaches, without the disk and the dataset.
    static SpeedLine measureClassSet(ThreadPool& pool, long batch, double seconds = 0.75, int rounds = 3,
                                     std::uint64_t seed = 1);
    // Name of the GEMM back end compiled in ("Eigen" or "Eigen+BLAS").
    static const char* backendName();
};

} // namespace latentset
