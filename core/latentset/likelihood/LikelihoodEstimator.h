#pragma once
#include "latentset/likelihood/DecoderJacobian.h"
#include "latentset/likelihood/LikelihoodTerms.h"
#include "latentset/likelihood/PathCalibration.h"
#include "latentset/likelihood/SparseMemberEvaluator.h"
#include "latentset/util/Types.h"

#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
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
// or untied). Which one is faster depends on the machine (vector width,
// memory), so Path::Automatic MEASURES both on the actual model and inputs
// (PathCalibration: once, a few inputs, cached per CPU, build ISA and shape)
// and takes the faster one for inputs alone and in a batch, for every member
// the sparse path covers. The sparse path costs memory for a tied set: a
// transposed copy of each member's first weight (n x k floats: 6.4 MB per
// paper-size member); Path::Automatic keeps it even if it then picks dense.
class LikelihoodEstimator {
public:
    enum class Path {
        Automatic, // measured: the faster of the two where the sparse path covers a member, dense elsewhere
        Dense,     // always the general path
        Sparse,    // always the sparse path; the constructor throws if a member is not covered
    };

    LikelihoodEstimator(std::shared_ptr<const AutoencoderSet> set, std::shared_ptr<const LikelihoodModel> model,
                        Path path = Path::Automatic);

    int memberCount() const;
    const AutoencoderSet& set() const { return *set_; }
    const LikelihoodModel& model() const { return *model_; }
    Path path() const { return path_; }
    // True if the sparse path can run for `member` (it covers the member and
    // the path is not Dense). Under Path::Automatic, whether it DOES run
    // depends on the calibration: see sparseChosen().
    bool usesSparsePath(int member) const;
    // True if evaluate() runs the sparse path for `member` on inputs alone
    // (batch = false) or in a batch, with the current calibration (an
    // uncalibrated Automatic estimator answers with the sparse path).
    bool sparseChosen(int member, bool batch) const;
    // Bytes of weight copies the sparse path holds (0 on the dense path).
    std::size_t sparseCacheBytes() const;

    // Path::Automatic: the choice for inputs like `sample` (its first columns
    // are timed; one column is enough). Reads `cacheFile` first (empty = no
    // cache) and stores what it measured there. Otherwise (Dense, Sparse, or
    // no member the sparse path covers) returns the fixed choice without
    // timing anything. evaluate() calibrates on its own inputs the same way
    // (the default cache file) if this was never called. About 0.3 s of one core for the paper's set.
    PathCalibration calibrate(const Matrix& sample,
                              const std::filesystem::path& cacheFile = PathCalibration::cacheFile());
    // Uses these timings' choice instead of measuring (tests, or a caller
    // that calibrated an identical estimator).
    void setCalibration(const PathCalibration& calibration);
    // The calibration in force, if any.
    std::optional<PathCalibration> calibration() const;

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
    // The automatic choice, shared by copies; evaluate() may fill it.
    struct Choice {
        std::mutex mutex;
        std::optional<PathCalibration> calibration;
    };

    // The choice in force, calibrating on X first if there is none yet.
    PathCalibration choiceFor(const Matrix& X) const;
    PathCalibration measure(const Matrix& sample) const;
    // The entry for inputs like `sample` in `cacheFile`, else measured and stored there.
    PathCalibration cachedOrMeasured(const Matrix& sample, const std::filesystem::path& cacheFile,
                                     int sparseMembers) const;
    // Runs one member on X with the path given (sparse only where covered).
    void evaluateMember(int member, const Matrix& X, Index column, LikelihoodTerms& out, Scratch& scratch,
                        bool sparse) const;
    void evaluateMemberSparse(int member, const Matrix& X, Index column, LikelihoodTerms& out,
                              Scratch& scratch) const;

    std::shared_ptr<const AutoencoderSet> set_;
    std::shared_ptr<const LikelihoodModel> model_;
    std::vector<DecoderJacobian> jacobians_;
    // One per member; default-constructed (unused) where the dense path runs.
    std::vector<SparseMemberEvaluator> sparse_;
    std::vector<bool> sparseMember_;
    Path path_ = Path::Automatic;
    std::shared_ptr<Choice> choice_ = std::make_shared<Choice>();
};

} // namespace latentset
