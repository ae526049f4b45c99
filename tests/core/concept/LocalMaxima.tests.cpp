#include "latentset/concept/Correlation.h"
#include "latentset/concept/LocalMaxima.h"

#include <catch2/catch.hpp>

#include <cmath>

using namespace latentset;

namespace {

// Two Gaussian bumps on a 34-long sequence plus a small ripple.
Vector twoBumps(float c1, float a1, float c2, float a2)
{
    Vector v(34);
    for (int i = 0; i < 34; ++i)
        v[i] = a1 * std::exp(-0.5f * (i - c1) * (i - c1) / 4.f) + a2 * std::exp(-0.5f * (i - c2) * (i - c2) / 4.f)
             + 0.01f * std::sin(float(i) * 2.3f);
    return v;
}

} // namespace

TEST_CASE("LocalMaxima finds the bumps of a synthetic context vector, highest first", "[concept][maxima]")
{
    const Vector v = twoBumps(8, 1.0f, 25, 0.7f);
    LocalMaxima::Options o;
    o.radius = 3;
    o.relative = 0.3f;
    const auto peaks = LocalMaxima::find(v, o);
    REQUIRE(peaks.size() == 2);
    CHECK(peaks[0] == 8);
    CHECK(peaks[1] == 25);

    o.maxCount = 1;
    CHECK(LocalMaxima::find(v, o) == std::vector<int>{8});

    // Without the relative floor, the ripple in the flat tail makes extra peaks.
    LocalMaxima::Options loose;
    loose.radius = 1;
    CHECK(LocalMaxima::find(v, loose).size() > 2);
}

TEST_CASE("LocalMaxima: plateaus count once, circular sequences wrap, subsets map back", "[concept][maxima]")
{
    Vector flat(6);
    flat << 0, 1, 1, 0, 0, 0;
    LocalMaxima::Options o;
    o.radius = 1;
    CHECK(LocalMaxima::find(flat, o) == std::vector<int>{1});

    // A peak at the seam: position 0 beats 9 and 1 only when wrapping.
    Vector ring(10);
    ring << 5, 4, 3, 2, 1, 0, 1, 2, 3, 6;
    o.circular = false;
    CHECK(LocalMaxima::find(ring, o) == std::vector<int>{9, 0});
    o.endPeaks = false; // ends compared with one neighbour only are not trusted
    CHECK(LocalMaxima::find(ring, o).empty());
    o.endPeaks = true;
    o.circular = true;
    CHECK(LocalMaxima::find(ring, o) == std::vector<int>{9});

    // A subset given in its own order (a face kind inside the 100 contexts).
    Vector all = Vector::Zero(8);
    all[5] = 3;
    all[2] = 1;
    all[7] = 2;
    const std::vector<int> order{7, 5, 2};
    o.circular = false;
    CHECK(LocalMaxima::find(all, order, o) == std::vector<int>{5});
}

TEST_CASE("Correlation: Pearson and Spearman on known series", "[concept]")
{
    Vector a(5), b(5), c(5);
    a << 1, 2, 3, 4, 5;
    b << 2, 4, 6, 8, 10;
    c << 1, 8, 27, 64, 125; // monotone, not linear
    CHECK(Correlation::pearson(a, b) == Approx(1.0));
    CHECK(Correlation::pearson(a, c) < 0.99);
    CHECK(Correlation::spearman(a, c) == Approx(1.0));
    CHECK(Correlation::spearman(a, -c) == Approx(-1.0));
    Vector t(4);
    t << 1, 1, 2, 3;
    const Vector r = Correlation::ranks(t);
    CHECK(r[0] == Approx(0.5));
    CHECK(r[1] == Approx(0.5));
    CHECK(r[3] == Approx(3.0));
    CHECK(Correlation::pearson(a, Vector::Constant(5, 2.f)) == 0.0);
}
