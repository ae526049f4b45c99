// The Bayesian estimator of the paper's §6 on synthetic likelihood vectors.
#include "latentset/util/Error.h"
#include "latentset/world/ParameterEstimator.h"

#include <catch2/catch.hpp>

#include <cmath>

using namespace latentset;

namespace {

ParameterEstimator ring(int n)
{
    std::vector<std::vector<double>> values;
    for (int c = 0; c < n; ++c)
        values.push_back({360.0 * c / n});
    return ParameterEstimator({{"angle", true, 360.0}}, values);
}

// log p(x | c): a parabola in the (circular) distance to `truth`, width s.
Vector parabola(const ParameterEstimator& e, double truth, double s)
{
    const int n = int(e.levels(0).size());
    Vector l(n);
    for (int c = 0; c < n; ++c) {
        const double d = e.error(0, e.levels(0)[std::size_t(c)], truth);
        l(c) = float(-d * d / (2 * s * s));
    }
    return l;
}

} // namespace

TEST_CASE("Estimation on a ring: MAP bin, exact parabolic vertex, posterior mean between bins", "[world]")
{
    const ParameterEstimator e = ring(36);
    CHECK(e.binWidth(0) == Approx(10.0));
    const ParameterEstimate r = e.estimate(parabola(e, 123.0, 10.0));
    CHECK(r.mapContext == 12);
    CHECK(r.posterior.sum() == Approx(1.0).epsilon(1e-5));
    CHECK(r.axes[0].map == Approx(120.0));
    // A quadratic log-likelihood has its vertex found exactly.
    CHECK(r.axes[0].interpolated == Approx(123.0).margin(1e-3));
    // A symmetric posterior sampled every 10 degrees: its mean is near the truth.
    CHECK(r.axes[0].mean == Approx(123.0).margin(0.5));
}

TEST_CASE("Estimation wraps around a circular axis", "[world]")
{
    const ParameterEstimator e = ring(36);
    const ParameterEstimate r = e.estimate(parabola(e, 357.0, 10.0));
    CHECK(r.axes[0].map == Approx(0.0));
    CHECK(r.axes[0].interpolated == Approx(357.0).margin(1e-3));
    CHECK(e.error(0, r.axes[0].mean, 357.0) < 0.5);
    CHECK(e.error(0, 5.0, 355.0) == Approx(10.0));
}

TEST_CASE("Estimation on a grid of axes uses each axis's marginal, open axes do not wrap", "[world]")
{
    // 3 scales x 4 positions (x); the likelihood peaks at scale 0.75, x 30.
    std::vector<std::vector<double>> values;
    for (double s : {0.6, 0.8, 1.0})
        for (double x : {14.0, 26.0, 38.0, 50.0})
            values.push_back({s, x});
    const ParameterEstimator e({{"scale", false, 0}, {"x", false, 0}}, values);
    CHECK(e.binWidth(0) == Approx(0.2));
    CHECK(e.binWidth(1) == Approx(12.0));
    Vector l(12);
    for (int c = 0; c < 12; ++c) {
        const double ds = (values[std::size_t(c)][0] - 0.75) / 0.2, dx = (values[std::size_t(c)][1] - 30.0) / 12.0;
        l(c) = float(-20.0 * (ds * ds + dx * dx));
    }
    const ParameterEstimate r = e.estimate(l);
    CHECK(r.axes[1].map == Approx(26.0));
    CHECK(r.axes[1].interpolated == Approx(30.0).margin(0.05));
    CHECK(r.axes[0].map == Approx(0.8));
    CHECK(r.axes[0].interpolated == Approx(0.75).margin(1e-3));
    // A peak at the open end is not extrapolated beyond it.
    Vector edge(12);
    for (int c = 0; c < 12; ++c)
        edge(c) = float(-std::abs(values[std::size_t(c)][1] - 5.0));
    CHECK(e.estimate(edge).axes[1].interpolated == Approx(14.0));
}

TEST_CASE("A prior shifts the posterior, bad vectors are refused", "[world]")
{
    const ParameterEstimator e = ring(4);
    Vector flat = Vector::Zero(4);
    Vector prior(4);
    prior << 0.0f, -10.0f, -10.0f, -10.0f;
    CHECK(e.estimate(flat, &prior).mapContext == 0);
    CHECK_THROWS_AS(e.estimate(Vector::Zero(3)), Error);
    Vector bad = Vector::Zero(4);
    bad(1) = std::nanf("");
    CHECK_THROWS_AS(e.estimate(bad), Error);
    CHECK_THROWS_AS(ParameterEstimator({{"angle", true, 0.0}}, {{0.0}, {1.0}}), Error);
}
