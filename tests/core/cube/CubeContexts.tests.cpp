#include "latentset/cube/CubeContexts.h"
#include "latentset/cube/CubeRenderer.h"
#include "latentset/cube/FaceWarp.h"

#include <catch2/catch.hpp>

#include <set>

using namespace latentset;

TEST_CASE("100 contexts: 34 side yaws over the visible range, 66 top turns from 0 to 90 degrees", "[cube]")
{
    const CubeContexts contexts;
    REQUIRE(contexts.size() == 100);
    CHECK(contexts.gridColumns() == 10);
    const double limit = contexts.geometry().sideYawLimitDeg();
    CHECK(contexts.pose(0).kind == FacePose::Kind::Side);
    CHECK(contexts.pose(0).angleDeg == Approx(-limit + limit / 34));
    CHECK(contexts.pose(33).angleDeg == Approx(limit - limit / 34));
    CHECK(contexts.pose(34).kind == FacePose::Kind::Top);
    CHECK(contexts.pose(99).angleDeg == Approx(90.0 - 90.0 / 132));
    for (int c = 0; c < contexts.size(); ++c) {
        CHECK(contexts.warp(c).maskSize() > 0);
        // A context's own pose falls into that context.
        CHECK(contexts.contextOf(contexts.pose(c)) == c);
    }
    const CubeContexts big(CubeContextsConfig::forCount(400));
    CHECK(big.sideCount() == 136);
    CHECK(big.topCount() == 264);
}

TEST_CASE("A cube's faces fall into the documented contexts", "[cube]")
{
    const CubeContexts contexts;
    // theta = 0: the left face is hidden, the front face is head-on (middle side bins).
    auto c = contexts.contextsOfCube(0.0);
    CHECK(c[1] == -1);
    CHECK((c[0] == 16 || c[0] == 17));
    CHECK(c[2] == 34);
    c = contexts.contextsOfCube(45.3);
    CHECK(c[0] == 26); // psi = 45.3: (45.3 + L) / (2L / 34), L = 78.9
    CHECK(c[1] == 7);  // psi = -44.7
    CHECK(c[2] == 34 + 33); // rho = 45.3: 45.3 / (90 / 66)
    // theta is taken modulo 90.
    CHECK(contexts.contextsOfCube(45.3 + 90.0) == c);
    CHECK(contexts.contextsOfCube(45.3 - 180.0) == c);
}

TEST_CASE("Masks of the visible faces of a rendered cube cover its silhouette", "[cube]")
{
    const CubeContexts contexts;
    const CubeGeometry& g = contexts.geometry();
    const CubeRenderer renderer(g);
    const Vector glyph = Vector::Constant(28 * 28, 0.5f);
    for (double theta : {0.0, 7.0, 23.0, 45.0, 61.5, 89.0}) {
        const Vector image = renderer.renderCube(theta, glyph);
        std::set<int> silhouette;
        for (int p = 0; p < int(image.size()); ++p)
            if (image(p) > 0.0f)
                silhouette.insert(p);
        REQUIRE(silhouette.size() > 500);
        // Exact faces: the union of their masks IS the silhouette.
        std::set<int> exact;
        for (const auto& face : g.cubeFaces(theta)) {
            const FaceWarp w(g, face);
            exact.insert(w.mask().begin(), w.mask().end());
        }
        CHECK(exact == silhouette);
        // The faces' contexts (bin centres, within half a bin): nearly the silhouette.
        std::set<int> binned;
        for (int c : contexts.contextsOfCube(theta))
            if (c >= 0)
                binned.insert(contexts.warp(c).mask().begin(), contexts.warp(c).mask().end());
        std::size_t common = 0;
        for (int p : binned)
            common += silhouette.count(p);
        const double iou = double(common) / double(binned.size() + silhouette.size() - common);
        CHECK(iou > 0.9);
    }
}
