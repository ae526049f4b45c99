#include "RobustFixtures.h"

#include "latentset/likelihood/LikelihoodEstimator.h"
#include "latentset/robust/LatentDensityGradient.h"
#include "latentset/robust/MlpDecision.h"
#include "latentset/robust/SetErrorDecision.h"
#include "latentset/robust/SetLikelihoodDecision.h"
#include "latentset/robust/VolumeGradient.h"
#include "latentset/util/ThreadPool.h"

using namespace latentset;
using namespace latentset::robusttest;

TEST_CASE("MLP margin gradient matches finite differences", "[robust][gradient]")
{
    const auto mlp = std::make_shared<const Mlp>(12, 9, 4, 7);
    const MlpDecision model(mlp);
    CHECK(model.classCount() == 4);
    const Matrix X = randomImages(12, 5, 11);
    requireGradientMatches(model, X, {0, 1, 2, 3, 1}, 1e-3, 2e-2);
    // Scores are the logits: the decision is the MLP's.
    CHECK(model.decide(X) == mlp->predict(X));
}

TEST_CASE("squared-error margin gradient of a set matches finite differences", "[robust][gradient]")
{
    ThreadPool pool(2);
    for (const bool tied : {true, false}) {
        INFO("tied " << tied);
        const auto set = smallSet(tied);
        const Matrix X = randomImages(12, 6, 21);
        const std::vector<int> labels{0, 1, 2, 0, 1, 2};
        requireGradientMatches(SetErrorDecision(set), X, labels, 1e-3, 2e-2);
        Vector scale(3), offset(3);
        scale << 1.5f, 0.7f, 1.1f;
        offset << 0.2f, -0.1f, 0.0f;
        requireGradientMatches(SetErrorDecision(set, scale, offset, &pool), X, labels, 1e-3, 2e-2);
    }
}

TEST_CASE("latent density gradient matches finite differences of log p(z)", "[robust][gradient]")
{
    const Matrix codes = randomImages(3, 60, 5, -1.0f, 1.0f);
    GaussianMixture::Options options;
    options.components = 3;
    const GaussianMixture mixture = GaussianMixture::fit(codes, options);
    const LatentDensityGradient gradient(mixture);
    const Matrix Z = randomImages(3, 4, 6, -0.8f, 0.8f);
    const Matrix g = gradient.gradient(Z);
    const double h = 1e-4;
    for (Index k = 0; k < 3; ++k) {
        Eigen::MatrixXd up = Z.cast<double>(), down = up;
        up.row(k).array() += h;
        down.row(k).array() -= h;
        Eigen::VectorXd lu, ld;
        mixture.logDensity(up, lu);
        mixture.logDensity(down, ld);
        for (Index b = 0; b < 4; ++b)
            CHECK(g(k, b) == Approx((lu(b) - ld(b)) / (2 * h)).epsilon(1e-3).margin(1e-4));
    }
}

TEST_CASE("volume gradient: values are the estimator's, gradient matches finite differences", "[robust][gradient]")
{
    const auto set = smallSet(true);
    const auto model = smallLikelihood(*set);
    const Autoencoder& member = set->member(1);
    const VolumeGradient volume(member, model->pixelWeights(1), model->settings().singularFloor);
    const Matrix X = randomImages(12, 4, 31);
    const Matrix Z = member.encode(X);
    Autoencoder::Cache dec;
    member.forwardDecoder(Z, dec);
    Eigen::VectorXd values;
    const Matrix g = volume.gradient(dec.a, &values);
    const LikelihoodEstimator estimator(set, model, LikelihoodEstimator::Path::Dense);
    const LikelihoodTerms terms = estimator.evaluate(X);
    for (Index b = 0; b < 4; ++b)
        CHECK(values(b) == Approx(terms.volume(1, b)).epsilon(1e-4));
    CHECK(g.norm() > 0.05f); // not trivially within the tolerance below
    const double h = 1e-3;
    for (Index k = 0; k < Z.rows(); ++k) {
        Matrix up = Z, down = Z;
        up.row(k).array() += float(h);
        down.row(k).array() -= float(h);
        Autoencoder::Cache cu, cd;
        member.forwardDecoder(up, cu);
        member.forwardDecoder(down, cd);
        Eigen::VectorXd vu, vd;
        volume.gradient(cu.a, &vu);
        volume.gradient(cd.a, &vd);
        for (Index b = 0; b < 4; ++b)
            CHECK(g(k, b) == Approx((vu(b) - vd(b)) / (2 * h)).epsilon(2e-2).margin(2e-3));
    }
}

TEST_CASE("eq. 4 and eq. 5 margin gradients match finite differences", "[robust][gradient]")
{
    ThreadPool pool(2);
    for (const bool tied : {true, false}) {
        INFO("tied " << tied);
        const auto set = smallSet(tied, 5);
        const auto model = smallLikelihood(*set);
        const Matrix X = randomImages(12, 5, 41);
        const std::vector<int> labels{2, 1, 0, 1, 2};
        const SetLikelihoodDecision eq4(set, model, false, &pool);
        requireGradientMatches(eq4, X, labels, 1e-3, 3e-2);
        // Its scores are the estimator's log-likelihoods.
        const LikelihoodTerms terms = LikelihoodEstimator(set, model).evaluate(X);
        const Eigen::MatrixXd s = eq4.scores(X);
        for (Index b = 0; b < 5; ++b)
            for (Index c = 0; c < 3; ++c)
                CHECK(s(c, b) == Approx(terms.logLikelihood()(c, b)).epsilon(1e-5).margin(1e-4)); // paths differ in float order
        auto calibrated = std::make_shared<LikelihoodModel>(*model);
        Eigen::VectorXd offsets(3), scales(3), latent(3);
        offsets << 1.0, -2.0, 0.5;
        scales << 0.8, 1.3, 1.0;
        latent << 0.6, 1.1, 0.9;
        calibrated->setCalibration(Calibration::fromConstants(offsets, scales, latent, 1.0, "test"));
        requireGradientMatches(SetLikelihoodDecision(set, calibrated, true), X, labels, 1e-3, 3e-2);
    }
}
