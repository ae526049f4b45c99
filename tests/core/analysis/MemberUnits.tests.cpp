#include "latentset/analysis/MemberUnits.h"

#include "latentset/nn/Autoencoder.h"
#include "latentset/util/Error.h"

#include <catch2/catch.hpp>

using namespace latentset;

namespace {

Vector someInput(Index n, float phase)
{
    Vector x(n);
    for (Index k = 0; k < n; ++k)
        x(k) = 0.5f + 0.5f * std::sin(phase + 0.37f * float(k));
    return x;
}

} // namespace

TEST_CASE("Member units: filters are the first layer's weight rows", "[analysis][units]")
{
    for (bool tied : {true, false}) {
        const Autoencoder member(AutoencoderConfig::make(16, {6}, 3, tied), 7);
        const MemberUnits units(member);
        REQUIRE(units.unitCount() == 6);
        REQUIRE(units.inputSize() == 16);
        const Matrix w = member.effectiveWeight(0); // 6 x 16
        const Matrix f = units.filters();           // 16 x 6
        REQUIRE(f.rows() == 16);
        REQUIRE(f.cols() == 6);
        for (Index u = 0; u < 6; ++u) {
            for (Index k = 0; k < 16; ++k)
                CHECK(f(k, u) == w(u, k)); // the same floats, bit for bit
            CHECK(units.filterNorms()(u) == Approx(w.row(u).norm()));
        }
        const Matrix d = units.decoderFilters(); // last layer's columns
        const Matrix wLast = member.effectiveWeight(member.layerCount() - 1);
        CHECK(d.isApprox(wLast));
        if (tied)
            CHECK(d == f); // a tied decoder draws the encoder's pictures
        else
            CHECK_FALSE(d.isApprox(f));
    }
}

TEST_CASE("Member units: activations are f_0(W_0 x + b_0)", "[analysis][units]")
{
    const Autoencoder member(AutoencoderConfig::make(16, {6}, 3, true), 11);
    const MemberUnits units(member);
    const Vector x = someInput(16, 0.3f);
    const Vector pre = units.preActivations(x);
    const Vector a = units.activations(x);
    for (Index u = 0; u < 6; ++u) {
        const double expected = member.effectiveWeight(0).row(u).dot(x) + member.bias(0)(u);
        CHECK(pre(u) == Approx(expected).margin(1e-5));
        CHECK(a(u) == Approx(std::max(0.0, expected)).margin(1e-5)); // relu
    }
    CHECK_THROWS_AS(units.activations(Vector::Zero(15)), Error);
}

TEST_CASE("Member units: the sweep at offset 0 is the reconstruction", "[analysis][units]")
{
    const Autoencoder member(AutoencoderConfig::make(16, {8}, 4, true), 3);
    const MemberUnits units(member);
    const Vector x = someInput(16, 1.1f);
    const Vector z = units.code(x);
    const std::vector<float> offsets{-2.0f, 0.0f, 2.0f};
    const Matrix sweep = units.directionSweep(z, offsets);
    REQUIRE(sweep.rows() == 16);
    REQUIRE(sweep.cols() == 4 * 3);
    const Vector recon = member.reconstruct(x).col(0);
    CHECK(units.reconstruction(x).isApprox(recon));
    for (Index i = 0; i < 4; ++i) {
        CHECK(sweep.col(i * 3 + 1).isApprox(recon, 1e-6f));
        // z* + 2 e_i decoded on its own
        Vector moved = z;
        moved(i) += 2.0f;
        CHECK(sweep.col(i * 3 + 2).isApprox(member.decode(moved).col(0), 1e-6f));
    }
    const Vector r = units.directionResponse(z, 2.0f);
    for (Index i = 0; i < 4; ++i)
        CHECK(r(i) == Approx((sweep.col(i * 3 + 2) - sweep.col(i * 3)).norm()).epsilon(1e-4));
    CHECK_THROWS_AS(units.directionSweep(Vector::Zero(3), offsets), Error);
}

TEST_CASE("Member units: display scaling and sort order", "[analysis][units]")
{
    Matrix f(3, 3);
    f << 1, 0, -4, //
        -2, 0, 2,  //
        0, 0, 1;
    const Matrix own = MemberUnits::forDisplay(f, true);
    CHECK(own(0, 0) == Approx(0.75));
    CHECK(own(1, 0) == Approx(0.0));
    CHECK(own(2, 0) == Approx(0.5));
    CHECK(own.col(1) == Vector::Constant(3, 0.5f)); // an all-zero filter stays grey
    CHECK(own(0, 2) == Approx(0.0));
    CHECK(own(1, 2) == Approx(0.75));
    const Matrix shared = MemberUnits::forDisplay(f, false); // one scale: max |w| = 4
    CHECK(shared(0, 0) == Approx(0.625));
    CHECK(shared(1, 0) == Approx(0.25));
    CHECK(shared.minCoeff() >= 0.0f);
    CHECK(shared.maxCoeff() <= 1.0f);

    Vector key(6);
    key << 0.5f, 2.0f, std::nanf(""), 2.0f, -1.0f, 3.0f;
    const std::vector<Index> order = MemberUnits::descendingOrder(key);
    CHECK(order == std::vector<Index>{5, 1, 3, 0, 4, 2}); // ties by index, NaN last
}
