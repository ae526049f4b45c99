#include "latentset/analysis/SpreadRatio.h"

#include "latentset/util/Error.h"

#include <catch2/catch.hpp>

using namespace latentset;

TEST_CASE("Spread ratio on hand-made codes", "[analysis][spread]")
{
    // Two items, each seen in two contexts: item 0 at (0,0) and (0,2), item 1
    // at (10,0) and (10,2). Centroids (0,1) and (10,1): within = 1, between = 10.
    Matrix codes(2, 4);
    codes << 0, 0, 10, 10, //
        0, 2, 0, 2;
    const SpreadRatio r = SpreadRatio::measure(codes, {0, 0, 1, 1});
    CHECK(r.items == 2);
    CHECK(r.within == Approx(1.0));
    CHECK(r.between == Approx(10.0));
    CHECK(r.ratio == Approx(0.1));
    // The same codes labelled across: each "item" spans both clusters.
    const SpreadRatio mixed = SpreadRatio::measure(codes, {0, 1, 0, 1});
    CHECK(mixed.within == Approx(5.0));
    CHECK(mixed.between == Approx(2.0));
    CHECK(mixed.ratio == Approx(2.5));
    // Three items, one seen once: it counts for "between" but not "within".
    Matrix three(1, 5);
    three << 0, 2, 10, 12, 30;
    const SpreadRatio t = SpreadRatio::measure(three, {0, 0, 1, 1, 2});
    CHECK(t.items == 3);
    CHECK(t.within == Approx(1.0));
    CHECK(t.between == Approx((10.0 + 29.0 + 19.0) / 3.0));
}

TEST_CASE("Spread ratio refuses what it cannot measure", "[analysis][spread]")
{
    CHECK_THROWS_AS(SpreadRatio::measure(Matrix::Zero(2, 3), {0, 0}), Error);
    CHECK_THROWS_AS(SpreadRatio::measure(Matrix::Zero(2, 3), {0, 0, 0}), Error); // one item
    CHECK_THROWS_AS(SpreadRatio::measure(Matrix::Zero(2, 3), {0, 1, 2}), Error); // nobody twice
    CHECK_THROWS_AS(SpreadRatio::measure(Matrix::Zero(2, 3), {0, -1, 1}), Error);
}
