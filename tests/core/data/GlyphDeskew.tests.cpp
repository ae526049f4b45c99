// Deskewing: a slanted bar becomes upright about its centroid; an upright glyph stays.
#include "latentset/data/GlyphDeskew.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <vector>

using namespace latentset;

namespace {

// Ink-weighted mean column of each row that has ink.
std::vector<double> rowCentres(const std::vector<std::uint8_t>& img)
{
    std::vector<double> out;
    for (int y = 0; y < 28; ++y) {
        double m = 0, s = 0;
        for (int x = 0; x < 28; ++x) {
            m += img[std::size_t(y * 28 + x)];
            s += img[std::size_t(y * 28 + x)] * double(x);
        }
        if (m > 0)
            out.push_back(s / m);
    }
    return out;
}

} // namespace

TEST_CASE("Deskewing shears a slanted bar upright about its centroid row", "[data]")
{
    std::vector<std::uint8_t> slanted(28 * 28, 0), out(28 * 28, 0);
    for (int y = 4; y <= 24; ++y) // x = 14 + 0.5 (y - 14): leaning right going down
        slanted[std::size_t(y * 28 + int(std::lround(14 + 0.5 * (y - 14))))] = 255;
    GlyphDeskew::image(slanted.data(), out.data(), 28, 28);
    const std::vector<double> centres = rowCentres(out);
    REQUIRE(centres.size() >= 20);
    for (double c : centres)
        CHECK(c == Approx(14.0).margin(0.75));
    // An upright bar is left as it is.
    std::vector<std::uint8_t> upright(28 * 28, 0), same(28 * 28, 0);
    for (int y = 4; y <= 24; ++y)
        upright[std::size_t(y * 28 + 9)] = 200;
    GlyphDeskew::image(upright.data(), same.data(), 28, 28);
    CHECK(same == upright);
}
