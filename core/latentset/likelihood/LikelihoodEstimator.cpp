#include "latentset/likelihood/LikelihoodEstimator.h"

#include "latentset/likelihood/LikelihoodModel.h"
#include "latentset/likelihood/LogDeterminant.h"
#include "latentset/nn/AutoencoderSet.h"
#include "latentset/util/Error.h"
#include "latentset/util/ThreadPool.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <ctime>
#include <limits>
#include <numbers>

namespace latentset {

namespace {

// Up to this many inputs per (member, task), the sparse path encodes them one
// by one over their non-zero pixels; above it, one dense matrix product for
// all of them (the weights are then read once for many inputs). Not tuned:
// for one input the sparse encoder reads ~19 % of W (MNIST), for a chunk of
// 128 the product reads W once for all of them. It is also the boundary
// between the two regimes the automatic path choice times separately.
constexpr Index kSparseEncodeMaxInputs = PathCalibration::kAloneMaxInputs;

// Calibration sizes: inputs timed alone (all members: alone, the whole set's
// weights stream from memory, and that is what decides), inputs timed as one
// batch (a few members suffice: in a batch each member's weights are reused
// across the inputs, so members are alike), and alternating rounds (the
// fastest round of each path counts, so load on a shared machine hits both).
// The batch is near the evaluation chunk's size: at 16 inputs the dense
// path's products ran less efficiently than at 128 and the choice leaned to
// the sparse path where the two were within 3 % (AVX2 build).
constexpr Index kCalibrationAlone = 2;
constexpr Index kCalibrationBatch = 48;
constexpr int kCalibrationBatchMembers = 2;
constexpr int kCalibrationRounds = 3;

// CPU time of the calling thread in ms (wall time where that is unavailable):
// other processes on a shared machine then count less.
double threadMilliseconds()
{
#if defined(CLOCK_THREAD_CPUTIME_ID)
    timespec t{};
    if (clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t) == 0)
        return double(t.tv_sec) * 1e3 + double(t.tv_nsec) * 1e-6;
#endif
    return double(std::chrono::duration_cast<std::chrono::nanoseconds>(
                      std::chrono::steady_clock::now().time_since_epoch())
                      .count()) *
           1e-6;
}

} // namespace

struct LikelihoodEstimator::Scratch {
    DecoderJacobian::Workspace jacobian;
    SparseMemberEvaluator::Workspace sparse;
    Vector code, residual;
    Matrix codes, fused;
    Eigen::MatrixXd weighted, gram;
};

LikelihoodEstimator::LikelihoodEstimator(std::shared_ptr<const AutoencoderSet> set,
                                         std::shared_ptr<const LikelihoodModel> model, Path path)
    : set_(std::move(set)), model_(std::move(model)), path_(path)
{
    if (!set_ || !model_)
        throw Error("likelihood estimator: needs a set and a fitted likelihood model");
    if (model_->memberCount() != set_->size())
        throw Error("likelihood estimator: the likelihood model was fitted for " +
                    std::to_string(model_->memberCount()) + " members, the set has " + std::to_string(set_->size()));
    if (model_->inputSize() != set_->config().inputSize)
        throw Error("likelihood estimator: the likelihood model is for inputs of " +
                    std::to_string(model_->inputSize()) + " pixels, the set for " +
                    std::to_string(set_->config().inputSize));
    if (model_->latentDensity(0).dimension() != set_->config().latentSize)
        throw Error("likelihood estimator: the latent density is " +
                    std::to_string(model_->latentDensity(0).dimension()) + "-dimensional, the set's codes " +
                    std::to_string(set_->config().latentSize));
    jacobians_.reserve(std::size_t(set_->size()));
    sparse_.resize(std::size_t(set_->size()));
    sparseMember_.assign(std::size_t(set_->size()), false);
    for (int c = 0; c < set_->size(); ++c) {
        const Autoencoder& member = set_->member(c);
        std::string why;
        const bool covered = SparseMemberEvaluator::supports(member, &why);
        if (path == Path::Sparse && !covered)
            throw Error("likelihood estimator: member " + std::to_string(c) + " cannot use the sparse path: " + why);
        const bool sparse = covered && path != Path::Dense;
        // A member only ever on the sparse path needs no DecoderJacobian (which
        // copies the transposes of untied decoder weights): an empty one holds
        // its place. Path::Automatic may pick either, so it keeps both.
        jacobians_.push_back(path == Path::Sparse ? DecoderJacobian() : DecoderJacobian(member));
        if (sparse) {
            sparse_[std::size_t(c)] = SparseMemberEvaluator(member);
            sparseMember_[std::size_t(c)] = true;
        }
    }
}

int LikelihoodEstimator::memberCount() const { return set_->size(); }

bool LikelihoodEstimator::usesSparsePath(int member) const
{
    if (member < 0 || member >= set_->size())
        throw Error("likelihood estimator: no member " + std::to_string(member));
    return sparseMember_[std::size_t(member)];
}

bool LikelihoodEstimator::sparseChosen(int member, bool batch) const
{
    if (!usesSparsePath(member))
        return false;
    if (path_ != Path::Automatic)
        return true;
    const std::lock_guard lock(choice_->mutex);
    if (!choice_->calibration)
        return true;
    return batch ? choice_->calibration->sparseBatch : choice_->calibration->sparseAlone;
}

void LikelihoodEstimator::setCalibration(const PathCalibration& calibration)
{
    const std::lock_guard lock(choice_->mutex);
    choice_->calibration = calibration;
}

std::optional<PathCalibration> LikelihoodEstimator::calibration() const
{
    const std::lock_guard lock(choice_->mutex);
    return choice_->calibration;
}

PathCalibration LikelihoodEstimator::calibrate(const Matrix& sample, const std::filesystem::path& cacheFile)
{
    const int sparseMembers = int(std::count(sparseMember_.begin(), sparseMember_.end(), true));
    if (path_ != Path::Automatic || sparseMembers == 0) {
        PathCalibration fixed;
        fixed.sparseAlone = fixed.sparseBatch = sparseMembers > 0;
        return fixed;
    }
    if (sample.rows() != set_->config().inputSize || sample.cols() == 0)
        throw Error("likelihood estimator: calibration needs inputs of " + std::to_string(set_->config().inputSize) +
                    " pixels");
    const PathCalibration found = cachedOrMeasured(sample, cacheFile, sparseMembers);
    setCalibration(found);
    return found;
}

PathCalibration LikelihoodEstimator::cachedOrMeasured(const Matrix& sample, const std::filesystem::path& cacheFile,
                                                      int sparseMembers) const
{
    const Index counted = std::min<Index>(sample.cols(), kCalibrationBatch);
    const double nonZero = double((sample.leftCols(counted).array() != 0.0f).count()) / double(sample.rows() * counted);
    const std::string key = PathCalibration::cacheKey(set_->config(), set_->size(), sparseMembers, nonZero);
    std::optional<PathCalibration> found = PathCalibration::load(cacheFile, key);
    if (!found) {
        found = measure(sample);
        found->key = key;
        found->store(cacheFile);
    }
    return *found;
}

PathCalibration LikelihoodEstimator::choiceFor(const Matrix& X) const
{
    const std::lock_guard lock(choice_->mutex);
    if (path_ != Path::Automatic) {
        PathCalibration fixed;
        fixed.sparseAlone = fixed.sparseBatch = path_ == Path::Sparse;
        return fixed;
    }
    if (!choice_->calibration) {
        const int sparseMembers = int(std::count(sparseMember_.begin(), sparseMember_.end(), true));
        if (sparseMembers == 0 || X.cols() == 0) {
            PathCalibration none;
            return none; // nothing to choose (yet)
        }
        // The machine's cached choice for inputs like X, measured (and
        // cached) only the first time: a fresh timing under load could pick
        // the other path, whose float summation order differs, and so change
        // the last bits of a run made twice. (evaluate() has refused inputs
        // of another size before this.)
        choice_->calibration = cachedOrMeasured(X, PathCalibration::cacheFile(), sparseMembers);
    }
    return *choice_->calibration;
}

PathCalibration LikelihoodEstimator::measure(const Matrix& sample) const
{
    // The inputs, repeated if the sample is smaller than a calibration batch.
    Matrix batch(sample.rows(), kCalibrationBatch);
    for (Index s = 0; s < kCalibrationBatch; ++s)
        batch.col(s) = sample.col(s % sample.cols());
    const int m = set_->size();
    const int batchMembers = std::min(m, kCalibrationBatchMembers);
    LikelihoodTerms scratchTerms;
    for (Eigen::MatrixXd* t : {&scratchTerms.squaredError, &scratchTerms.reconstruction, &scratchTerms.logPz,
                               &scratchTerms.volume})
        t->resize(m, kCalibrationBatch);
    scratchTerms.singular.resize(m, kCalibrationBatch);
    Scratch scratch;
    // Each regime exactly as evaluate() runs it on one thread: inputs alone
    // member after member, or a batch per member.
    const auto alone = [&](bool sparse) {
        const double start = threadMilliseconds();
        for (Index s = 0; s < kCalibrationAlone; ++s)
            for (int c = 0; c < m; ++c)
                evaluateMember(c, batch.middleCols(s, 1), s, scratchTerms, scratch, sparse);
        return (threadMilliseconds() - start) / double(kCalibrationAlone);
    };
    const auto inBatch = [&](bool sparse) {
        const double start = threadMilliseconds();
        for (int c = 0; c < batchMembers; ++c)
            evaluateMember(c, batch, 0, scratchTerms, scratch, sparse);
        return (threadMilliseconds() - start) / double(kCalibrationBatch) * double(m) / double(batchMembers);
    };
    const double inf = std::numeric_limits<double>::infinity();
    PathCalibration::Timings best{inf, inf, inf, inf};
    for (int r = 0; r < kCalibrationRounds; ++r) {
        // Alternating, and in the opposite order every other round, so
        // neither path always runs on caches the other one warmed.
        const bool sparseFirst = r % 2 == 1;
        for (const bool sparse : {sparseFirst, !sparseFirst}) {
            double& a = sparse ? best.sparseAlone : best.denseAlone;
            a = std::min(a, alone(sparse));
        }
        for (const bool sparse : {sparseFirst, !sparseFirst}) {
            double& b = sparse ? best.sparseBatch : best.denseBatch;
            b = std::min(b, inBatch(sparse));
        }
    }
    return PathCalibration::fromTimings(best);
}

std::size_t LikelihoodEstimator::sparseCacheBytes() const
{
    std::size_t bytes = 0;
    for (const auto& s : sparse_)
        bytes += s.ownedBytes();
    return bytes;
}

void LikelihoodEstimator::evaluateMemberSparse(int c, const Matrix& X, Index column, LikelihoodTerms& out,
                                               Scratch& ws) const
{
    const SparseMemberEvaluator& sparse = sparse_[std::size_t(c)];
    const Vector& weights = model_->pixelWeights(c);
    const Index b = X.cols();
    const Index d = sparse.latentSize();

    if (b <= kSparseEncodeMaxInputs) {
        ws.codes.resize(d, b);
        for (Index s = 0; s < b; ++s) {
            sparse.encode(X.col(s), ws.code, ws.sparse);
            ws.codes.col(s) = ws.code;
        }
    } else {
        ws.codes = set_->member(c).encode(X);
    }
    Eigen::VectorXd logPz;
    model_->latentDensity(c).logDensity(ws.codes.cast<double>(), logPz);
    out.logPz.block(c, column, 1, b) = logPz.transpose();

    const double dLog2Pi = double(d) * std::log(2.0 * std::numbers::pi);
    for (Index s = 0; s < b; ++s) {
        sparse.decodeWithJacobian(ws.codes.col(s), ws.fused, ws.sparse);
        ws.residual = X.col(s) - ws.fused.col(0);
        // Mask (as 0/1) for the plain squared error, weights m/sigma for eq. 4.
        out.squaredError(c, column + s) =
            double((weights.array() > 0).select(ws.residual.array(), 0.0f).matrix().squaredNorm());
        out.reconstruction(c, column + s) = -0.5 * double((ws.residual.array() * weights.array()).matrix().squaredNorm());
        // W = diag(m / sigma) J; its Gram matrix in double (it squares J's
        // condition number), lower triangle only (the part LogDeterminant reads).
        ws.weighted = (ws.fused.rightCols(d).array().colwise() * weights.array()).matrix().cast<double>();
        ws.gram.setZero(d, d);
        ws.gram.selfadjointView<Eigen::Lower>().rankUpdate(ws.weighted.transpose());
        const auto logDet = LogDeterminant::ofSymmetric(ws.gram, model_->settings().singularFloor);
        out.volume(c, column + s) = -0.5 * (logDet.value - dLog2Pi);
        out.singular(c, column + s) = logDet.singular ? 1 : 0;
    }
}

void LikelihoodEstimator::evaluateMember(int c, const Matrix& X, Index column, LikelihoodTerms& out,
                                         Scratch& scratch, bool sparse) const
{
    if (sparse && sparseMember_[std::size_t(c)]) {
        evaluateMemberSparse(c, X, column, out, scratch);
        return;
    }
    DecoderJacobian::Workspace& ws = scratch.jacobian;
    const Autoencoder& member = set_->member(c);
    const DecoderJacobian& jacobian = jacobians_[std::size_t(c)];
    const Vector& weights = model_->pixelWeights(c);
    const Index b = X.cols();
    const Index d = jacobian.latentSize();

    const Matrix z = member.encode(X);
    std::vector<Matrix> outputs;
    jacobian.decode(z, outputs);
    const Matrix residual = X - outputs.back();
    // Mask (as 0/1) for the plain squared error, weights m/sigma for eq. 4.
    const Vector mask = (weights.array() > 0).cast<float>().matrix();
    out.squaredError.block(c, column, 1, b) =
        (residual.array().colwise() * mask.array()).matrix().colwise().squaredNorm().cast<double>();
    out.reconstruction.block(c, column, 1, b) =
        -0.5 * (residual.array().colwise() * weights.array()).matrix().colwise().squaredNorm().cast<double>();

    Eigen::VectorXd logPz;
    model_->latentDensity(c).logDensity(z.cast<double>(), logPz);
    out.logPz.block(c, column, 1, b) = logPz.transpose();

    const double dLog2Pi = double(d) * std::log(2.0 * std::numbers::pi);
    Matrix Jt;
    Eigen::MatrixXd weighted, gram;
    for (Index s = 0; s < b; ++s) {
        jacobian.jacobianTransposed(outputs, s, Jt, ws);
        // W^T = J^T diag(m / sigma). The Gram matrix in double: W^T W
        // squares J's condition number.
        weighted = (Jt.array().rowwise() * weights.transpose().array()).matrix().cast<double>();
        gram.noalias() = weighted * weighted.transpose();
        const auto logDet = LogDeterminant::ofSymmetric(gram, model_->settings().singularFloor);
        out.volume(c, column + s) = -0.5 * (logDet.value - dLog2Pi);
        out.singular(c, column + s) = logDet.singular ? 1 : 0;
    }
}

LikelihoodTerms LikelihoodEstimator::evaluate(const Matrix& X, ThreadPool* pool) const
{
    const Index n = set_->config().inputSize;
    if (X.rows() != n)
        throw Error("likelihood estimator: inputs have " + std::to_string(X.rows()) + " pixels, the set expects " +
                    std::to_string(n));
    const int m = set_->size();
    const Index total = X.cols();
    LikelihoodTerms out;
    out.squaredError.resize(m, total);
    out.reconstruction.resize(m, total);
    out.logPz.resize(m, total);
    out.volume.resize(m, total);
    out.singular.resize(m, total);
    out.noiseNormaliser.resize(m);
    for (int c = 0; c < m; ++c)
        out.noiseNormaliser(c) = model_->noiseNormaliser(c);

    // Chunks bound the hidden activations kept per member (2048 x chunk floats);
    // within a chunk the pool takes (member, part of the chunk) tasks so two
    // threads stay busy even for a single member.
    const Index chunk = 128;
    const unsigned threads = pool ? pool->threadCount() : 1;
    const PathCalibration choice = choiceFor(X);
    std::vector<Scratch> workspaces(threads);
    for (Index first = 0; first < total; first += chunk) {
        const Index count = std::min(chunk, total - first);
        const Index parts = std::max<Index>(1, std::min<Index>(count, (threads + m - 1) / m));
        const std::size_t tasks = std::size_t(m) * std::size_t(parts);
        const auto task = [&](std::size_t t, unsigned thread) {
            const int c = int(t / std::size_t(parts));
            const Index part = Index(t % std::size_t(parts));
            const Index begin = first + count * part / parts;
            const Index end = first + count * (part + 1) / parts;
            if (end > begin) {
                const bool batch = end - begin > kSparseEncodeMaxInputs;
                evaluateMember(c, X.middleCols(begin, end - begin), begin, out, workspaces[thread],
                               batch ? choice.sparseBatch : choice.sparseAlone);
            }
        };
        if (pool)
            pool->parallelFor(tasks, task);
        else
            for (std::size_t t = 0; t < tasks; ++t)
                task(t, 0);
    }
    return out;
}

std::vector<int> LikelihoodEstimator::decide(const Eigen::MatrixXd& logLikelihood, const std::vector<double>& priors)
{
    const Index m = logLikelihood.rows();
    Eigen::VectorXd logPrior = Eigen::VectorXd::Zero(m);
    if (!priors.empty()) {
        if (Index(priors.size()) != m)
            throw Error("Bayes decision: " + std::to_string(priors.size()) + " priors for " + std::to_string(m) +
                        " members");
        double total = 0;
        for (double p : priors) {
            if (!(p >= 0))
                throw Error("Bayes decision: priors must be non-negative");
            total += p;
        }
        if (!(total > 0))
            throw Error("Bayes decision: priors sum to zero");
        for (Index c = 0; c < m; ++c)
            logPrior(c) = priors[std::size_t(c)] > 0 ? std::log(priors[std::size_t(c)] / total)
                                                     : -std::numeric_limits<double>::infinity();
    }
    std::vector<int> decisions(std::size_t(logLikelihood.cols()), -1);
    for (Index b = 0; b < logLikelihood.cols(); ++b) {
        Index best = 0;
        (logLikelihood.col(b) + logPrior).maxCoeff(&best);
        decisions[std::size_t(b)] = int(best);
    }
    return decisions;
}

std::vector<double> LikelihoodEstimator::anomalyScores(const Eigen::MatrixXd& logLikelihood)
{
    std::vector<double> scores(std::size_t(logLikelihood.cols()));
    for (Index b = 0; b < logLikelihood.cols(); ++b)
        scores[std::size_t(b)] = -logLikelihood.col(b).maxCoeff();
    return scores;
}

} // namespace latentset
