#pragma once
// The gradient of eq. 4's volume term with respect to the latent code:
//
//   V(z) = -1/2 (log det G - d log 2 pi),  G = J^T W^2 J,
//   J = diag(phi'(a)) M,  M = d a / d z,  W = diag(m / sigma)
//
// a the output layer's pre-activation, phi its activation. For a decoder
// whose hidden layers are piecewise linear (relu, linear: the paper's), M is
// constant where no hidden unit switches, and
//   dV / dz_l = -tr(G^-1 J^T W^2 dJ/dz_l) = -sum_i phi''_i M_il q_i,
//   q_i = sum_k (W^2 J G^-1)_ik M_ik,
// i.e. dV/dz = -M^T (phi'' ⊙ q): n x d work per code beyond M itself. M is
// formed for a whole chunk of codes in one GEMM per layer
// (W_out [D_1 T_1 | D_2 T_2 | ...], D_b the code's active relus).
//
// Shapes: codes d x B (one column per code); the decoder activations as
// Autoencoder::forwardDecoder leaves them (a[0] = Z, a.back() = f(Z)).
// Immutable; const functions are thread-safe. Keeps a pointer to the
// Autoencoder, which must outlive it and not be trained meanwhile.
#include "latentset/util/Types.h"

#include <Eigen/Core>
#include <vector>

namespace latentset {

class Autoencoder;

class VolumeGradient {
public:
    VolumeGradient() = default;
    // pixelWeights: m / sigma per pixel (LikelihoodModel::pixelWeights).
    // Throws Error if a hidden decoder layer is not relu or linear, or the
    // weights do not have one entry per pixel.
    VolumeGradient(const Autoencoder& autoencoder, Vector pixelWeights, double singularFloor);

    // dV/dZ (d x B) and, if `values` is not null, V itself (B entries, as
    // LikelihoodEstimator computes it: LogDeterminant with the same floor).
    Matrix gradient(const std::vector<Matrix>& decoderActivations, Eigen::VectorXd* values = nullptr) const;

private:
    // M of the columns [begin, end) of the activations: n x (d * (end - begin)).
    Matrix outputJacobians(const std::vector<Matrix>& a, Index begin, Index end) const;

    const Autoencoder* autoencoder_ = nullptr;
    Vector weights_;
    double floor_ = 1e-10;
};

} // namespace latentset
