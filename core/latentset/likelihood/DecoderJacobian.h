#pragma once
#include "latentset/nn/Activation.h"
#include "latentset/util/Types.h"

#include <vector>

namespace latentset {

class Autoencoder;

// The exact, analytic Jacobian J_f(z) = d f / d z of an autoencoder's decoder
// (eq. 4's W = J_f(z*) / sigma), for any depth, tied or untied weights and
// any of the core's activations.
//
// Shapes: codes Z are d x B (one column per sample); a Jacobian J is n x d
// (n = output pixels, d = latent size), J(i, k) = d x*_i / d z_k; its
// transpose J^T (d x n) is what the fast path produces.
//
// How: forward mode through the decoder, one layer at a time,
//     J_1 = diag(f_1') W_1,   J_l = diag(f_l') W_l J_{l-1},
// which for the paper's decoder is J = diag(s') W_out diag(r') W_hid. Rows of
// J_{l-1} whose activation derivative is zero (inactive relus) are dropped,
// so the dominant cost is n x k x d multiply-adds with k the number of ACTIVE
// hidden units, not the layer width. Each output row is a sum over active
// units j of W_l(p, j) * row_j(J_{l-1}); the weights are read as W_l^T
// (column p of W_l^T = row p of W_l, contiguous), which for a TIED decoder is
// exactly the encoder's stored matrix: no copy, and the memory an input's
// encode just pulled into cache is what the decoder and J read again.
//
// Lifetime and threads: the object keeps a pointer to the Autoencoder (tied
// layers) and copies of what it must transpose (untied layers); the
// Autoencoder must outlive it and must not be trained meanwhile — build it
// on an immutable snapshot (LikelihoodEstimator holds the snapshot's
// shared_ptr). All functions are const and thread-safe, given one Workspace
// per thread.
class DecoderJacobian {
public:
    // Reusable per-thread scratch (avoids allocations per sample).
    struct Workspace {
        Matrix current, next; // compacted J_l^T: d x (active units)
        Matrix full;          // J^T, d x n, before the output derivative
        std::vector<Index> active;
    };

    DecoderJacobian() = default;
    explicit DecoderJacobian(const Autoencoder& autoencoder);

    Index latentSize() const { return latentSize_; }
    Index outputSize() const { return outputSize_; }
    int layerCount() const { return int(biases_.size()); }

    // Decodes Z (d x B) keeping every layer's output: outputs[0] = Z,
    // outputs[k+1] = output of decoder layer k; outputs.back() = f(Z).
    void decode(const Matrix& Z, std::vector<Matrix>& outputs) const;

    // J_f^T (d x n) at column `sample` of the codes whose decode() filled `outputs`.
    void jacobianTransposed(const std::vector<Matrix>& outputs, Index sample, Matrix& Jt, Workspace& workspace) const;
    // J_f (n x d), same inputs.
    void jacobian(const std::vector<Matrix>& outputs, Index sample, Matrix& J, Workspace& workspace) const;

    // Convenience: the Jacobians (n x d) of every column of Z.
    std::vector<Matrix> jacobians(const Matrix& Z) const;

private:
    // W_l^T (n_in x n_out) of decoder layer l.
    const Matrix& transposedWeight(int l) const;

    const Autoencoder* source_ = nullptr;
    int firstLayer_ = 0;
    Index latentSize_ = 0;
    Index outputSize_ = 0;
    std::vector<int> ownedIndex_; // per layer: index into owned_, or -1 = the source's storage
    std::vector<Matrix> owned_;   // W_l^T copies of untied layers
    std::vector<Vector> biases_;
    std::vector<Activation> activations_;
};

} // namespace latentset
