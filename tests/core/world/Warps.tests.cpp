// Warps of the rotation and scale x position worlds on hand-checked cases.
#include "latentset/util/Error.h"
#include "latentset/world/GlyphWorld.h"
#include "latentset/world/RotationFamily.h"
#include "latentset/world/ScalePositionFamily.h"

#include "WorldFixtures.h"

#include <catch2/catch.hpp>

using namespace latentset;

namespace {

Vector singlePixel(int col, int row)
{
    Vector g = Vector::Zero(28 * 28);
    g(row * 28 + col) = 1.0f;
    return g;
}

} // namespace

TEST_CASE("Rotation by 0 degrees is the identity, by 90 a counter-clockwise permutation", "[world]")
{
    const Vector g = singlePixel(20, 14); // right of the centre (14, 14)
    const LinearWarp still = RotationFamily::warp(0.0, 28, 1);
    CHECK(still.maskSize() == 28 * 28);
    const Matrix same = still.apply(g);
    CHECK((same - g).cwiseAbs().maxCoeff() == Approx(0.0).margin(1e-6));
    // Pixel centre (20.5, 14.5) is (6.5, 0.5) from the centre; turned a quarter
    // counter-clockwise on the screen (y down) it is (0.5, -6.5): pixel (14, 7).
    const Matrix turned = RotationFamily::warp(90.0, 28, 1).apply(g);
    CHECK(turned(7 * 28 + 14, 0) == Approx(1.0).margin(1e-5));
    CHECK(turned.sum() == Approx(1.0).margin(1e-5));
    // Half a turn: (-6.5, -0.5) from the centre -> pixel (7, 13).
    const Matrix half = RotationFamily::warp(180.0, 28, 1).apply(g);
    CHECK(half(13 * 28 + 7, 0) == Approx(1.0).margin(1e-5));
    CHECK(half.sum() == Approx(1.0).margin(1e-5));
}

TEST_CASE("The rotation family: 36 contexts 10 degrees apart on a circular axis", "[world]")
{
    const auto family = RotationFamily::make(36);
    REQUIRE(family->size() == 36);
    CHECK(family->parameters(0)[0] == Approx(0.0));
    CHECK(family->parameters(35)[0] == Approx(350.0));
    CHECK(family->axes().at(0).circular);
    CHECK(family->axes().at(0).period == Approx(360.0));
    CHECK(family->name(3) == "angle 30");
    // A 45-degree warp keeps the ink of a glyph well inside the frame.
    const Vector g = BuiltinGlyphs::render("plus");
    CHECK(RotationFamily::warp(45.0, 28, 2).apply(g).sum() == Approx(g.sum()).epsilon(0.02));
    CHECK_THROWS_AS(RotationFamily::make(1), Error);
    CHECK_FALSE(RotationFamily::make(4, 180.0)->axes().at(0).circular);
}

TEST_CASE("Scale x position: 3 scales x 4 x 4 positions in a 64 x 64 frame", "[world]")
{
    const auto family = ScalePositionFamily::make();
    REQUIRE(family->size() == 48);
    CHECK(family->frameWidth() == 64);
    CHECK(family->parameters(0) == std::vector<double>{0.6, 14.0, 14.0});
    CHECK(family->parameters(47) == std::vector<double>{1.0, 50.0, 50.0});
    CHECK(family->parameters(1) == std::vector<double>{0.6, 14.0, 26.0}); // x varies fastest
    CHECK(family->grid() == std::vector<int>{3, 4, 4});
    // Scale 1 centred at (14, 14), one sample per pixel: the glyph lands on
    // the frame's top-left 28 x 28 unchanged.
    ScalePositionSettings s;
    s.subsamples = 1;
    const Vector g = singlePixel(5, 9);
    const Matrix at = ScalePositionFamily::warp(1.0, 14.0, 14.0, s).apply(g);
    CHECK(at(9 * 64 + 5, 0) == Approx(1.0).margin(1e-5));
    CHECK(at.sum() == Approx(1.0).margin(1e-5));
    // Moved by (+24, +12): the same pixel at (29, 21).
    const Matrix moved = ScalePositionFamily::warp(1.0, 38.0, 26.0, s).apply(g);
    CHECK(moved(21 * 64 + 29, 0) == Approx(1.0).margin(1e-5));
    // Half the size, 3 x 3 samples per pixel: a solid glyph keeps a quarter
    // of its ink (less a bilinear fade at its edge into the background).
    s.subsamples = 3;
    const Vector solid = Vector::Ones(28 * 28);
    CHECK(ScalePositionFamily::warp(0.5, 32.0, 32.0, s).apply(solid).sum() == Approx(28.0 * 28.0 / 4).epsilon(0.02));
}

TEST_CASE("A glyph world shows its glyphs through the family's warps and between its contexts", "[world]")
{
    const GlyphWorld world(RotationFamily::make(8), worldtest::builtinGlyphs());
    CHECK(world.contextCount() == 8);
    CHECK(world.memberInputSize() == 784);
    const std::vector<Index> items{0, 3};
    const Matrix m = world.masked(2, items);
    const Matrix direct = world.family().warp(2).apply(world.glyphSet().batch(items));
    CHECK((m - direct).cwiseAbs().maxCoeff() == Approx(0.0).margin(1e-7));
    const Matrix between = world.framesAt({90.0}, items); // context 2 is 90 degrees
    CHECK((between - world.framesFromMasked(2, m)).cwiseAbs().maxCoeff() == Approx(0.0).margin(1e-6));
    CHECK(world.rendersBetween());
    CHECK_THROWS_AS(GlyphWorld(RotationFamily::make(4, 360.0, 16), worldtest::builtinGlyphs()), Error);
}
