// Where a class-set training step at batch 64 goes, and what bounds its
// roofline ratio (issue 14: ">= 0.75 of the same-run GEMM").
//
// One thread, ten paper-size members' state (weight, Adam m and v: 19 MB
// each) used in turn, as ClassSetTask's worker does, so every tensor comes
// from memory, not cache. Times each phase of Autoencoder::trainStepFused on
// its own with the same Eigen expressions (the tied 2048 x 784 weight W):
//   enc   W x          2048x784 * 784x64
//   dec   W^T h        784x2048 * 2048x64
//   back  W d          2048x784 * 784x64
//   grad  [d|h][x|d]^T in panels of 64 whole columns, K = 128 (the panel stays in L2)
//   adam  one pass over w, m, v with each panel's gradient (Optimizer::adamChunk)
// and the same two in the step's former layout, 160-row panels (w, m, v then
// read in runs of 160 floats 8 KB apart),
// and the real step (Autoencoder::trainStep on the ten members in turn),
// against the benchmark GEMM 2048x784 * 784x128 with its operands hot (what
// `latentset-cli bench` divides by). Then the bounds: the ratio if every
// product ran at the benchmark rate and Adam took its measured time, and if
// Adam were free as well. A packed AVX-512 / AVX2 micro-kernel (32x12 /
// 16x6, BLIS loop order) is timed on the same shapes, hot and cold, to show
// what a better kernel than Eigen's 48x4 would buy.
//
//   g++ -std=c++20 -O3 -march=native -DNDEBUG -DEIGEN_DONT_PARALLELIZE -I core -isystem /usr/include/eigen3
//       bench/step_bound.cpp build/release/core/liblatentset_core.a -lz -lpthread -o step_bound
//   ./step_bound [seconds per figure = 0.4] [step | mlp]
// `step`: only the real step; `mlp`: only the paper-size MLP's step (784-2048-10, batch 128,
// 2 threads) and a hash of its weights, moments and gradient after 40 steps. Link the same file
// against an older core for A/B runs of two builds (and equal hashes: equal bits).
#include "latentset/nn/Autoencoder.h"
#include "latentset/nn/Mlp.h"
#include "latentset/nn/Optimizer.h"
#include "latentset/nn/OptimizerSettings.h"
#include "latentset/util/Random.h"
#include "BenchSupport.h"
#include "latentset/util/ThreadPool.h"

#include <chrono>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <string>
#include <vector>

#if defined(__AVX512F__) || (defined(__AVX2__) && defined(__FMA__))
#include <immintrin.h>
#define STEP_BOUND_KERNEL 1
#endif

using namespace latentset;

namespace {

using bench::filled;

double cpuSeconds() { return bench::cpuSeconds(CLOCK_THREAD_CPUTIME_ID); }


// Seconds per call of work(k), k = 0, 1, 2, ... (best of 3 rounds, thread CPU time).
template <class Work>
double perCall(double seconds, Work&& work)
{
    double best = 1e30;
    long k = 0;
    for (int r = 0; r < 3; ++r) {
        long n = 0;
        const double t0 = cpuSeconds();
        do {
            work(k++);
            ++n;
        } while (cpuSeconds() - t0 < seconds);
        best = std::min(best, (cpuSeconds() - t0) / double(n));
    }
    return best;
}

#ifdef STEP_BOUND_KERNEL
#if defined(__AVX512F__)
using Reg = __m512;
constexpr int kLanes = 16, kRowRegs = 2, kNr = 12;
inline Reg zero() { return _mm512_setzero_ps(); }
inline Reg load(const float* p) { return _mm512_load_ps(p); }
inline Reg loadu(const float* p) { return _mm512_loadu_ps(p); }
inline void storeu(float* p, Reg x) { _mm512_storeu_ps(p, x); }
inline Reg bcast(const float* p) { return _mm512_set1_ps(*p); }
inline Reg fma(Reg a, Reg b, Reg c) { return _mm512_fmadd_ps(a, b, c); }
inline Reg add(Reg a, Reg b) { return _mm512_add_ps(a, b); }
#else
using Reg = __m256;
constexpr int kLanes = 8, kRowRegs = 2, kNr = 6;
inline Reg zero() { return _mm256_setzero_ps(); }
inline Reg load(const float* p) { return _mm256_load_ps(p); }
inline Reg loadu(const float* p) { return _mm256_loadu_ps(p); }
inline void storeu(float* p, Reg x) { _mm256_storeu_ps(p, x); }
inline Reg bcast(const float* p) { return _mm256_broadcast_ss(p); }
inline Reg fma(Reg a, Reg b, Reg c) { return _mm256_fmadd_ps(a, b, c); }
inline Reg add(Reg a, Reg b) { return _mm256_add_ps(a, b); }
#endif
constexpr Index kMr = kRowRegs * kLanes, kKc = 256, kMc = 384 / kMr * kMr;

// An operand as element (i, k) at p[i * rs + k * cs].
struct Operand {
    const float* p;
    Index rs, cs;
};

void microKernel(Index kc, const float* a, const float* b, float* c, Index ldc, bool accumulate)
{
    Reg acc[kRowRegs][kNr];
    for (auto& row : acc)
        for (auto& x : row)
            x = zero();
    for (Index k = 0; k < kc; ++k, a += kMr, b += kNr) {
        Reg av[kRowRegs];
        for (int r = 0; r < kRowRegs; ++r)
            av[r] = load(a + r * kLanes);
#pragma GCC unroll 12
        for (int j = 0; j < kNr; ++j) {
            const Reg bj = bcast(b + j);
            for (int r = 0; r < kRowRegs; ++r)
                acc[r][j] = fma(av[r], bj, acc[r][j]);
        }
    }
    for (int j = 0; j < kNr; ++j)
        for (int r = 0; r < kRowRegs; ++r) {
            float* p = c + j * ldc + r * kLanes;
            storeu(p, accumulate ? add(loadu(p), acc[r][j]) : acc[r][j]);
        }
}

// Packs rows [i0, i0 + mc) x depth [k0, k0 + kc) of A into kMr-row strips
// (zero padded), reading A along its contiguous direction.
void packA(const Operand& A, Index i0, Index mc, Index k0, Index kc, float* out)
{
    for (Index s = 0; s < mc; s += kMr) {
        float* o = out + s * kc;
        const Index rows = std::min(kMr, mc - s);
        if (A.rs == 1) {
            for (Index k = 0; k < kc; ++k) {
                const float* src = A.p + (i0 + s) + (k0 + k) * A.cs;
                for (Index r = 0; r < kMr; ++r)
                    o[k * kMr + r] = r < rows ? src[r] : 0.0f;
            }
        } else {
            for (Index r = 0; r < kMr; ++r) {
                const float* src = A.p + (i0 + s + r) * A.rs + k0 * A.cs;
                for (Index k = 0; k < kc; ++k)
                    o[k * kMr + r] = r < rows ? src[k * A.cs] : 0.0f;
            }
        }
    }
}

// Packs depth [k0, k0 + kc) x columns [0, n) of B into kNr-column strips
// (zero padded), reading B along its contiguous direction.
void packB(const Operand& B, Index k0, Index kc, Index n, float* out)
{
    for (Index s = 0; s < n; s += kNr) {
        float* o = out + s * kc;
        const Index cols = std::min<Index>(kNr, n - s);
        if (B.cs == 1) {
            for (Index k = 0; k < kc; ++k) {
                const float* src = B.p + (k0 + k) * B.rs + s;
                for (Index c = 0; c < kNr; ++c)
                    o[k * kNr + c] = c < cols ? src[c] : 0.0f;
            }
        } else {
            for (Index c = 0; c < kNr; ++c) {
                const float* src = B.p + k0 * B.rs + (s + c) * B.cs;
                for (Index k = 0; k < kc; ++k)
                    o[k * kNr + c] = c < cols ? src[k * B.rs] : 0.0f;
            }
        }
    }
}

// C (m x n, column-major, ldc) = A B, A m x k, B k x n; m a multiple of kMr.
void packedGemm(Index m, Index n, Index k, const Operand& A, const Operand& B, float* C, Index ldc,
                std::vector<float>& aBuf, std::vector<float>& bBuf)
{
    const Index nPadded = (n + kNr - 1) / kNr * kNr;
    bBuf.resize(std::size_t(kKc * nPadded) + 16);
    aBuf.resize(std::size_t(kKc * kMc) + 16);
    float* bp = reinterpret_cast<float*>((reinterpret_cast<std::uintptr_t>(bBuf.data()) + 63) / 64 * 64);
    float* ap = reinterpret_cast<float*>((reinterpret_cast<std::uintptr_t>(aBuf.data()) + 63) / 64 * 64);
    alignas(64) float tile[kMr * kNr];
    for (Index pc = 0; pc < k; pc += kKc) {
        const Index kc = std::min(kKc, k - pc);
        packB(B, pc, kc, n, bp);
        for (Index ic = 0; ic < m; ic += kMc) {
            const Index mc = std::min(kMc, m - ic);
            packA(A, ic, mc, pc, kc, ap);
            for (Index jr = 0; jr < n; jr += kNr)
                for (Index ir = 0; ir < mc; ir += kMr) {
                    float* c = C + ic + ir + jr * ldc;
                    if (jr + kNr <= n) {
                        microKernel(kc, ap + ir * kc, bp + jr * kc, c, ldc, pc > 0);
                    } else {
                        microKernel(kc, ap + ir * kc, bp + jr * kc, tile, kMr, false);
                        for (Index j = 0; j < n - jr; ++j)
                            for (Index r = 0; r < kMr; ++r)
                                c[j * ldc + r] = (pc > 0 ? c[j * ldc + r] : 0.0f) + tile[j * kMr + r];
                    }
                }
        }
    }
}
#endif

// The MLP's step on 2 threads: wall time per step and an FNV-1a hash of the
// state after 40 steps from a fixed start.
int mlpStep(double seconds)
{
    ThreadPool pool(2);
    const Matrix X = filled(784, 128, 3, 0.0f, 1.0f);
    std::vector<int> labels(128);
    for (int j = 0; j < 128; ++j)
        labels[std::size_t(j)] = j % 10;
    const OptimizerSettings settings;
    Mlp mlp(784, 2048, 10, 7);
    for (int i = 0; i < 5; ++i)
        (void)mlp.trainStep(X, labels, settings, 1e-3f, &pool);
    double best = 1e30;
    for (int r = 0; r < 3; ++r) {
        long n = 0;
        const auto t0 = std::chrono::steady_clock::now();
        double wall = 0;
        do {
            (void)mlp.trainStep(X, labels, settings, 1e-3f, &pool);
            ++n;
            wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        } while (wall < seconds);
        best = std::min(best, wall / double(n));
    }
    Mlp fresh(784, 2048, 10, 7);
    for (int i = 0; i < 40; ++i)
        (void)fresh.trainStep(X, labels, settings, 1e-3f, &pool);
    std::uint64_t hash = 1469598103934665603ull;
    for (const Parameter* p : fresh.parameters())
        for (const Matrix* m : {&p->value, &p->m, &p->v, &p->grad}) {
            const auto* bytes = reinterpret_cast<const unsigned char*>(m->data());
            for (Index i = 0; i < m->size() * Index(sizeof(float)); ++i)
                hash = (hash ^ bytes[i]) * 1099511628211ull;
        }
    std::printf("MLP 784-2048-10 step, batch 128, 2 threads: %.2f ms (%.0f samples/s); state hash %016llx\n",
                best * 1e3, 128 / best, static_cast<unsigned long long>(hash));
    return 0;
}

} // namespace

int main(int argc, char** argv)
{
    const double seconds = argc > 1 ? std::atof(argv[1]) : 0.4;
    const bool stepOnly = argc > 2 && std::string(argv[2]) == "step";
    if (argc > 2 && std::string(argv[2]) == "mlp")
        return mlpStep(seconds);
    constexpr int kMembers = 10;
    constexpr Index kOut = 2048, kIn = 784, kB = 64;
    std::vector<Matrix> W, M, V;
    for (int i = 0; i < kMembers; ++i) {
        W.push_back(filled(kOut, kIn, 10 + i, -0.05f, 0.05f));
        M.push_back(Matrix::Zero(kOut, kIn));
        V.push_back(Matrix::Zero(kOut, kIn));
    }
    const Matrix x = filled(kIn, kB, 3, 0.0f, 1.0f), h = filled(kOut, kB, 4, 0.0f, 1.0f);
    const Matrix d = filled(kIn, kB, 5), left = filled(kOut, 2 * kB, 6), right = filled(kIn, 2 * kB, 7);
    const Matrix x128 = filled(kIn, 128, 8);
    Matrix y(kOut, kB), yt(kIn, kB), y128(kOut, 128), panel;
    const double productFlops = 2.0 * kOut * kIn * kB, gradFlops = 2.0 * kOut * kIn * 2 * kB;
    const double refFlops = 2.0 * kOut * kIn * 128;

    const double ref = refFlops / perCall(seconds, [&](long) { y128.noalias() = W[0] * x128; }) * 1e-9;
    OptimizerSettings settings;
    std::vector<Autoencoder> members;
    for (int i = 0; i < kMembers; ++i)
        members.emplace_back(AutoencoderConfig::paperMnist(), 100 + std::uint64_t(i));
    for (auto& m : members)
        (void)m.trainStep(x, nullptr, nullptr, settings, 1e-4f);
    const double real = perCall(seconds, [&](long k) {
        (void)members[std::size_t(k % kMembers)].trainStep(x, nullptr, nullptr, settings, 1e-4f);
    });
    const double stepFlops = members[0].trainingFlopsPerSample() * double(kB);
    if (stepOnly) {
        std::printf("real step %.2f ms, ratio %.3f (benchmark GEMM %.1f GFLOP/s)\n", real * 1e3,
                    stepFlops / real * 1e-9 / ref, ref);
        return 0;
    }
    const double enc = perCall(seconds, [&](long k) { y.noalias() = W[k % kMembers] * x; });
    const double dec = perCall(seconds, [&](long k) { yt.noalias() = W[k % kMembers].transpose() * h; });
    const double back = perCall(seconds, [&](long k) { y.noalias() = W[k % kMembers] * d; });
    constexpr Index kPanel = 160;
    const double grad = perCall(seconds, [&](long) {
        for (Index r0 = 0; r0 < kOut; r0 += kPanel) {
            panel.resize(kPanel, kIn);
            panel.noalias() = left.middleRows(r0, kPanel) * right.transpose();
        }
    });
    const Optimizer::AdamStep step = Optimizer::adamStep(settings, 10, 1e-4f);
    const Matrix g = filled(kPanel, kIn, 9, -1e-3f, 1e-3f);
    const double adam = perCall(seconds, [&](long k) {
        const int i = int(k % kMembers);
        for (Index r0 = 0; r0 < kOut; r0 += kPanel)
            for (Index j = 0; j < kIn; ++j) {
                const Index at = j * kOut + r0;
                Optimizer::adamChunk(W[i].data() + at, g.data() + j * kPanel, M[i].data() + at, V[i].data() + at,
                                     kPanel, step);
            }
    });

    // The same pass over column panels (all rows of 64 columns: w, m, v and
    // the panel each one contiguous run) instead of 160-row panels (runs of
    // 160 floats, 8 KB apart).
    constexpr Index kPanelCols = 64;
    const Matrix gc = filled(kOut, kPanelCols, 9, -1e-3f, 1e-3f);
    const double adamColumns = perCall(seconds, [&](long k) {
        const int i = int(k % kMembers);
        for (Index j0 = 0; j0 < kIn; j0 += kPanelCols) {
            const Index at = j0 * kOut, n = std::min(kPanelCols, kIn - j0) * kOut;
            Optimizer::adamChunk(W[i].data() + at, gc.data(), M[i].data() + at, V[i].data() + at, n, step);
        }
    });
    const double gradColumns = perCall(seconds, [&](long) {
        for (Index j0 = 0; j0 < kIn; j0 += kPanelCols) {
            const Index c = std::min(kPanelCols, kIn - j0);
            panel.resize(kOut, c);
            panel.noalias() = left * right.middleRows(j0, c).transpose();
        }
    });

    const double phases = enc + dec + back + gradColumns + adamColumns;

    std::printf("one thread, thread CPU time; ten members' state in turn (cold)\n");
    std::printf("benchmark GEMM 2048x784x128, hot:  %6.1f GFLOP/s\n", ref);
    std::printf("enc  W x     (cold) %6.2f ms  %6.1f GFLOP/s  %.2f of the benchmark\n", enc * 1e3,
                productFlops / enc * 1e-9, productFlops / enc * 1e-9 / ref);
    std::printf("dec  W^T h   (cold) %6.2f ms  %6.1f GFLOP/s  %.2f\n", dec * 1e3, productFlops / dec * 1e-9,
                productFlops / dec * 1e-9 / ref);
    std::printf("back W d     (cold) %6.2f ms  %6.1f GFLOP/s  %.2f\n", back * 1e3, productFlops / back * 1e-9,
                productFlops / back * 1e-9 / ref);
    std::printf("grad 64-column panels (hot) %6.2f ms  %6.1f GFLOP/s  %.2f\n", gradColumns * 1e3,
                gradFlops / gradColumns * 1e-9, gradFlops / gradColumns * 1e-9 / ref);
    std::printf("adam w,m,v by 64 columns (cold) %6.2f ms  (%.1f GB/s over 6 x 6.4 MB)\n", adamColumns * 1e3,
                6.0 * 4 * kOut * kIn / adamColumns * 1e-9);
    std::printf("former layout, 160-row panels: grad %6.2f ms (%.1f GFLOP/s), adam %6.2f ms (%.1f GB/s)\n",
                grad * 1e3, gradFlops / grad * 1e-9, adam * 1e3, 6.0 * 4 * kOut * kIn / adam * 1e-9);
    std::printf("phases sum %6.2f ms; the real step (Autoencoder::trainStep, ten members in turn) %6.2f ms = "
                "%.1f GFLOP/s, ratio %.3f\n",
                phases * 1e3, real * 1e3, stepFlops / real * 1e-9, stepFlops / real * 1e-9 / ref);
    const double other = std::max(0.0, real - phases);
    const double atRef = stepFlops / (ref * 1e9);
    std::printf("bound: every product at the benchmark rate, Adam and the rest as measured: ratio %.3f\n",
                atRef / (atRef + adamColumns + other));
    std::printf("bound: every product at the benchmark rate, Adam's memory pass hidden:   ratio %.3f\n",
                atRef / (atRef + other));
#ifdef STEP_BOUND_KERNEL
    std::vector<float> aBuf, bBuf;
    const auto kernelRate = [&](const char* name, Index m, Index n, Index k, auto operands, bool cold, double flops) {
        const double t = perCall(seconds, [&](long c) {
            const auto [A, B, C, ldc] = operands(cold ? int(c % kMembers) : 0);
            packedGemm(m, n, k, A, B, C, ldc, aBuf, bBuf);
        });
        std::printf("packed %dx%d kernel %-18s %6.1f GFLOP/s  %.2f of the benchmark\n", int(kMr), kNr, name,
                    flops / t * 1e-9, flops / t * 1e-9 / ref);
    };
    struct Call {
        Operand A, B;
        float* C;
        Index ldc;
    };
    kernelRate("2048x784x128 hot", kOut, 128, kIn,
               [&](int i) { return Call{{W[i].data(), 1, kOut}, {x128.data(), 1, kIn}, y128.data(), kOut}; }, false,
               refFlops);
    kernelRate("enc W x hot", kOut, kB, kIn,
               [&](int i) { return Call{{W[i].data(), 1, kOut}, {x.data(), 1, kIn}, y.data(), kOut}; }, false,
               productFlops);
    kernelRate("enc W x cold", kOut, kB, kIn,
               [&](int i) { return Call{{W[i].data(), 1, kOut}, {x.data(), 1, kIn}, y.data(), kOut}; }, true,
               productFlops);
    kernelRate("dec W^T h cold", kIn, kB, kOut,
               [&](int i) { return Call{{W[i].data(), kOut, 1}, {h.data(), 1, kOut}, yt.data(), kIn}; }, true,
               productFlops);
    Matrix check(kOut, kB);
    packedGemm(kOut, kB, kIn, {W[1].data(), 1, kOut}, {x.data(), 1, kIn}, check.data(), kOut, aBuf, bBuf);
    y.noalias() = W[1] * x;
    std::printf("packed kernel against Eigen: max |difference| %.2g\n", double((check - y).cwiseAbs().maxCoeff()));
#endif
}
