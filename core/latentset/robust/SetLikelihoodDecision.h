#pragma once
// The class set's eq. 4 (or, with the model's calibration, eq. 5) decision
// as a DecisionModel: member c's score is log p_c(x) =
//   C_c + R_c(x) + log p_c(z*) + V_c(z*),  z* = g_c(x),
// R_c = -|m ⊙ (x - f_c(z*))|^2 / 2 sigma^2, V_c the volume term; eq. 5
// scales R_c and (log p + V) per member and adds its constants.
//
// Scores come from LikelihoodEstimator (the same numbers `latentset-cli
// likelihood` decides by). The margin gradient is exact: for each image the
// true and the best other member are back-propagated,
//   d score / dx = alpha (-W^2 r) + J_g^T [ alpha J_f^T W^2 r + beta (d log p/dz + dV/dz) ],
// r = x - f(z*), W = diag(m / sigma), with d log p / dz from
// LatentDensityGradient and dV/dz from VolumeGradient (which needs relu or
// linear hidden decoder layers, as the paper's). The relu kinks make the
// score piecewise smooth; the gradient is that of the piece at x.
//
// Threads: as SetErrorDecision (members over `pool` inside each call).
#include "latentset/robust/DecisionModel.h"
#include "latentset/robust/LatentDensityGradient.h"
#include "latentset/robust/VolumeGradient.h"

#include <memory>

namespace latentset {

class AutoencoderSet;
class LikelihoodEstimator;
class LikelihoodModel;
class ThreadPool;
struct LikelihoodTerms;

class SetLikelihoodDecision : public DecisionModel {
public:
    // calibrated: eq. 5 with the model's calibration (throws Error if it has
    // none); otherwise eq. 4. Throws Error if the model does not fit the set.
    SetLikelihoodDecision(std::shared_ptr<const AutoencoderSet> set, std::shared_ptr<const LikelihoodModel> model,
                          bool calibrated, ThreadPool* pool = nullptr);
    ~SetLikelihoodDecision() override;

    Index inputSize() const override;
    int classCount() const override;
    std::string name() const override { return calibrated_ ? "set (eq. 5)" : "set (eq. 4)"; }
    Eigen::MatrixXd scores(const Matrix& X) const override;
    void marginGradient(const Matrix& X, const std::vector<int>& labels, Eigen::VectorXd& margins,
                        Matrix& gradient) const override;

    // Every term of eq. 4 (the estimator's output), for anomaly scores.
    LikelihoodTerms terms(const Matrix& X) const;
    // Scores from terms already evaluated.
    Eigen::MatrixXd scoresOf(const LikelihoodTerms& terms) const;
    // d score_c / dX of member c (n x B); also the score's parts for tests.
    Matrix scoreGradient(int member, const Matrix& X) const;

private:
    double reconstructionWeight(int member) const;
    double latentWeight(int member) const;

    std::shared_ptr<const AutoencoderSet> set_;
    std::shared_ptr<const LikelihoodModel> model_;
    std::unique_ptr<LikelihoodEstimator> estimator_;
    std::vector<VolumeGradient> volumes_;
    std::vector<LatentDensityGradient> densities_;
    bool calibrated_ = false;
    ThreadPool* pool_ = nullptr;
};

} // namespace latentset
