#include "latentset/cube/CubeGeometry.h"
#include "latentset/cube/CubeRenderer.h"
#include "latentset/cube/FaceWarp.h"
#include "latentset/util/Error.h"
#include "latentset/util/Random.h"

#include <catch2/catch.hpp>

#include <Eigen/Geometry>
#include <Eigen/LU>

using namespace latentset;

namespace {

// A glyph with structure in both directions and no symmetry, so a flipped or
// turned face would not match.
Vector testGlyph(int size = 28)
{
    Vector g(size * size);
    for (int r = 0; r < size; ++r)
        for (int c = 0; c < size; ++c)
            g(r * size + c) = float((r < size / 3 ? 0.9 : 0.1) * (c + 1) / size + (r == c ? 0.05 : 0.0));
    return g;
}

} // namespace

TEST_CASE("A side face seen head-on is the glyph, pixel for pixel", "[cube]")
{
    // Camera nearly level and far away, field of view just wide enough for the
    // face to fill a 28x28 frame: the glyph-to-image map is (almost) the
    // identity, so the picture must be the glyph up to resampling.
    CubeSettings s;
    s.imageSize = 28;
    s.elevationDeg = 0.001;
    s.distance = 60.0;
    s.fovDeg = 2.0 * std::atan(1.0 / 59.0) * 180.0 / 3.14159265358979323846;
    s.centreShift = 0.0;
    s.subsamples = 1;
    s.shading = false;
    s.faceBase = 0.0;
    const CubeRenderer renderer{CubeGeometry(s)};
    const Vector glyph = testGlyph();
    const Vector image = renderer.renderFace(FacePose::side(0.0), glyph);
    REQUIRE(image.size() == glyph.size());
    CHECK((image - glyph).cwiseAbs().maxCoeff() < 0.02f);
    // Turned a little, the picture is no longer the glyph (the check can fail).
    const Vector turned = renderer.renderFace(FacePose::side(20.0), glyph);
    CHECK((turned - glyph).cwiseAbs().maxCoeff() > 0.1f);
}

TEST_CASE("Visible faces are the front, left and top ones, as documented", "[cube]")
{
    const CubeGeometry g;
    const double limit = g.sideYawLimitDeg();
    CHECK(limit == Approx(std::acos(1.0 / (6.0 * std::cos(30.0 * 3.14159265358979323846 / 180.0))) * 180.0
                          / 3.14159265358979323846));
    CHECK(g.visible(FacePose::side(0.0)));
    CHECK(g.visible(FacePose::side(limit - 0.1)));
    CHECK_FALSE(g.visible(FacePose::side(limit + 0.1)));
    CHECK_FALSE(g.visible(FacePose::side(180.0)));
    CHECK(g.visible(FacePose::top(37.0)));
    // The front face turns to the picture's right for positive theta.
    const auto a = g.corners(FacePose::side(0.0));
    const auto b = g.corners(FacePose::side(20.0));
    const double centreA = (a[0].x() + a[2].x()) / 2, centreB = (b[0].x() + b[2].x()) / 2;
    CHECK(centreB > centreA + 3.0);
    // Glyph top is up on a side face and away from the camera on the top face.
    CHECK(a[0].y() < a[3].y());
    const auto t = g.corners(FacePose::top(0.0));
    CHECK(t[0].y() < t[3].y());
    CHECK(t[0].y() < a[0].y() + 1e-9); // the top face lies above the front face
    // Everything of every view stays in the frame.
    for (double theta = 0; theta < 90; theta += 3)
        for (const auto& face : g.cubeFaces(theta))
            if (g.visible(face))
                for (const auto& c : g.corners(face)) {
                    CHECK(c.x() > 0.0);
                    CHECK(c.x() < 64.0);
                    CHECK(c.y() > 0.0);
                    CHECK(c.y() < 64.0);
                }
}

TEST_CASE("Warps are invertible where the face is visible", "[cube]")
{
    const CubeGeometry g;
    Random random(5);
    for (double psi = -75; psi <= 75; psi += 15) {
        for (const FacePose pose : {FacePose::side(psi), FacePose::top(psi + 75)}) {
            const FaceWarp warp(g, pose);
            REQUIRE(warp.maskSize() > 0);
            const Eigen::Matrix3d h = warp.homography();
            REQUIRE(std::abs(h.determinant()) > 1e-9);
            const Eigen::Matrix3d inv = h.inverse();
            // Every mask pixel centre goes to the glyph and back to itself.
            for (int p : warp.mask()) {
                const Eigen::Vector3d q(p % 64 + 0.5, p / 64 + 0.5, 1.0);
                const Eigen::Vector3d glyph = inv * q;
                const Eigen::Vector2d back = (h * glyph).hnormalized();
                CHECK((back - q.head<2>()).norm() < 1e-9);
            }
            // And random glyph points to the image and back.
            for (int k = 0; k < 20; ++k) {
                const Eigen::Vector3d gp(random.uniform() * 27, random.uniform() * 27, 1.0);
                const Eigen::Vector2d back = (inv * (h * gp)).hnormalized();
                CHECK((back - gp.head<2>()).norm() < 1e-9);
            }
        }
    }
}

TEST_CASE("Rendering is deterministic and the warp matrix matches the renderer", "[cube]")
{
    const CubeGeometry g;
    const CubeRenderer renderer(g);
    const Vector glyph = testGlyph();
    const Vector a = renderer.renderCube(33.0, glyph), b = renderer.renderCube(33.0, glyph);
    CHECK((a - b).cwiseAbs().maxCoeff() == 0.0f);
    const FacePose pose = FacePose::top(12.0);
    const FaceWarp warp(g, pose);
    Matrix frame = Matrix::Zero(64 * 64, 1);
    warp.scatter(warp.apply(glyph), frame);
    CHECK((Vector(frame.col(0)) - renderer.renderFace(pose, glyph)).cwiseAbs().maxCoeff() < 1e-5f);
}

TEST_CASE("Bad settings are refused with a message", "[cube]")
{
    CubeSettings s;
    s.imageSize = 2;
    CHECK_THROWS_AS(CubeGeometry(s), Error);
    s = CubeSettings();
    s.distance = 1.5;
    CHECK_THROWS_WITH(CubeGeometry(s), Catch::Contains("distance"));
}
