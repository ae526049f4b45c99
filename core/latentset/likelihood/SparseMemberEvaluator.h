#pragma once
#include "latentset/nn/Activation.h"
#include "latentset/util/Types.h"

#include <cstddef>
#include <memory>
#include <string>
#include <vector>

namespace latentset {

class Autoencoder;

// The encoder, decoder and decoder Jacobian of ONE member for ONE input at a
// time, reading only the weights that the input and its code actually use.
// Same maths as Autoencoder::encode + DecoderJacobian, only the order of the
// float sums differs (results agree to float rounding, ~1e-6 relative).
//
// Why: for the paper's 784-2048-16 tied member, W (2048 x 784) is 6.4 MB;
// ten members are 64 MB, twice the L3 cache, so an input evaluated alone is
// bound by memory traffic, and the dense path reads W three times (encoder,
// decoder, Jacobian). Here:
//   * encoder, first layer: W x = sum over the NON-ZERO pixels x_j of
//     x_j W(:, j), a contiguous column each (MNIST: ~19 % of the pixels);
//   * decoder: with h = relu(W_2 z + b_2) the hidden layer, f(z) = s(W_o h + b_o)
//     and J_f(z) = diag(s') W_o diag(relu'(h)) W_2 need only the columns of
//     W_o of ACTIVE hidden units (~half). Both are computed in one pass over
//     those columns as the n x (1 + d) product  W_o[:, A] [h_A | W_2[A, :]].
// Total traffic per member drops from 3 x 6.4 MB to ~1.2 + ~3 MB.
//
// Supported shapes (supports()): any encoder; a decoder of exactly two layers,
// latent -> hidden (relu) -> output (any activation), tied or untied. Anything
// else uses the general dense path (LikelihoodEstimator picks automatically).
//
// Memory: the constructor keeps a copy of W_o, n x k floats (6.4 MB per
// paper-size member, 64 MB for a class set of ten), laid out in lines of 16
// output rows: one row block's 64-byte line of every hidden unit is one
// contiguous stretch, so the decoder, which reads one line per active unit
// and row block, streams through memory front to back instead of touching
// ~1000 lines 3 KB apart (a tied decoder stores W_o transposed, an untied one
// column-major; neither is that order). The copy is on 2 MB pages where the
// system allows it (Linux transparent huge pages via madvise): fewer page
// walks, which are costly under virtualisation. Copies of this object share
// that read-only buffer. It also copies W_2^T (d x k, 128 KB). Everything else is
// read from the Autoencoder, which must outlive this object and must not be
// trained meanwhile (build it on an immutable snapshot).
//
// Shapes: one column per sample; n = input/output pixels, d = latent size,
// k = hidden width. Threads: every function is const and thread-safe given
// one Workspace per thread.
class SparseMemberEvaluator {
public:
    // Per-thread scratch, reused so a call does not allocate.
    struct Workspace {
        Matrix hidden;             // encoder layers' outputs, one column (ping-pong;
        Matrix next;               // Matrix so nn/Activation's activate() applies)
        Matrix output;             // decoder output, one column
        Vector decoderHidden;      // h = relu(W_2 z + b_2), k
        std::vector<Index> active; // hidden units with h_j > 0
        std::vector<Index> nonZero;// non-zero pixels of the input
        std::vector<float> coefficients; // AVX2 kernel: [h_j, W_2(j, :)] per active unit
    };

    // True if the member has the shape this path covers; otherwise `why`
    // (if given) says what is missing.
    static bool supports(const Autoencoder& member, std::string* why = nullptr);

    SparseMemberEvaluator() = default;
    // Throws Error if !supports(member).
    explicit SparseMemberEvaluator(const Autoencoder& member);

    Index inputSize() const { return inputSize_; }
    Index latentSize() const { return latentSize_; }
    // Bytes this object copied (the weight lines described above).
    std::size_t ownedBytes() const;

    // z = g(x) for one input (n values), skipping zero pixels in the first layer.
    void encode(const Eigen::Ref<const Vector>& x, Vector& z, Workspace& workspace) const;

    // For one code z (d): `fused` (n x (1 + d)) receives in column 0 the
    // output f(z) and in columns 1..d the Jacobian J_f(z) (n x d).
    // Only hidden units with h_j > 0 are read.
    void decodeWithJacobian(const Eigen::Ref<const Vector>& z, Matrix& fused, Workspace& workspace) const;

    // Number of active hidden units of the last decodeWithJacobian() (for
    // measurements and tests).
    static Index activeCount(const Workspace& workspace) { return Index(workspace.active.size()); }

private:
    const Autoencoder* source_ = nullptr;
    int encoderLayers_ = 0;
    Index inputSize_ = 0;
    Index latentSize_ = 0;
    Index hiddenSize_ = 0;
    std::shared_ptr<const float[]> outputLines_; // W_o in lines of 16 rows (see the .cpp), huge pages
    std::size_t outputLinesBytes_ = 0;
    Matrix hiddenWeightsT_;              // W_2^T (d x k): column j = row j of W_2, contiguous
    Vector hiddenBias_;                  // b_2 (k)
    Vector outputBias_;                  // b_o (n)
    Activation outputActivation_ = Activation::Sigmoid;
};

} // namespace latentset
