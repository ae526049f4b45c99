#include "latentset/analysis/Pca.h"

#include "latentset/util/Error.h"
#include "latentset/util/Random.h"

#include <catch2/catch.hpp>

#include <Eigen/SVD>

using namespace latentset;

TEST_CASE("PCA equals the SVD of the centred codes", "[analysis][pca]")
{
    Random rng(3);
    const Index d = 6, n = 200;
    Matrix codes(d, n);
    for (Index i = 0; i < n; ++i)
        for (Index r = 0; r < d; ++r)
            codes(r, i) = float(rng.normal() * double(r + 1)) + float(r); // unequal variances, a mean
    const Pca pca = Pca::fit(codes, 3);
    const Eigen::MatrixXd centred = codes.cast<double>().colwise() - codes.cast<double>().rowwise().mean();
    const Eigen::JacobiSVD<Eigen::MatrixXd> svd(centred, Eigen::ComputeThinU);
    for (Index c = 0; c < 3; ++c) {
        const Eigen::VectorXd u = svd.matrixU().col(c);
        const Eigen::VectorXd v = pca.basis().col(c).cast<double>();
        CHECK(std::abs(std::abs(u.dot(v)) - 1.0) < 1e-5); // the same direction, up to sign
        const double variance = svd.singularValues()(c) * svd.singularValues()(c) / double(n - 1);
        CHECK(pca.variance()(c) == Approx(variance).epsilon(1e-5));
    }
    CHECK(pca.explainedRatio().sum() < 1.0f);
    CHECK(pca.explainedRatio()(0) > pca.explainedRatio()(1));
    // Projection: basis^T (x - mean), so the projected codes have zero mean
    // and the variances above.
    const Matrix y = pca.project(codes);
    REQUIRE(y.rows() == 3);
    REQUIRE(y.cols() == n);
    CHECK(std::abs(y.row(0).mean()) < 1e-3f);
    CHECK(double(y.row(0).squaredNorm()) / double(n - 1) == Approx(pca.variance()(0)).epsilon(1e-4));
    // Each component's largest entry is positive (reproducible signs).
    for (Index c = 0; c < 3; ++c) {
        Index at = 0;
        pca.basis().col(c).cwiseAbs().maxCoeff(&at);
        CHECK(pca.basis()(at, c) > 0.0f);
    }
}

TEST_CASE("PCA refuses what it cannot fit", "[analysis][pca]")
{
    CHECK_THROWS_AS(Pca::fit(Matrix::Zero(3, 1), 1), Error);
    CHECK_THROWS_AS(Pca::fit(Matrix::Zero(3, 10), 4), Error);
    CHECK_THROWS_AS(Pca::fit(Matrix::Zero(3, 10), 0), Error);
    Matrix bad = Matrix::Zero(3, 10);
    bad(1, 2) = std::numeric_limits<float>::quiet_NaN();
    CHECK_THROWS_AS(Pca::fit(bad, 2), Error);
    CHECK_THROWS_AS(Pca::fit(Matrix::Random(3, 10), 2).project(Matrix::Zero(4, 2)), Error);
}
