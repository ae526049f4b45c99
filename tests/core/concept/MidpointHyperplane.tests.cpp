#include "latentset/concept/MidpointHyperplane.h"
#include "latentset/util/Error.h"

#include <catch2/catch.hpp>

using namespace latentset;

TEST_CASE("MidpointHyperplane: signed distances of hand-made codes", "[concept][oneshot]")
{
    // z_A = (0, 0), z_B = (4, 0): the hyperplane is x = 2, normal +x.
    Vector zA(2), zB(2);
    zA << 0, 0;
    zB << 4, 0;
    const MidpointHyperplane h(zA, zB);
    CHECK(h.separation() == Approx(4.0));
    CHECK(h.signedDistance(zA) == Approx(-2.0));
    CHECK(h.signedDistance(zB) == Approx(2.0));

    Matrix codes(2, 4);
    codes << 2, 1, 3.5, -7,  //
             9, -3, 100, 0.5;
    const Vector d = h.signedDistances(codes);
    REQUIRE(d.size() == 4);
    CHECK(d[0] == Approx(0.0).margin(1e-6)); // on the plane: the y offset does not matter
    CHECK(d[1] == Approx(-1.0));
    CHECK(d[2] == Approx(1.5));
    CHECK(d[3] == Approx(-9.0));
    CHECK(h.isA(codes.col(1)));
    CHECK_FALSE(h.isA(codes.col(2)));
}

TEST_CASE("MidpointHyperplane: oblique plane in 3-D and bad input", "[concept][oneshot]")
{
    Vector zA(3), zB(3);
    zA << 1, 1, 1;
    zB << 2, 2, 2; // normal (1,1,1)/sqrt(3), midpoint (1.5,1.5,1.5)
    const MidpointHyperplane h(zA, zB);
    Vector z(3);
    z << 3, 0, 0; // (3 - 4.5) / sqrt(3)
    CHECK(h.signedDistance(z) == Approx(-1.5 / std::sqrt(3.0)));
    CHECK(h.separation() == Approx(std::sqrt(3.0)));

    CHECK_THROWS_AS(MidpointHyperplane(zA, zA), Error);
    CHECK_THROWS_AS(MidpointHyperplane(zA, Vector::Zero(2)), Error);
    CHECK_THROWS_AS(h.signedDistances(Matrix::Zero(2, 3)), Error);
}
