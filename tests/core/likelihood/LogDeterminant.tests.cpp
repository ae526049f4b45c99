#include "latentset/likelihood/LogDeterminant.h"

#include "latentset/util/Random.h"
#include "latentset/util/Types.h"

#include <catch2/catch.hpp>

#include <Eigen/LU>
#include <cmath>

using namespace latentset;

TEST_CASE("LogDeterminant matches the direct determinant on small cases", "[likelihood][logdet]")
{
    Random random(21);
    for (int d : {1, 2, 3, 5, 8}) {
        Eigen::MatrixXd j(3 * d, d);
        for (Index i = 0; i < j.size(); ++i)
            j.data()[i] = random.normal();
        const Eigen::MatrixXd gram = j.transpose() * j;
        const auto r = LogDeterminant::ofSymmetric(gram);
        CHECK_FALSE(r.singular);
        CHECK(r.value == Approx(std::log(gram.determinant())).epsilon(1e-9));
    }
    Eigen::Matrix2d m;
    m << 4, 2, 2, 3; // det 8
    CHECK(LogDeterminant::ofSymmetric(m).value == Approx(std::log(8.0)));
}

TEST_CASE("LogDeterminant reports a singular Gram matrix instead of failing", "[likelihood][logdet]")
{
    Eigen::MatrixXd j(6, 3);
    j.setRandom();
    j.col(2) = 2 * j.col(0) - j.col(1); // rank 2
    const auto r = LogDeterminant::ofSymmetric(j.transpose() * j);
    CHECK(r.singular);
    CHECK(r.clampedPivots == 1);
    CHECK(std::isfinite(r.value));
    const auto zero = LogDeterminant::ofSymmetric(Eigen::MatrixXd::Zero(4, 4));
    CHECK(zero.singular);
    CHECK(std::isfinite(zero.value));
}
