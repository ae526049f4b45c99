#pragma once
#include "latentset/likelihood/DecoderJacobian.h"
#include "latentset/likelihood/LikelihoodTerms.h"
#include "latentset/likelihood/SparseMemberEvaluator.h"
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
//
// Two paths compute the same terms (they differ only in float summation
// order): the general dense one (Autoencoder::encode + DecoderJacobian, any
// decoder) and the sparse one (SparseMemberEvaluator: zero pixels and
// inactive hidden relus are skipped, decoder output and J_f in one pass),
// which covers the paper's shape (one hidden relu layer in the decoder, tied
// or untied). Path::Automatic takes the sparse one for every member it covers.
// It costs memory for a tied set: a transposed copy of each member's first
// weight (n x k floats: 6.4 MB per paper-size member).
class LikelihoodEstimator {
public:
    enum class Path {
        Automatic, // sparse where SparseMemberEvaluator::supports(member), dense elsewhere
        Dense,     // always the general path
        Sparse,    // always the sparse path; the constructor throws if a member is not covered
    };

    LikelihoodEstimator(std::shared_ptr<const AutoencoderSet> set, std::shared_ptr<const LikelihoodModel> model,
                        Path path = Path::Automatic);

    int memberCount() const;
    const AutoencoderSet& set() const { return *set_; }
    const LikelihoodModel& model() const { return *model_; }
    // True if `member` is evaluated by the sparse path.
    bool usesSparsePath(int member) const;
    // Bytes of weight copies the sparse path holds (0 on the dense path).
    std::size_t sparseCacheBytes() const;

    // All terms for every member and column of X. Throws Error if X.rows() is
    // not the set's input size.
    LikelihoodTerms evaluate(const Matrix& X, ThreadPool* pool = nullptr) const;

    // Bayes' rule: argmax_c (logLikelihood(c, b) + log prior_c) per column.
    // priors empty = uniform; otherwise M non-negative weights (normalised here).
    static std::vector<int> decide(const Eigen::MatrixXd& logLikelihood, const std::vector<double>& priors = {});
    // Anomaly score per column: minus the best member's log-likelihood.
    static std::vector<double> anomalyScores(const Eigen::MatrixXd& logLikelihood);

private:
    struct Scratch; // per-thread buffers, defined in the .cpp

    void evaluateMember(int member, const Matrix& X, Index column, LikelihoodTerms& out, Scratch& scratch) const;
    void evaluateMemberSparse(int member, const Matrix& X, Index column, LikelihoodTerms& out,
                              Scratch& scratch) const;

    std::shared_ptr<const AutoencoderSet> set_;
    std::shared_ptr<const LikelihoodModel> model_;
    std::vector<DecoderJacobian> jacobians_;
    // One per member; default-constructed (unused) where the dense path runs.
    std::vector<SparseMemberEvaluator> sparse_;
    std::vector<bool> sparseMember_;
};

} // namespace latentset
