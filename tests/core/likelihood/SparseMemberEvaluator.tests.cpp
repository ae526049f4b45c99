#include "SparseTestModels.h"
#include "latentset/likelihood/DecoderJacobian.h"
#include "latentset/likelihood/LikelihoodEstimator.h"
#include "latentset/likelihood/LikelihoodModel.h"
#include "latentset/likelihood/SparseMemberEvaluator.h"

#include "latentset/nn/Autoencoder.h"
#include "latentset/nn/AutoencoderSet.h"
#include "latentset/util/Error.h"
#include "latentset/util/Random.h"
#include "latentset/util/ThreadPool.h"

#include <catch2/catch.hpp>

using namespace latentset;
using latentset::testing::randomise;
using latentset::testing::sparseInputs;

namespace {

float relativeDifference(const Matrix& a, const Matrix& b)
{
    return (a - b).cwiseAbs().maxCoeff() / std::max(1e-6f, b.cwiseAbs().maxCoeff());
}

AutoencoderConfig smallConfig(Index n, Index hidden, Index latent, bool tied, Activation output)
{
    AutoencoderConfig c = AutoencoderConfig::make(n, {hidden}, latent, tied);
    c.decoderActivations = {Activation::Relu, output};
    return c;
}

} // namespace

TEST_CASE("Sparse member path: code, output and Jacobian equal the dense path's", "[likelihood][sparse]")
{
    // n = 37 is not a multiple of the 16-row line (a zero-padded last block), d = 16
    // and 4 take the fixed-size kernels, d = 3 the generic one.
    struct Case {
        Index n, hidden, latent;
        bool tied;
        Activation output;
    };
    const Case cases[] = {
        {37, 40, 16, true, Activation::Sigmoid}, {64, 50, 4, false, Activation::Sigmoid},
        {37, 24, 3, true, Activation::Tanh},     {48, 32, 16, false, Activation::Linear},
        {20, 30, 2, true, Activation::Relu},
    };
    std::uint64_t seed = 10;
    for (const Case& k : cases) {
        const AutoencoderConfig config = smallConfig(k.n, k.hidden, k.latent, k.tied, k.output);
        INFO(config.describe());
        Autoencoder ae(config, seed);
        randomise(ae, seed + 1);
        REQUIRE(SparseMemberEvaluator::supports(ae));
        const SparseMemberEvaluator sparse(ae);
        const DecoderJacobian dense(ae);
        CHECK(sparse.ownedBytes() >= sizeof(float) * std::size_t(k.hidden * k.latent));
        // the output weight is copied into lines of 16 rows, tied or not
        CHECK(sparse.ownedBytes() >= sizeof(float) * std::size_t(k.n * k.hidden));

        const Matrix X = sparseInputs(k.n, 5, seed + 2);
        const Matrix Z = ae.encode(X);
        std::vector<Matrix> outputs;
        dense.decode(Z, outputs);
        DecoderJacobian::Workspace dws;
        SparseMemberEvaluator::Workspace ws;
        Vector z;
        Matrix fused, J;
        for (Index s = 0; s < X.cols(); ++s) {
            sparse.encode(X.col(s), z, ws);
            CHECK(relativeDifference(z, Z.col(s)) < 1e-5f);
            sparse.decodeWithJacobian(Z.col(s), fused, ws);
            REQUIRE(fused.rows() == k.n);
            REQUIRE(fused.cols() == k.latent + 1);
            CHECK(relativeDifference(fused.col(0), outputs.back().col(s)) < 1e-5f);
            dense.jacobian(outputs, s, J, dws);
            CHECK(relativeDifference(fused.rightCols(k.latent), J) < 1e-5f);
            // Some but not all hidden units active: the sparse path skipped work.
            CHECK(SparseMemberEvaluator::activeCount(ws) > 0);
            CHECK(SparseMemberEvaluator::activeCount(ws) < k.hidden);
        }
        ++seed;
    }
}

TEST_CASE("Sparse member path: a tied member large enough for the huge-page copy", "[likelihood][sparse]")
{
    // n x k = 1100 x 600 floats = 2.6 MB: the transposed copy takes the
    // separate 2 MB-aligned mapping (not the small-buffer malloc), whose
    // last partial huge page is trimmed; its values must still be W_o.
    const AutoencoderConfig config = smallConfig(1100, 600, 16, true, Activation::Sigmoid);
    Autoencoder ae(config, 41);
    randomise(ae, 42);
    const SparseMemberEvaluator sparse(ae);
    CHECK(sparse.ownedBytes() >= sizeof(float) * std::size_t(1100 * 600));
    const DecoderJacobian dense(ae);
    const Matrix X = sparseInputs(1100, 2, 43);
    const Matrix Z = ae.encode(X);
    std::vector<Matrix> outputs;
    dense.decode(Z, outputs);
    DecoderJacobian::Workspace dws;
    SparseMemberEvaluator::Workspace ws;
    Matrix fused, J;
    const SparseMemberEvaluator copy = sparse; // shares the mapping; still valid after copying
    for (Index s = 0; s < X.cols(); ++s) {
        copy.decodeWithJacobian(Z.col(s), fused, ws);
        CHECK(relativeDifference(fused.col(0), outputs.back().col(s)) < 1e-5f);
        dense.jacobian(outputs, s, J, dws);
        // 600-term float sums in two different orders: the worst entry's
        // rounding reached 1.0e-5 of the largest in the -O1 sanitizer build
        // (no FMA contraction), so the bound is a few times that.
        CHECK(relativeDifference(fused.rightCols(16), J) < 5e-5f);
        CHECK(fused.rightCols(16).cwiseAbs().maxCoeff() > 0.0f);
    }
}

TEST_CASE("Sparse member path: an all-zero input and a code with no active unit", "[likelihood][sparse]")
{
    const AutoencoderConfig config = smallConfig(30, 20, 4, true, Activation::Sigmoid);
    Autoencoder ae(config, 3);
    randomise(ae, 4);
    const SparseMemberEvaluator sparse(ae);
    SparseMemberEvaluator::Workspace ws;
    Vector z;
    const Matrix zero = Matrix::Zero(30, 1);
    sparse.encode(zero.col(0), z, ws);
    CHECK(relativeDifference(z, ae.encode(zero)) < 1e-5f);
    // Every decoder hidden unit off: f(z) = s(b_o), J = 0.
    Autoencoder dead = ae;
    for (Parameter* p : dead.parameters())
        p->value.setZero();
    const SparseMemberEvaluator deadSparse(dead);
    Matrix fused;
    deadSparse.decodeWithJacobian(Vector::Ones(4), fused, ws);
    CHECK(SparseMemberEvaluator::activeCount(ws) == 0);
    CHECK(fused.col(0).isApproxToConstant(0.5f));
    CHECK(fused.rightCols(4).cwiseAbs().maxCoeff() == 0.0f);
}

TEST_CASE("Sparse member path refuses decoders it does not cover", "[likelihood][sparse]")
{
    AutoencoderConfig deep = AutoencoderConfig::make(20, {16, 8}, 4, true);
    std::string why;
    CHECK_FALSE(SparseMemberEvaluator::supports(Autoencoder(deep, 1), &why));
    CHECK(why.find("one hidden layer") != std::string::npos);
    AutoencoderConfig tanhHidden = smallConfig(20, 16, 4, false, Activation::Sigmoid);
    tanhHidden.decoderActivations[0] = Activation::Tanh;
    CHECK_FALSE(SparseMemberEvaluator::supports(Autoencoder(tanhHidden, 1)));
    CHECK_THROWS_AS(SparseMemberEvaluator(Autoencoder(tanhHidden, 1)), Error);
}

TEST_CASE("Likelihood estimator: sparse and dense paths give the same terms, alone and in batches",
          "[likelihood][sparse]")
{
    for (const bool tied : {true, false}) {
        const AutoencoderConfig config = smallConfig(49, 64, 4, tied, Activation::Sigmoid);
        INFO(config.describe());
        AutoencoderSet live(config, 3, tied ? 21 : 22);
        for (int c = 0; c < live.size(); ++c)
            randomise(live.member(c), std::uint64_t(30 + c));
        const auto set = std::make_shared<const AutoencoderSet>(live.inferenceCopy());
        const std::vector<Matrix> train{sparseInputs(49, 60, 1), sparseInputs(49, 60, 2), sparseInputs(49, 60, 3)};
        LikelihoodSettings settings;
        settings.mixture.components = 2;
        const auto model = std::make_shared<const LikelihoodModel>(LikelihoodModel::fit(*set, train, settings));
        const LikelihoodEstimator dense(set, model, LikelihoodEstimator::Path::Dense);
        const LikelihoodEstimator sparse(set, model, LikelihoodEstimator::Path::Sparse);
        const LikelihoodEstimator automatic(set, model);
        CHECK_FALSE(dense.usesSparsePath(0));
        CHECK(dense.sparseCacheBytes() == 0);
        CHECK(sparse.usesSparsePath(2));
        CHECK(automatic.usesSparsePath(1));

        // 20 inputs in one call (the batch route: one dense encode), and one
        // at a time (the single-input route: encode over non-zero pixels).
        const Matrix X = sparseInputs(49, 20, 7);
        ThreadPool pool(2);
        const LikelihoodTerms a = dense.evaluate(X, &pool);
        const LikelihoodTerms b = sparse.evaluate(X, &pool);
        const auto close = [](const Eigen::MatrixXd& u, const Eigen::MatrixXd& v) {
            return ((u - v).array().abs() / (1.0 + v.array().abs())).maxCoeff();
        };
        CHECK(close(b.squaredError, a.squaredError) < 1e-4);
        CHECK(close(b.reconstruction, a.reconstruction) < 1e-4);
        CHECK(close(b.logPz, a.logPz) < 1e-4);
        CHECK(close(b.volume, a.volume) < 1e-4);
        CHECK(b.singular == a.singular);
        CHECK(a.volume.cwiseAbs().maxCoeff() > 0.0); // the term is really there
        for (Index s = 0; s < X.cols(); s += 7) {
            const LikelihoodTerms one = sparse.evaluate(X.col(s), nullptr);
            CHECK(close(one.logLikelihood(), a.logLikelihood().col(s)) < 1e-4);
        }
    }
}

TEST_CASE("Likelihood estimator: Path::Sparse on an uncovered set is refused", "[likelihood][sparse]")
{
    AutoencoderConfig config = AutoencoderConfig::make(20, {12, 8}, 2, true);
    const auto set = std::make_shared<const AutoencoderSet>(AutoencoderSet(config, 2, 5));
    LikelihoodSettings settings;
    settings.mixture.components = 1;
    const auto model = std::make_shared<const LikelihoodModel>(
        LikelihoodModel::fit(*set, {sparseInputs(20, 30, 1), sparseInputs(20, 30, 2)}, settings));
    CHECK_THROWS_AS(LikelihoodEstimator(set, model, LikelihoodEstimator::Path::Sparse), Error);
    const LikelihoodEstimator automatic(set, model);
    CHECK_FALSE(automatic.usesSparsePath(0)); // falls back to the dense path
    CHECK(automatic.evaluate(sparseInputs(20, 3, 9)).squaredError.allFinite());
}
