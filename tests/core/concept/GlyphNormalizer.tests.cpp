#include "latentset/data/BuiltinGlyphs.h"
#include "latentset/data/GlyphNormalizer.h"
#include "latentset/util/Error.h"

#include <catch2/catch.hpp>

#include <set>

using namespace latentset;

namespace {

// Bounding box (x0, y0, x1, y1) of the pixels above `threshold`.
Eigen::Vector4i inkBox(const Vector& image, int size, float threshold)
{
    Eigen::Vector4i box(size, size, -1, -1);
    for (int y = 0; y < size; ++y)
        for (int x = 0; x < size; ++x)
            if (image[y * size + x] > threshold) {
                box[0] = std::min(box[0], x);
                box[1] = std::min(box[1], y);
                box[2] = std::max(box[2], x);
                box[3] = std::max(box[3], y);
            }
    return box;
}

} // namespace

TEST_CASE("GlyphNormalizer puts an off-centre blob's centre of mass at the field centre", "[concept][glyph]")
{
    // A 40 x 30 bar, wide and short, drawn in the corner of a 100 x 80 image.
    const int w = 100, h = 80;
    Vector image = Vector::Zero(w * h);
    for (int y = 5; y < 35; ++y)
        for (int x = 3; x < 43; ++x)
            image[y * w + x] = (x < 20) ? 1.f : 0.5f; // uneven mass: CoM is not the box centre
    const Vector out = GlyphNormalizer().normalize(image, w, h);
    REQUIRE(out.size() == 28 * 28);
    const Eigen::Vector2f com = GlyphNormalizer::centreOfMass(out, 28, 28);
    CHECK(com.x() == Approx(14.0).margin(0.25));
    CHECK(com.y() == Approx(14.0).margin(0.25));
    // Longer side scaled to 20 px (anti-aliasing may add one pixel), aspect kept: 30/40 * 20 = 15.
    const Eigen::Vector4i box = inkBox(out, 28, 0.05f);
    const int bw = box[2] - box[0] + 1, bh = box[3] - box[1] + 1;
    CHECK(bw >= 20);
    CHECK(bw <= 21);
    CHECK(bh >= 15);
    CHECK(bh <= 16);
    CHECK(out.maxCoeff() == Approx(1.0f).margin(1e-4));
}

TEST_CASE("GlyphNormalizer inverts dark-on-light images and refuses empty ones", "[concept][glyph]")
{
    const int n = 50;
    Vector image = Vector::Ones(n * n);
    for (int y = 10; y < 40; ++y)
        image[y * n + 25] = 0.f; // a black vertical line on white
    const Vector out = GlyphNormalizer().normalize(image, n, n);
    const Eigen::Vector4i box = inkBox(out, 28, 0.05f);
    CHECK(box[3] - box[1] + 1 >= 20); // tall: the line, not the background, is the ink
    CHECK(box[2] - box[0] + 1 <= 4);

    CHECK_THROWS_AS(GlyphNormalizer().normalize(Vector::Zero(n * n), n, n), Error);
    CHECK_THROWS_AS(GlyphNormalizer().normalize(Vector::Zero(10), n, n), Error);
}

TEST_CASE("BuiltinGlyphs renders V, plus and at least 20 distinct other shapes like MNIST digits", "[concept][glyph]")
{
    REQUIRE(BuiltinGlyphs::has("V"));
    REQUIRE(BuiltinGlyphs::has("+"));
    REQUIRE(BuiltinGlyphs::has("plus"));
    REQUIRE_FALSE(BuiltinGlyphs::has("7"));
    CHECK_THROWS_AS(BuiltinGlyphs::render("no-such-glyph"), Error);
    const auto shapes = BuiltinGlyphs::shapeNames();
    REQUIRE(shapes.size() >= 20);

    std::vector<Vector> rendered;
    for (const std::string& name : BuiltinGlyphs::names()) {
        INFO(name);
        const Vector g = BuiltinGlyphs::render(name);
        REQUIRE(g.size() == 784);
        CHECK(g.minCoeff() >= 0.f);
        CHECK(g.maxCoeff() <= 1.f);
        // MNIST digits hold ~100-150 units of ink; strokes here are alike.
        CHECK(g.sum() > 40.f);
        CHECK(g.sum() < 260.f);
        const Eigen::Vector2f com = GlyphNormalizer::centreOfMass(g, 28, 28);
        CHECK(com.x() == Approx(14.0).margin(0.3));
        CHECK(com.y() == Approx(14.0).margin(0.3));
        rendered.push_back(g);
    }
    // Every pair of glyphs differs clearly.
    for (std::size_t i = 0; i < rendered.size(); ++i)
        for (std::size_t j = i + 1; j < rendered.size(); ++j)
            CHECK((rendered[i] - rendered[j]).norm() > 3.f);
}
