#pragma once
#include <Eigen/Core>

namespace latentset {

// The terms of eq. 4 for a batch of B inputs under every one of M members.
// Every matrix is M x B: row = member, column = input (the batch's column).
// Double precision: the full log-likelihood is a sum of terms in the
// thousands whose differences between members decide the class.
struct LikelihoodTerms {
    Eigen::MatrixXd squaredError;   // |m ⊙ (x - f(z*))|^2 (no sigma), the paper's recon-only score
    Eigen::MatrixXd reconstruction; // -|m ⊙ (x - f(z*))|^2 / 2 sigma^2 (per-pixel sigma_i if so set)
    Eigen::MatrixXd logPz;          // log p(z*)
    Eigen::MatrixXd volume;         // -1/2 log det(W^T W / 2 pi), W = diag(m / sigma) J_f(z*)
    Eigen::VectorXd noiseNormaliser;// per member: -sum log sigma_i - n_m/2 log 2 pi (the C of eq. 4 that depends on the member)
    Eigen::MatrixXi singular;       // 1 where W^T W was numerically singular (volume term clamped)

    Eigen::Index members() const { return squaredError.rows(); }
    Eigen::Index samples() const { return squaredError.cols(); }
    // Full eq. 4: reconstruction + noiseNormaliser + logPz + volume.
    Eigen::MatrixXd logLikelihood() const
    {
        return (reconstruction + logPz + volume).colwise() + noiseNormaliser;
    }
};

} // namespace latentset
