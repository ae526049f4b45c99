#include "latentset/util/Random.h"

#include "latentset/util/Error.h"

#include <catch2/catch.hpp>

#include <cmath>

using latentset::Random;

TEST_CASE("Random is reproducible from its seed and its saved state", "[util]")
{
    Random a(42), b(42);
    for (int i = 0; i < 100; ++i)
        REQUIRE(a.next() == b.next());

    a.normal(); // leaves a cached spare behind
    const std::string state = a.state();
    const double expected1 = a.normal();
    const double expected2 = a.uniform();
    Random c(7);
    c.setState(state);
    REQUIRE(c.normal() == expected1);
    REQUIRE(c.uniform() == expected2);
}

TEST_CASE("Random::normal has mean 0 and variance 1", "[util]")
{
    Random r(1);
    double sum = 0, sumSq = 0;
    const int n = 200000;
    for (int i = 0; i < n; ++i) {
        const double x = r.normal();
        sum += x;
        sumSq += x * x;
    }
    const double mean = sum / n;
    CHECK(std::abs(mean) < 0.01);
    CHECK(sumSq / n - mean * mean == Approx(1.0).epsilon(0.02));
}

TEST_CASE("Random::setState refuses garbage", "[util]")
{
    Random r(1);
    REQUIRE_THROWS_AS(r.setState("not a state"), latentset::Error);
}
