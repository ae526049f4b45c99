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
// Shapes: codes Z are d x B (one column per sample); a Jacobian is n x d
// (n = output pixels, d = latent size), J(i, k) = d x*_i / d z_k.
//
// How: forward mode through the decoder, one layer at a time,
//     J_1 = diag(f_1') W_1,   J_l = diag(f_l') W_l J_{l-1},
// which for the paper's decoder is J = diag(s') W_out diag(r') W_hid. Rows of
// J_{l-1} whose activation derivative is zero (inactive relus) are dropped
// before the product, so the dominant cost is n x k x d multiply-adds with k
// the number of ACTIVE hidden units, not the layer width.
//
// The object copies the decoder's effective weights (transposed once for tied
// layers, so gathering the columns of active units is contiguous memory): it
// is immutable after construction and independent of the Autoencoder, hence
// safe to use from any number of threads while the original trains on.
class DecoderJacobian {
public:
    // Reusable per-thread scratch (avoids allocations per sample).
    struct Workspace {
        Matrix current, next, gathered;
        Vector derivative;
        std::vector<Index> active;
    };

    DecoderJacobian() = default;
    explicit DecoderJacobian(const Autoencoder& autoencoder);

    Index latentSize() const { return latentSize_; }
    Index outputSize() const { return outputSize_; }
    int layerCount() const { return int(weights_.size()); }

    // Decodes Z (d x B) keeping every layer's output: outputs[0] = Z,
    // outputs[k+1] = output of decoder layer k; outputs.back() = f(Z).
    void decode(const Matrix& Z, std::vector<Matrix>& outputs) const;

    // J_f at column `sample` of the codes whose decode() filled `outputs`,
    // into J (n x d). Const and thread-safe given a per-thread workspace.
    void jacobian(const std::vector<Matrix>& outputs, Index sample, Matrix& J, Workspace& workspace) const;

    // Convenience: the Jacobians of every column of Z (B matrices n x d).
    std::vector<Matrix> jacobians(const Matrix& Z) const;

private:
    Index latentSize_ = 0;
    Index outputSize_ = 0;
    std::vector<Matrix> weights_; // effective W_l, n_out x n_in, decoder order
    std::vector<Vector> biases_;
    std::vector<Activation> activations_;
};

} // namespace latentset
