#include "latentset/likelihood/GaussianMixture.h"

#include "latentset/util/BinaryReader.h"
#include "latentset/util/BinaryWriter.h"
#include "latentset/util/Error.h"
#include "latentset/util/Random.h"

#include <catch2/catch.hpp>

#include <Eigen/LU>
#include <cmath>
#include <numbers>

using namespace latentset;

namespace {

// n samples from 0.3 N((-3, 1), diag(0.5^2, 1)) + 0.7 N((2, -1), [[1, .6], [.6, 1]]), columns.
Matrix sampleKnownMixture(Index n, std::uint64_t seed, std::vector<int>* labels = nullptr)
{
    Random random(seed);
    Matrix x(2, n);
    for (Index i = 0; i < n; ++i) {
        const double a = random.normal(), b = random.normal();
        const bool first = random.uniform() < 0.3;
        if (labels)
            labels->push_back(first ? 0 : 1);
        if (first) {
            x(0, i) = float(-3 + 0.5 * a);
            x(1, i) = float(1 + b);
        } else {
            // Cholesky of [[1, .6], [.6, 1]] = [[1, 0], [.6, .8]]
            x(0, i) = float(2 + a);
            x(1, i) = float(-1 + 0.6 * a + 0.8 * b);
        }
    }
    return x;
}

} // namespace

TEST_CASE("EM recovers the parameters of a known two-component mixture", "[likelihood][gmm]")
{
    const Matrix x = sampleKnownMixture(20000, 11);
    GaussianMixture::Options options;
    options.components = 2;
    options.seed = 5;
    options.regularization = 1e-6;
    const GaussianMixture g = GaussianMixture::fit(x, options);
    REQUIRE(g.componentCount() == 2);
    const int a = g.means()[0](0) < g.means()[1](0) ? 0 : 1; // the component at x = -3
    const int b = 1 - a;
    CHECK(g.weights()[std::size_t(a)] == Approx(0.3).margin(0.015));
    CHECK(g.means()[std::size_t(a)](0) == Approx(-3).margin(0.05));
    CHECK(g.means()[std::size_t(a)](1) == Approx(1).margin(0.05));
    CHECK(g.means()[std::size_t(b)](0) == Approx(2).margin(0.05));
    CHECK(g.means()[std::size_t(b)](1) == Approx(-1).margin(0.05));
    CHECK(g.covariances()[std::size_t(a)](0, 0) == Approx(0.25).margin(0.03));
    CHECK(g.covariances()[std::size_t(a)](0, 1) == Approx(0).margin(0.05));
    CHECK(g.covariances()[std::size_t(b)](0, 1) == Approx(0.6).margin(0.05));
    CHECK(g.covariances()[std::size_t(b)](1, 1) == Approx(1).margin(0.05));
}

TEST_CASE("GaussianMixture log density matches a hand-computed Gaussian", "[likelihood][gmm]")
{
    Eigen::MatrixXd cov(2, 2);
    cov << 2, 0.5, 0.5, 1;
    const GaussianMixture g = GaussianMixture::fromParameters({1.0}, {Eigen::Vector2d(1, -1)}, {cov});
    Matrix z(2, 2);
    z << 1, 2, -1, 0.5;
    const Eigen::VectorXd logP = g.logDensity(z);
    const double det = 2 * 1 - 0.25;
    const Eigen::Vector2d d(1, 1.5);
    const double maha = d.dot(cov.inverse() * d);
    CHECK(logP(0) == Approx(-std::log(2 * std::numbers::pi) - 0.5 * std::log(det)));
    CHECK(logP(1) == Approx(-std::log(2 * std::numbers::pi) - 0.5 * std::log(det) - 0.5 * maha));
}

TEST_CASE("GaussianMixture: diagonal option, reproducibility and save/load", "[likelihood][gmm]")
{
    const Matrix x = sampleKnownMixture(3000, 3);
    GaussianMixture::Options options;
    options.components = 3;
    options.diagonal = true;
    options.seed = 9;
    const GaussianMixture g1 = GaussianMixture::fit(x, options);
    const GaussianMixture g2 = GaussianMixture::fit(x, options);
    for (const auto& c : g1.covariances())
        CHECK(c(0, 1) == 0.0);
    const Eigen::VectorXd l1 = g1.logDensity(x), l2 = g2.logDensity(x);
    CHECK((l1 - l2).cwiseAbs().maxCoeff() == 0.0);

    BinaryWriter w;
    g1.write(w);
    BinaryReader r(w.bytes(), "test mixture");
    const GaussianMixture back = GaussianMixture::read(r);
    CHECK((back.logDensity(x) - l1).cwiseAbs().maxCoeff() < 1e-12);

    const std::string truncated = w.bytes().substr(0, w.size() - 10);
    BinaryReader bad(truncated, "test mixture");
    CHECK_THROWS_AS(GaussianMixture::read(bad), Error);
}

TEST_CASE("GaussianMixture refuses bad input and survives degenerate codes", "[likelihood][gmm]")
{
    Matrix nan = Matrix::Zero(2, 5);
    nan(0, 0) = std::nanf("");
    CHECK_THROWS_AS(GaussianMixture::fit(nan, {}), Error);
    CHECK_THROWS_AS(GaussianMixture::fit(Matrix(2, 0), {}), Error);
    // All codes identical: the ridge keeps covariances positive definite.
    const Matrix same = Matrix::Ones(3, 50);
    const GaussianMixture g = GaussianMixture::fit(same, {});
    CHECK(std::isfinite(g.logDensity(same)(0)));
    CHECK_THROWS_AS(g.logDensity(Matrix::Zero(2, 1)), Error);
}
