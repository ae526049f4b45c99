#include "latentset/likelihood/Auroc.h"

#include "latentset/util/Error.h"

#include <catch2/catch.hpp>

using namespace latentset;

TEST_CASE("Auroc on separated, reversed, tied and mixed scores", "[likelihood][auroc]")
{
    CHECK(Auroc::compute({1, 2, 3}, {4, 5}) == Approx(1.0));
    CHECK(Auroc::compute({4, 5}, {1, 2, 3}) == Approx(0.0));
    CHECK(Auroc::compute({1, 1}, {1, 1}) == Approx(0.5));
    // pairs (anomalous > normal): 2>1 yes, 2>3 no, 4>1 yes, 4>3 yes -> 3/4
    CHECK(Auroc::compute({1, 3}, {2, 4}) == Approx(0.75));
    CHECK_THROWS_AS(Auroc::compute({}, {1}), Error);
}
