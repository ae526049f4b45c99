#pragma once
#include "latentset/likelihood/DecoderJacobian.h"
#include "latentset/likelihood/LikelihoodTerms.h"
#include "latentset/util/Types.h"

#include <memory>
#include <vector>

namespace latentset {

class AutoencoderSet;
class LikelihoodModel;
class ThreadPool;

// Eq. 4 for every member of a set, batched and multi-threaded:
//
//   log p_c(x) = C_c - |m ⊙ (x - f_c(z*))|^2 / 2 sigma_c^2 + log p_c(z*)
//                - 1/2 log det(W^T W / 2 pi),  W = diag(m / sigma_c) J_fc(z*),  z* = g_c(x)
//
// Shapes: inputs X are n x B (one column per sample); every result is M x B
// (row = member). See LikelihoodTerms.
//
// Works on immutable snapshots: it holds shared_ptr<const ...> to the set and
// the fitted model and copies each decoder's weights once (DecoderJacobian),
// so it is safe to evaluate on any thread while the live set trains.
// evaluate() is const and re-entrant; it blocks the caller and, given a pool,
// spreads the members over the pool's threads.
//
// Cost per input and member, for the paper's 784-2048-16 member: one encode
// and one decode (~1.6 M multiply-adds each) and J_f, 784 x k x 16 with k the
// ACTIVE hidden relus, then a 16 x 16 Gram matrix and its LDL^T.
class LikelihoodEstimator {
public:
    LikelihoodEstimator(std::shared_ptr<const AutoencoderSet> set, std::shared_ptr<const LikelihoodModel> model);

    int memberCount() const;
    const AutoencoderSet& set() const { return *set_; }
    const LikelihoodModel& model() const { return *model_; }

    // All terms for every member and column of X. Throws Error if X.rows() is
    // not the set's input size.
    LikelihoodTerms evaluate(const Matrix& X, ThreadPool* pool = nullptr) const;

    // Bayes' rule: argmax_c (logLikelihood(c, b) + log prior_c) per column.
    // priors empty = uniform; otherwise M non-negative weights (normalised here).
    static std::vector<int> decide(const Eigen::MatrixXd& logLikelihood, const std::vector<double>& priors = {});
    // Anomaly score per column: minus the best member's log-likelihood.
    static std::vector<double> anomalyScores(const Eigen::MatrixXd& logLikelihood);

private:
    void evaluateMember(int member, const Matrix& X, Index column, LikelihoodTerms& out,
                        DecoderJacobian::Workspace& workspace) const;

    std::shared_ptr<const AutoencoderSet> set_;
    std::shared_ptr<const LikelihoodModel> model_;
    std::vector<DecoderJacobian> jacobians_;
};

} // namespace latentset
