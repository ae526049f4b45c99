#include "SmallCubeWorld.h"

#include "latentset/concept/ContextLikelihoodMap.h"
#include "latentset/concept/Correlation.h"
#include "latentset/concept/MapSweep.h"
#include "latentset/cube/CubeRenderer.h"
#include "latentset/util/Error.h"

#include <catch2/catch.hpp>

#include <cmath>

using namespace latentset;

TEST_CASE("MapSweep::grid covers 0 to 90 degrees, 90 excluded, in steps", "[concept][maps]")
{
    const std::vector<double> g = MapSweep::grid(5);
    REQUIRE(g.size() == 18);
    CHECK(g.front() == 0.0);
    CHECK(g.back() == Approx(85.0));
    CHECK(MapSweep::grid(90).size() == 1);
    CHECK(MapSweep::grid(40).size() == 3); // 0, 40, 80
    CHECK_THROWS_AS(MapSweep::grid(0), Error);
}

TEST_CASE("MapSweep compares every group pair at every angle, turned cubes taken modulo 90", "[concept][maps][world]")
{
    const testing::SmallCubeWorld& world = testing::trainedSmallWorld();
    const ContextLikelihoodMap map(world.view());
    const CubeRenderer renderer(world.contexts.geometry());
    const Matrix glyphs = testing::scribbles(9, 99); // glyphs the members never saw
    // Three groups of three examples, the last with only two (pairs use the smaller count).
    const std::vector<Matrix> groups{glyphs.middleCols(0, 3), glyphs.middleCols(3, 3), glyphs.middleCols(6, 2)};
    const std::vector<double> thetas{5.0, 20.0, 60.0};
    const MapSweepResult r = MapSweep::run(map, renderer, groups, thetas);
    // Per angle: (0,1) 3 examples, (0,2) 2, (1,2) 2.
    REQUIRE(r.pairs.size() == 3 * (3 + 2 + 2));
    CHECK(r.thetas() == thetas);

    // One pair recomputed by hand: groups 0 and 2, example 1, at 60 deg; the
    // turned cube is at (60 + 45) mod 90 = 15 deg.
    Matrix frames(world.contexts.frameSize(), 3);
    frames.col(0) = renderer.renderCube(60.0, Vector(groups[0].col(1)));
    frames.col(1) = renderer.renderCube(60.0, Vector(groups[2].col(1)));
    frames.col(2) = renderer.renderCube(15.0, Vector(groups[2].col(1)));
    const Matrix L = map.logLikelihoods(frames);
    bool found = false;
    for (const MapSweepPair& p : r.pairs)
        if (p.theta == 60.0 && p.groupA == 0 && p.groupB == 2 && p.example == 1) {
            found = true;
            CHECK(p.same == Approx(Correlation::pearson(L.col(0), L.col(1))).margin(1e-6));
            CHECK(p.turned == Approx(Correlation::pearson(L.col(0), L.col(2))).margin(1e-6));
        }
    CHECK(found);

    // The claim itself, on this small world: same angle far more alike than 45 deg apart.
    INFO("same " << r.meanSame() << ", turned " << r.meanTurned());
    CHECK(r.meanSame() > 0.6);
    CHECK(r.meanTurned() < r.meanSame() - 0.3);
    CHECK(r.meanSameAt(20.0) <= r.sameQuantile(1.0));
    CHECK(r.sameQuantile(0.0) <= r.sameQuantile(0.5));
    CHECK(std::isnan(r.meanSameAt(33.0)));

    CHECK_THROWS_AS(MapSweep::run(map, renderer, {groups[0]}, thetas), Error);
    CHECK_THROWS_AS(MapSweep::run(map, renderer, groups, {}), Error);
    CHECK_THROWS_AS(MapSweep::run(map, renderer, {groups[0], Matrix::Zero(10, 2)}, thetas), Error);
}
