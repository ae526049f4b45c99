#include "latentset/likelihood/SparseMemberEvaluator.h"

#include "latentset/nn/Autoencoder.h"
#include "latentset/util/Error.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <new>

#if defined(__linux__)
#include <sys/mman.h>
#endif
#if defined(__AVX2__)
#include <immintrin.h>
#endif

namespace latentset {

namespace {

// Rows of the output handled per register block: one AVX-512 register of
// floats, or one AVX register otherwise, so the 1 + d accumulators of a block
// stay in registers (d = 16: 17 of the 32 zmm registers).
#if defined(__AVX512F__)
constexpr Index kBlockRows = 16;
#else
constexpr Index kBlockRows = 8;
#endif
using Block = Eigen::Matrix<float, kBlockRows, 1>;

// Asks for the cache line `ahead` floats further down a weight column: the
// next row block reads it, and by then it is in L2. Without this the active
// columns (one line each per row block, ~1000 lines 3 KB apart) come from
// memory one demand miss at a time.
inline void prefetch(const float* address)
{
#if defined(__GNUC__)
    __builtin_prefetch(address, 0, 2);
#else
    (void)address;
#endif
}

// Asks for a line into L1 for use a few iterations later.
inline void prefetchNear(const float* address)
{
#if defined(__GNUC__)
    __builtin_prefetch(address, 0, 3);
#else
    (void)address;
#endif
}

// Active units ahead for prefetchNear(): enough to cover an L2 hit at a
// few cycles per unit.
constexpr Index kNearAhead = 8;

// The decoder's output weight W_o (n x k) is kept in LINES of kLine = 16
// output rows: element (p, j) lives at
//     lines[(p / kLine) * k * kLine + j * kLine + p % kLine],
// so one row block's line of every hidden unit (64 bytes each) is one
// contiguous 2048 x 64-byte stretch, read front to back with gaps where units
// are inactive (~half). Column-major storage put those lines 3 KB apart (one
// per 4 KB page for ~1000 units), which the hardware prefetcher does not
// follow; this layout it streams. Rows beyond n (the last block of an n that
// is not a multiple of 16) are zero and never stored back.
constexpr Index kLine = 16;

// A zeroed buffer of `count` floats, on 2 MB pages if the kernel gives them
// (fewer page walks, costly under virtualisation). On Linux large buffers get
// their own fresh mapping, 2 MB aligned, advised before the first write (the
// write is what allocates the pages): memory from malloc may be recycled heap
// whose 4 KB pages are already populated, and madvise() does not convert those
// (only khugepaged does, much later). Elsewhere, or for small buffers, an
// ordinary aligned buffer: same values, only the speed differs.
std::shared_ptr<float[]> hugePageBuffer(std::size_t count, std::size_t& bytes)
{
    constexpr std::size_t kPage = 4096;
    bytes = (count * sizeof(float) + kPage - 1) / kPage * kPage;
    if (bytes == 0)
        return {};
#if defined(__linux__) && defined(MADV_HUGEPAGE)
    constexpr std::size_t kHugePage = std::size_t(2) << 20;
    if (bytes >= kHugePage) {
        // Over-map by one huge page, then unmap the unaligned head and the tail.
        const std::size_t mapped = bytes + kHugePage;
        void* raw = mmap(nullptr, mapped, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (raw == MAP_FAILED)
            throw std::bad_alloc();
        const auto start = reinterpret_cast<std::uintptr_t>(raw);
        const std::uintptr_t aligned = (start + kHugePage - 1) / kHugePage * kHugePage;
        if (aligned > start)
            munmap(raw, aligned - start);
        if (start + mapped > aligned + bytes)
            munmap(reinterpret_cast<void*>(aligned + bytes), start + mapped - aligned - bytes);
        auto* data = reinterpret_cast<float*>(aligned);
        (void)madvise(data, bytes, MADV_HUGEPAGE); // a hint: refusal only costs speed
        std::memset(data, 0, bytes);               // fresh pages are zero; this allocates them
        const std::size_t length = bytes;
        return std::shared_ptr<float[]>(data, [length](float* p) { munmap(p, length); });
    }
#endif
    void* memory = nullptr;
    if (posix_memalign(&memory, 64, bytes) != 0)
        throw std::bad_alloc();
    std::memset(memory, 0, bytes);
    return std::shared_ptr<float[]>(static_cast<float*>(memory), [](float* p) { std::free(p); });
}

// W_o in lines (above) from its storage: `stored` is W_o column-major (n x k)
// or, when `transposed`, W_o^T column-major (k x n, what a tied layer stores).
std::shared_ptr<const float[]> lineCopy(const Matrix& stored, bool transposed, Index n, Index k, std::size_t& bytes)
{
    const Index blocks = (n + kLine - 1) / kLine;
    std::shared_ptr<float[]> lines = hugePageBuffer(std::size_t(blocks * k * kLine), bytes);
    for (Index b = 0; b < blocks; ++b) {
        const Index rows = std::min(kLine, n - b * kLine);
        float* block = lines.get() + b * k * kLine;
        for (Index j = 0; j < k; ++j)
            for (Index r = 0; r < rows; ++r)
                block[j * kLine + r] = transposed ? stored(j, b * kLine + r) : stored(b * kLine + r, j);
    }
    return lines;
}

// Copies rows [b * kLine, b * kLine + rows) of the 1 + D columns of one block
// (kLine floats per column in `block`) into `out` (leading dimension n).
template <int D>
inline void storeBlock(const float* block, Index n, Index b, float* out)
{
    const Index p = b * kLine;
    const Index rows = std::min(kLine, n - p);
    for (int c = 0; c <= D; ++c)
        std::copy(block + c * kLine, block + c * kLine + rows, out + c * n + p);
}

// out (n x (1 + D), column-major, leading dimension n) =
//     W_o[:, A] [h_A | W_2[A, :]],
// W_o in lines (k units per block), w2t = W_2^T (D x k), A = active.
// One pass over the active units per kBlockRows output rows, the 1 + D
// accumulators in registers; D known at compile time. While a block runs, the
// next block's line of each unit is asked for into L2 and this block's line of
// the unit kNearAhead places on into L1.
template <int D>
void fusedProduct(const float* lines, Index n, Index k, const float* w2t, const float* h,
                  const std::vector<Index>& active, float* out)
{
    const Index count = Index(active.size());
    const Index* act = active.data();
    const Index blocks = (n + kLine - 1) / kLine;
    alignas(64) float block[(D + 1) * kLine];
    for (Index b = 0; b < blocks; ++b) {
        const float* base = lines + b * k * kLine;
        const float* next = b + 1 < blocks ? base + k * kLine : base;
        for (Index s = 0; s < kLine; s += kBlockRows) {
            std::array<Block, D + 1> acc;
            for (Block& a : acc)
                a.setZero();
            for (Index jj = 0; jj < count; ++jj) {
                const Index j = act[jj];
                if (s == 0)
                    prefetch(next + j * kLine);
                prefetchNear(base + act[std::min(jj + kNearAhead, count - 1)] * kLine + s);
                const Block w = Eigen::Map<const Block>(base + j * kLine + s);
                acc[0].noalias() += h[j] * w;
                const float* r = w2t + j * D;
                for (int c = 0; c < D; ++c)
                    acc[std::size_t(c) + 1].noalias() += r[c] * w;
            }
            for (int c = 0; c <= D; ++c)
                Eigen::Map<Block>(block + c * kLine + s) = acc[std::size_t(c)];
        }
        storeBlock<D>(block, n, b, out);
    }
}

#if defined(__AVX2__) && defined(__FMA__) && !defined(__AVX512F__)
// The same product for AVX2 machines (8-float vectors, 16 registers). The
// AVX-512 kernel above keeps 1 + D = 17 accumulators of one output block in
// registers; with 8-float registers that needs 17 of the 16 there are (plus
// the weight and the broadcast), so the compiler spills on every step and the
// sparse path lost to the dense one. Here each block is one line, 16 output
// rows (two registers per column), and the 1 + D columns go in groups of at
// most six (12 accumulators + 2 weights + 1 broadcast = 15 registers), one
// pass over the active units per group. The passes re-read the block's line
// of each active unit, so the units go in runs of kUnitRun whose lines (64
// bytes each, 16 KB per run) stay in L1 between the passes; the accumulators
// are parked in memory between runs. Each output is still the sum over the
// active units in order, as above.
constexpr Index kUnitRun = 256;

// Accumulates columns [C0, C0 + G) of one block over units [j0, j1).
// coefficients: (1 + D) per active unit, [h_j, W_2(j, 0..D-1)].
template <int G>
inline void fusedGroup(const float* base, const float* next, const Index* act, Index j0, Index j1,
                       const float* coefficients, int stride, int c0, float* parked, bool prefetchNext)
{
    __m256 lo[G], hi[G];
    for (int g = 0; g < G; ++g) {
        lo[g] = _mm256_loadu_ps(parked + (c0 + g) * 16);
        hi[g] = _mm256_loadu_ps(parked + (c0 + g) * 16 + 8);
    }
    for (Index jj = j0; jj < j1; ++jj) {
        const float* line = base + act[jj] * kLine;
        if (prefetchNext) {
            prefetch(next + act[jj] * kLine);
            // This block's line of a unit a few places on, into L1: the
            // first group's loads otherwise wait on L2.
            prefetchNear(base + act[std::min(jj + kNearAhead, j1 - 1)] * kLine);
        }
        const __m256 w0 = _mm256_load_ps(line);
        const __m256 w1 = _mm256_load_ps(line + 8);
        const float* r = coefficients + jj * stride + c0;
        for (int g = 0; g < G; ++g) {
            const __m256 b = _mm256_broadcast_ss(r + g);
            lo[g] = _mm256_fmadd_ps(b, w0, lo[g]);
            hi[g] = _mm256_fmadd_ps(b, w1, hi[g]);
        }
    }
    for (int g = 0; g < G; ++g) {
        _mm256_storeu_ps(parked + (c0 + g) * 16, lo[g]);
        _mm256_storeu_ps(parked + (c0 + g) * 16 + 8, hi[g]);
    }
}

template <int D>
void fusedProductAvx2(const float* lines, Index n, Index k, const float* w2t, const float* h,
                      const std::vector<Index>& active, std::vector<float>& coefficients, float* out)
{
    static_assert(kLine == 16, "the AVX2 kernel handles a line as two 8-float registers");
    constexpr int C = D + 1;
    const Index count = Index(active.size());
    const Index* act = active.data();
    coefficients.resize(std::size_t(count) * C);
    for (Index jj = 0; jj < count; ++jj) {
        float* r = coefficients.data() + jj * C;
        r[0] = h[act[jj]];
        for (int c = 0; c < D; ++c)
            r[c + 1] = w2t[act[jj] * D + c];
    }
    const Index blocks = (n + kLine - 1) / kLine;
    alignas(32) float parked[C * kLine];
    for (Index b = 0; b < blocks; ++b) {
        const float* base = lines + b * k * kLine;
        const float* next = b + 1 < blocks ? base + k * kLine : base;
        std::fill(parked, parked + C * kLine, 0.0f);
        for (Index j0 = 0; j0 < count; j0 += kUnitRun) {
            const Index j1 = std::min(count, j0 + kUnitRun);
            const float* cf = coefficients.data();
            int c0 = 0;
            for (; c0 + 6 <= C; c0 += 6)
                fusedGroup<6>(base, next, act, j0, j1, cf, C, c0, parked, c0 == 0);
            switch (C - c0) {
            case 5: fusedGroup<5>(base, next, act, j0, j1, cf, C, c0, parked, c0 == 0); break;
            case 4: fusedGroup<4>(base, next, act, j0, j1, cf, C, c0, parked, c0 == 0); break;
            case 3: fusedGroup<3>(base, next, act, j0, j1, cf, C, c0, parked, c0 == 0); break;
            case 2: fusedGroup<2>(base, next, act, j0, j1, cf, C, c0, parked, c0 == 0); break;
            case 1: fusedGroup<1>(base, next, act, j0, j1, cf, C, c0, parked, c0 == 0); break;
            default: break;
            }
        }
        storeBlock<D>(parked, n, b, out);
    }
}
#endif

// Picks the kernel for this build's vector width.
template <int D>
void fusedProductFor(const float* lines, Index n, Index k, const float* w2t, const float* h,
                     const std::vector<Index>& active, std::vector<float>& coefficients, float* out)
{
#if defined(__AVX2__) && defined(__FMA__) && !defined(__AVX512F__)
    fusedProductAvx2<D>(lines, n, k, w2t, h, active, coefficients, out);
#else
    (void)coefficients;
    fusedProduct<D>(lines, n, k, w2t, h, active, out);
#endif
}

// Any latent size: the same sums, accumulated in memory (slower).
void fusedProductDynamic(const float* lines, Index n, Index k, Index d, const float* w2t, const float* h,
                         const std::vector<Index>& active, Matrix& out)
{
    out.setZero();
    const Index blocks = (n + kLine - 1) / kLine;
    for (Index b = 0; b < blocks; ++b) {
        const Index p = b * kLine;
        const Index rows = std::min(kLine, n - p);
        for (const Index j : active) {
            const auto w = Eigen::Map<const Vector>(lines + (b * k + j) * kLine, rows);
            out.col(0).segment(p, rows).noalias() += h[j] * w;
            for (Index c = 0; c < d; ++c)
                out.col(c + 1).segment(p, rows).noalias() += w2t[j * d + c] * w;
        }
    }
}

} // namespace

bool SparseMemberEvaluator::supports(const Autoencoder& member, std::string* why)
{
    const auto fail = [&](const char* reason) {
        if (why)
            *why = reason;
        return false;
    };
    const int encoderLayers = member.encoderLayerCount();
    if (member.layerCount() - encoderLayers != 2)
        return fail("the decoder does not have exactly one hidden layer");
    if (member.activation(encoderLayers) != Activation::Relu)
        return fail("the decoder's hidden layer is not relu");
    for (int l = 0; l < encoderLayers; ++l)
        if (member.weightTransposed(l))
            return fail("an encoder layer stores its weight transposed");
    return true;
}

SparseMemberEvaluator::SparseMemberEvaluator(const Autoencoder& member) : source_(&member)
{
    std::string why;
    if (!supports(member, &why))
        throw Error("sparse likelihood path: " + why);
    encoderLayers_ = member.encoderLayerCount();
    inputSize_ = member.layerInputSize(0);
    latentSize_ = member.layerInputSize(encoderLayers_);
    hiddenSize_ = member.layerOutputSize(encoderLayers_);
    const int hiddenLayer = encoderLayers_;
    const int outputLayer = encoderLayers_ + 1;

    // W_2^T: for a tied layer the stored tensor is W_2^T already.
    const Matrix& hiddenStorage = member.weightStorage(hiddenLayer);
    hiddenWeightsT_ = member.weightTransposed(hiddenLayer) ? hiddenStorage : Matrix(hiddenStorage.transpose());
    hiddenBias_ = member.bias(hiddenLayer);

    // W_o in lines (see lineCopy): an untied layer stores W_o column-major, a
    // tied one W_o^T.
    outputLines_ = lineCopy(member.weightStorage(outputLayer), member.weightTransposed(outputLayer), inputSize_,
                            hiddenSize_, outputLinesBytes_);
    outputBias_ = member.bias(outputLayer);
    outputActivation_ = member.activation(outputLayer);
}

std::size_t SparseMemberEvaluator::ownedBytes() const
{
    return outputLinesBytes_ +
           sizeof(float) * std::size_t(hiddenWeightsT_.size() + hiddenBias_.size() + outputBias_.size());
}

void SparseMemberEvaluator::encode(const Eigen::Ref<const Vector>& x, Vector& z, Workspace& ws) const
{
    if (x.size() != inputSize_)
        throw Error("sparse likelihood path: an input has " + std::to_string(x.size()) + " pixels, the member takes " +
                    std::to_string(inputSize_));
    const Matrix& w0 = source_->weightStorage(0); // k x n, column j = pixel j's weights
    ws.nonZero.clear();
    for (Index i = 0; i < x.size(); ++i)
        if (x(i) != 0.0f)
            ws.nonZero.push_back(i);
    ws.hidden = source_->bias(0);
    // Four pixels per sweep (the accumulator is loaded and stored once for
    // four columns), and the next four columns are prefetched line by line
    // during the sweep: each column is 8 KB for k = 2048, scattered over W,
    // and the hardware prefetcher stops at every 4 KB page.
    const Index k = w0.rows();
    const std::size_t count = ws.nonZero.size();
    const auto column = [&](std::size_t q) { return w0.data() + ws.nonZero[std::min(q, count - 1)] * k; };
    std::size_t q = 0;
    for (; q + 4 <= count; q += 4) {
        const float *c0 = column(q), *c1 = column(q + 1), *c2 = column(q + 2), *c3 = column(q + 3);
        const float *n0 = column(q + 4), *n1 = column(q + 5), *n2 = column(q + 6), *n3 = column(q + 7);
        const float x0 = x(ws.nonZero[q]), x1 = x(ws.nonZero[q + 1]), x2 = x(ws.nonZero[q + 2]),
                    x3 = x(ws.nonZero[q + 3]);
        float* acc = ws.hidden.data();
        Index i = 0;
        for (; i + 16 <= k; i += 16) {
            prefetch(n0 + i);
            prefetch(n1 + i);
            prefetch(n2 + i);
            prefetch(n3 + i);
            using Line = Eigen::Matrix<float, 16, 1>;
            Eigen::Map<Line>(acc + i) += x0 * Eigen::Map<const Line>(c0 + i) + x1 * Eigen::Map<const Line>(c1 + i) +
                                         x2 * Eigen::Map<const Line>(c2 + i) + x3 * Eigen::Map<const Line>(c3 + i);
        }
        for (; i < k; ++i)
            acc[i] += x0 * c0[i] + x1 * c1[i] + x2 * c2[i] + x3 * c3[i];
    }
    for (; q < count; ++q)
        ws.hidden.noalias() += x(ws.nonZero[q]) * w0.col(ws.nonZero[q]);
    activate(ws.hidden, source_->activation(0));
    for (int l = 1; l < encoderLayers_; ++l) {
        ws.next.noalias() = source_->weightStorage(l) * ws.hidden;
        ws.next += source_->bias(l);
        activate(ws.next, source_->activation(l));
        std::swap(ws.hidden, ws.next);
    }
    z = ws.hidden;
}

void SparseMemberEvaluator::decodeWithJacobian(const Eigen::Ref<const Vector>& z, Matrix& fused,
                                               Workspace& ws) const
{
    if (z.size() != latentSize_)
        throw Error("sparse likelihood path: a code has " + std::to_string(z.size()) + " values, the latent size is " +
                    std::to_string(latentSize_));
    const Index n = inputSize_;
    const Index d = latentSize_;
    ws.decoderHidden.noalias() = hiddenWeightsT_.transpose() * z;
    ws.decoderHidden += hiddenBias_;
    ws.active.clear();
    for (Index j = 0; j < hiddenSize_; ++j) {
        if (ws.decoderHidden(j) > 0.0f)
            ws.active.push_back(j);
        else
            ws.decoderHidden(j) = 0.0f; // relu (inactive units are never read)
    }
    fused.resize(n, d + 1);
    const float* h = ws.decoderHidden.data();
    const float* w2t = hiddenWeightsT_.data();
    const float* lines = outputLines_.get();
    const Index k = hiddenSize_;
    switch (d) {
    case 2: fusedProductFor<2>(lines, n, k, w2t, h, ws.active, ws.coefficients, fused.data()); break;
    case 4: fusedProductFor<4>(lines, n, k, w2t, h, ws.active, ws.coefficients, fused.data()); break;
    case 8: fusedProductFor<8>(lines, n, k, w2t, h, ws.active, ws.coefficients, fused.data()); break;
    case 16: fusedProductFor<16>(lines, n, k, w2t, h, ws.active, ws.coefficients, fused.data()); break;
    default: fusedProductDynamic(lines, n, k, d, w2t, h, ws.active, fused); break;
    }
    // Column 0: f(z) = s(W_o h + b_o). Columns 1..d: J = diag(s') W_o diag(relu') W_2,
    // relu' = 1 on the active units (the only ones summed).
    ws.output = fused.col(0) + outputBias_;
    activate(ws.output, outputActivation_); // nn/Activation: the same rounding as the dense path
    fused.col(0) = ws.output;
    const auto y = fused.col(0);
    switch (outputActivation_) {
    case Activation::Linear: break;
    case Activation::Relu:
        for (Index i = 0; i < n; ++i)
            if (!(y(i) > 0.0f))
                fused.row(i).tail(d).setZero();
        break;
    case Activation::Sigmoid:
        fused.rightCols(d).array().colwise() *= y.array() * (1.0f - y.array());
        break;
    case Activation::Tanh:
        fused.rightCols(d).array().colwise() *= 1.0f - y.array().square();
        break;
    }
}

} // namespace latentset
