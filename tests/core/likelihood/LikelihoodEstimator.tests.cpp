#include "latentset/likelihood/AnomalyThreshold.h"
#include "latentset/likelihood/Calibration.h"
#include "latentset/likelihood/LikelihoodEstimator.h"
#include "latentset/likelihood/LikelihoodModel.h"

#include "latentset/nn/AutoencoderSet.h"
#include "latentset/util/ChunkFile.h"
#include "latentset/util/Error.h"
#include "latentset/util/Random.h"
#include "latentset/util/ThreadPool.h"

#include <catch2/catch.hpp>

#include <Eigen/Cholesky>

#include <algorithm>
#include <numeric>

using namespace latentset;

namespace {

constexpr Index kAmbient = 20;
constexpr Index kLatent = 2;
constexpr double kNoise = 0.05;

// A world whose density is known exactly: z from a two-component 2-D
// mixture, embedded linearly, x = A z + c + noise (s = 0.05) in 20-D. Then
// p(x) is itself a 20-D Gaussian mixture with covariances A S_k A^T + s^2 I.
struct ToyWorld {
    Eigen::MatrixXd a{kAmbient, kLatent};
    Eigen::VectorXd offset{kAmbient};
    std::vector<double> weights{0.4, 0.6};
    std::vector<Eigen::VectorXd> means{Eigen::Vector2d(-1.0, 0.5), Eigen::Vector2d(1.0, -0.3)};
    std::vector<Eigen::MatrixXd> covariances;

    explicit ToyWorld(std::uint64_t seed)
    {
        Random random(seed);
        for (Index i = 0; i < a.size(); ++i)
            a.data()[i] = 0.25 * random.normal();
        for (Index i = 0; i < offset.size(); ++i)
            offset(i) = 0.5 + 0.1 * random.normal();
        Eigen::Matrix2d c0, c1;
        c0 << 0.15, 0.05, 0.05, 0.1;
        c1 << 0.2, -0.08, -0.08, 0.12;
        covariances = {c0, c1};
    }
    Matrix sample(Index n, Random& random, double extraNoise = 0.0) const
    {
        Matrix x(kAmbient, n);
        for (Index j = 0; j < n; ++j) {
            const int k = random.uniform() < weights[0] ? 0 : 1;
            const Eigen::LLT<Eigen::MatrixXd> llt(covariances[std::size_t(k)]);
            const Eigen::Vector2d u(random.normal(), random.normal());
            const Eigen::VectorXd z = means[std::size_t(k)] + llt.matrixL() * u;
            Eigen::VectorXd xi = a * z + offset;
            const double s = kNoise + extraNoise * random.uniform();
            for (Index i = 0; i < kAmbient; ++i)
                xi(i) += s * random.normal();
            x.col(j) = xi.cast<float>();
        }
        return x;
    }
    GaussianMixture trueDensity() const
    {
        std::vector<Eigen::VectorXd> m;
        std::vector<Eigen::MatrixXd> c;
        for (std::size_t k = 0; k < 2; ++k) {
            m.push_back(a * means[k] + offset);
            c.push_back(a * covariances[k] * a.transpose() +
                        kNoise * kNoise * Eigen::MatrixXd::Identity(kAmbient, kAmbient));
        }
        return GaussianMixture::fromParameters(weights, m, c);
    }
};

std::vector<double> ranks(const Eigen::VectorXd& v)
{
    std::vector<Index> order(std::size_t(v.size()));
    std::iota(order.begin(), order.end(), 0);
    std::sort(order.begin(), order.end(), [&](Index i, Index j) { return v(i) < v(j); });
    std::vector<double> r(std::size_t(v.size()));
    for (std::size_t i = 0; i < order.size(); ++i)
        r[std::size_t(order[i])] = double(i);
    return r;
}

double spearman(const Eigen::VectorXd& a, const Eigen::VectorXd& b)
{
    const auto ra = ranks(a), rb = ranks(b);
    const Eigen::Map<const Eigen::VectorXd> x(ra.data(), Index(ra.size())), y(rb.data(), Index(rb.size()));
    const Eigen::VectorXd xc = x.array() - x.mean(), yc = y.array() - y.mean();
    return xc.dot(yc) / std::sqrt(xc.squaredNorm() * yc.squaredNorm());
}

AutoencoderSet trainToySet(const Matrix& train, int members, std::uint64_t seed)
{
    AutoencoderConfig config = AutoencoderConfig::make(kAmbient, {16}, kLatent, false);
    config.encoderActivations = {Activation::Tanh, Activation::Linear};
    config.decoderActivations = {Activation::Tanh, Activation::Linear};
    config.loss = LossKind::SquaredError;
    AutoencoderSet set(config, members, seed);
    OptimizerSettings adam;
    Random random(seed + 100);
    Matrix batch(kAmbient, 64);
    for (int step = 0; step < 3000; ++step) {
        for (Index j = 0; j < batch.cols(); ++j)
            batch.col(j) = train.col(Index(random.below(std::uint64_t(train.cols()))));
        for (int c = 0; c < members; ++c)
            set.trainStep(c, batch, nullptr, nullptr, adam, step < 2000 ? 3e-3f : 1e-3f);
    }
    return set;
}

} // namespace

TEST_CASE("On a toy world with known density, eq. 4 ranks points like the true log-density",
          "[likelihood][toy]")
{
    const ToyWorld world(17);
    Random random(23);
    const Matrix train = world.sample(4000, random);
    const auto set = std::make_shared<const AutoencoderSet>(trainToySet(train, 1, 5));

    LikelihoodSettings settings;
    settings.mixture.components = 2;
    const auto model = std::make_shared<const LikelihoodModel>(LikelihoodModel::fit(*set, {train}, settings));
    const LikelihoodEstimator estimator(set, model);

    // Test points: on-manifold ones plus ones pushed off the manifold by
    // extra noise, so the ranking covers every term of eq. 4.
    Matrix test(kAmbient, 600);
    test.leftCols(300) = world.sample(300, random);
    test.rightCols(300) = world.sample(300, random, 0.1);
    ThreadPool pool(2);
    const LikelihoodTerms terms = estimator.evaluate(test, &pool);
    const Eigen::VectorXd estimated = terms.logLikelihood().row(0).transpose();
    const Eigen::VectorXd truth = world.trueDensity().logDensity(test);
    const double rho = spearman(estimated, truth);
    INFO("Spearman " << rho);
    CHECK(rho >= 0.9);
    CHECK(terms.singular.sum() == 0);
    // Without the latent and volume terms the ranking is worse on the
    // on-manifold half, where reconstruction alone sees only the noise.
    const Eigen::VectorXd onEstimated = estimated.head(300), onTruth = truth.head(300);
    const Eigen::VectorXd onRecon = terms.reconstruction.row(0).head(300).transpose();
    INFO("on-manifold Spearman full " << spearman(onEstimated, onTruth) << ", recon only "
                                      << spearman(onRecon, onTruth));
    CHECK(spearman(onEstimated, onTruth) > spearman(onRecon, onTruth) + 0.01);

    // Threads and chunking do not change the numbers.
    const LikelihoodTerms serial = estimator.evaluate(test, nullptr);
    CHECK((serial.logLikelihood() - terms.logLikelihood()).cwiseAbs().maxCoeff() < 1e-6);
}

TEST_CASE("Likelihood model: per-pixel sigma, shared p(z), save/load, calibration and decisions",
          "[likelihood][model]")
{
    const ToyWorld world(3);
    Random random(4);
    // Two "classes": the toy world and a shifted copy of it; one member each.
    Matrix a = world.sample(1500, random);
    Matrix b = world.sample(1500, random);
    b.array() += 0.4f;
    const auto set = std::make_shared<const AutoencoderSet>(trainToySet(a, 2, 9));
    // Member 1 learns b: retrain it on b by building a set whose member 1 saw b.
    AutoencoderSet twoClass = *set;
    {
        OptimizerSettings adam;
        Matrix batch(kAmbient, 64);
        for (int step = 0; step < 3000; ++step) {
            for (Index j = 0; j < batch.cols(); ++j)
                batch.col(j) = b.col(Index(random.below(std::uint64_t(b.cols()))));
            twoClass.trainStep(1, batch, nullptr, nullptr, adam, 3e-3f);
        }
    }
    const auto twoSet = std::make_shared<const AutoencoderSet>(twoClass);

    LikelihoodSettings settings;
    settings.sigmaMode = LikelihoodSettings::SigmaMode::PerPixel;
    settings.pooledSigma = false;
    settings.sharedLatentDensity = true;
    settings.mixture.components = 3;
    ThreadPool pool(2);
    LikelihoodModel model = LikelihoodModel::fit(*twoSet, {a, b}, settings, &pool);
    REQUIRE(model.latentDensities().size() == 1);
    CHECK(model.pixelWeights(0).minCoeff() > 0);
    CHECK(model.pixelWeights(0).maxCoeff() <= float(1.0 / (settings.pixelSigmaFloor * model.sigma(0))) * 1.0001f);

    {
        LikelihoodSettings pooled = settings;
        pooled.pooledSigma = true;
        const LikelihoodModel p = LikelihoodModel::fit(*twoSet, {a, b}, pooled, &pool);
        CHECK(p.pixelWeights(0).isApprox(p.pixelWeights(1)));
        CHECK(p.noiseNormaliser(0) == Approx(p.noiseNormaliser(1)));
        CHECK(p.pooledSigma() > std::min(p.sigma(0), p.sigma(1)));
        CHECK(p.pooledSigma() < std::max(p.sigma(0), p.sigma(1)));
    }

    // Validation: fresh samples of both classes.
    Matrix validation(kAmbient, 400);
    validation.leftCols(200) = world.sample(200, random);
    validation.rightCols(200) = world.sample(200, random);
    validation.rightCols(200).array() += 0.4f;
    std::vector<int> labels(400, 0);
    std::fill(labels.begin() + 200, labels.end(), 1);
    {
        const LikelihoodEstimator estimator(twoSet, std::make_shared<const LikelihoodModel>(model));
        const LikelihoodTerms terms = estimator.evaluate(validation, &pool);
        const Calibration calibration = Calibration::fit(terms, labels);
        CHECK(calibration.finalLoss() <= calibration.initialLoss());
        model.setCalibration(calibration);
        model.setAnomalyThreshold(
            AnomalyThreshold::fromNormalScores(LikelihoodEstimator::anomalyScores(terms.logLikelihood()), 0.05));
        const auto decisions = LikelihoodEstimator::decide(calibration.apply(terms));
        int correct = 0;
        for (std::size_t i = 0; i < labels.size(); ++i)
            correct += decisions[i] == labels[i];
        CHECK(correct >= 360);
        // A prior of zero for a member forbids it.
        const auto forced = LikelihoodEstimator::decide(terms.logLikelihood(), {0.0, 1.0});
        CHECK(std::count(forced.begin(), forced.end(), 1) == 400);
    }

    ChunkFile file("toy.lset");
    model.addTo(file);
    const ChunkFile back = ChunkFile::fromBytes(file.toBytes(), "toy.lset");
    const auto loaded = LikelihoodModel::readFrom(back);
    REQUIRE(loaded.has_value());
    CHECK(loaded->anomalyThreshold() == Approx(model.anomalyThreshold()));
    CHECK(loaded->calibration().offsets().isApprox(model.calibration().offsets()));
    const LikelihoodEstimator e1(twoSet, std::make_shared<const LikelihoodModel>(model));
    const LikelihoodEstimator e2(twoSet, std::make_shared<const LikelihoodModel>(*loaded));
    CHECK((e1.evaluate(validation).logLikelihood() - e2.evaluate(validation).logLikelihood()).cwiseAbs().maxCoeff() <
          1e-9);
    CHECK_FALSE(LikelihoodModel::readFrom(ChunkFile("empty")).has_value());

    // Bad input is refused with an Error, never a crash.
    CHECK_THROWS_AS(e1.evaluate(Matrix::Zero(kAmbient + 1, 2)), Error);
    CHECK_THROWS_AS(LikelihoodModel::fit(*twoSet, {a}, settings), Error);
    CHECK_THROWS_AS(Calibration::fit(e1.evaluate(validation.leftCols(3)), {0, 1, 2}), Error);
}

TEST_CASE("Anomaly threshold keeps the requested share of normal scores", "[likelihood][anomaly]")
{
    std::vector<double> scores(100);
    std::iota(scores.begin(), scores.end(), 0.0);
    const double t = AnomalyThreshold::fromNormalScores(scores, 0.05);
    CHECK(AnomalyThreshold::flaggedFraction(scores, t) == Approx(0.05));
    CHECK_THROWS_AS(AnomalyThreshold::fromNormalScores({}, 0.1), Error);
}
