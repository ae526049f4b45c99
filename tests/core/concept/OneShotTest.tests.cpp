#include "SmallCubeWorld.h"

#include "latentset/concept/ContextLikelihoodMap.h"
#include "latentset/concept/Correlation.h"
#include "latentset/concept/OneShotTest.h"
#include "latentset/cube/CubeRenderer.h"
#include "latentset/data/BuiltinGlyphs.h"
#include "latentset/util/Error.h"

#include <catch2/catch.hpp>

using namespace latentset;

TEST_CASE("A small trained world recognises V vs plus one-shot above chance", "[concept][oneshot][world]")
{
    const testing::SmallCubeWorld& world = testing::trainedSmallWorld();
    const OneShotTest test(world.view());
    const Vector v = BuiltinGlyphs::render("V"), plus = BuiltinGlyphs::render("plus");
    const OneShotResult r = test.run(v, plus, 3);
    INFO("score " << r.score << " / " << r.contexts << ", same-glyph " << r.meanSameGlyphDistance()
                  << ", other-glyph " << r.otherGlyphDistance);
    REQUIRE(r.contexts == 16);
    CHECK(r.sameGlyphDistance[3] == Approx(0.0).margin(1e-5));
    CHECK(r.distanceA[3] == Approx(-0.5 * r.otherGlyphDistance).epsilon(1e-4));
    CHECK(r.distanceB[3] == Approx(0.5 * r.otherGlyphDistance).epsilon(1e-4));
    // Chance: each glyph on its side half the time, both a quarter of the time (4 of 16).
    CHECK(r.score >= 12);
    // The shared latent space: A moved across contexts stays closer to itself than to B.
    CHECK(r.meanSameGlyphDistance() < r.otherGlyphDistance);

    // Untrained members of the same shape have no shared space: A drifts far.
    testing::SmallCubeWorld raw(6, 10, 7);
    const OneShotResult untrained = OneShotTest(raw.view()).run(v, plus, 3);
    CHECK(untrained.meanSameGlyphDistance() / untrained.otherGlyphDistance
          > r.meanSameGlyphDistance() / r.otherGlyphDistance);

    CHECK_THROWS_AS(test.run(v, plus, 16), Error);
    CHECK_THROWS_AS(test.run(v, v, 3), Error); // same code: no hyperplane
}

TEST_CASE("Context-likelihood maps describe the cube's shape, not its glyph", "[concept][maps][world]")
{
    const testing::SmallCubeWorld& world = testing::trainedSmallWorld();
    const ContextLikelihoodMap map(world.view());
    const ContextLikelihoodMap meanSquare(world.view(), ContextMapOptions{MapValue::MeanSquare, 0.1, 0.0, false});
    const CubeRenderer renderer(world.contexts.geometry());
    const Matrix glyphs = testing::scribbles(8, 99); // glyphs the members never saw
    double same = 0, turned = 0;
    int n = 0;
    for (double theta : {5.0, 20.0, 40.0}) {
        for (int k = 0; k < 4; ++k, ++n) {
            Matrix frames(world.contexts.frameSize(), 3);
            frames.col(0) = renderer.renderCube(theta, Vector(glyphs.col(2 * k)));
            frames.col(1) = renderer.renderCube(theta, Vector(glyphs.col(2 * k + 1)));
            frames.col(2) = renderer.renderCube(theta + 45.0, Vector(glyphs.col(2 * k + 1)));
            const Matrix L = map.logLikelihoods(frames);
            REQUIRE(L.rows() == 16);
            CHECK(L.allFinite());
            // The mean-square value is a log-likelihood with constants dropped: never positive.
            CHECK(meanSquare.logLikelihoods(frames).maxCoeff() <= 0.f);
            same += Correlation::pearson(L.col(0), L.col(1));
            turned += Correlation::pearson(L.col(0), L.col(2));
        }
    }
    same /= n;
    turned /= n;
    INFO("mean Pearson r: same angle " << same << ", 45 degrees apart " << turned);
    CHECK(same > 0.6);
    CHECK(turned < same - 0.3);

    // The normalised maps lie in [0, 1] with each face kind spanning it.
    Matrix f(world.contexts.frameSize(), 1);
    f.col(0) = renderer.renderCube(30.0, Vector(glyphs.col(0)));
    const Matrix m = map.normalizedMaps(f);
    CHECK(m.topRows(6).minCoeff() == Approx(0.f).margin(1e-6));
    CHECK(m.topRows(6).maxCoeff() == Approx(1.f));
    CHECK(m.bottomRows(10).minCoeff() == Approx(0.f).margin(1e-6));
    CHECK(m.bottomRows(10).maxCoeff() == Approx(1.f));
}
