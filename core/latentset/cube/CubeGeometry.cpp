#include "latentset/cube/CubeGeometry.h"

#include "latentset/util/Error.h"

#include <Eigen/Geometry>

#include <cmath>
#include <sstream>

namespace latentset {

namespace {

constexpr double kPi = 3.14159265358979323846;
double radians(double deg) { return deg * kPi / 180.0; }

// Turn about +y by theta (positive: the front face turns to the picture's right).
Eigen::Matrix3d yaw(double thetaDeg)
{
    const double c = std::cos(radians(thetaDeg)), s = std::sin(radians(thetaDeg));
    Eigen::Matrix3d r;
    r << c, 0, s,
         0, 1, 0,
        -s, 0, c;
    return r;
}

} // namespace

void CubeSettings::validate() const
{
    auto fail = [](const std::string& what) { throw Error("cube settings: " + what); };
    if (imageSize < 8 || imageSize > 1024)
        fail("image size must be in [8, 1024], got " + std::to_string(imageSize));
    if (glyphSize < 2 || glyphSize > 1024)
        fail("glyph size must be in [2, 1024], got " + std::to_string(glyphSize));
    if (!(elevationDeg > 0.0 && elevationDeg < 89.0))
        fail("camera elevation must be in (0, 89) degrees");
    if (!(distance > 2.0))
        fail("camera distance must exceed 2 (the camera would be inside the cube)");
    if (!std::isfinite(distance))
        fail("camera distance must be finite");
    // A fraction of the image size: beyond +-1 the principal point is off the
    // frame. (The comparison also refuses NaN, which would reach the
    // projection and its conversions to pixel indices.)
    if (!(centreShift >= -1.0 && centreShift <= 1.0))
        fail("centre shift must be in [-1, 1] (a fraction of the image size)");
    if (!(fovDeg > 1.0 && fovDeg < 170.0))
        fail("field of view must be in (1, 170) degrees");
    if (subsamples < 1 || subsamples > 16)
        fail("subsamples must be in [1, 16]");
    if (!(ambient >= 0.0 && ambient <= 1.0))
        fail("ambient must be in [0, 1]");
    if (!(faceBase >= 0.0 && faceBase <= 1.0))
        fail("face base brightness must be in [0, 1]");
}

std::string CubeSettings::describe() const
{
    std::ostringstream s;
    s << imageSize << "x" << imageSize << " px, glyph " << glyphSize << "x" << glyphSize
      << ", elevation " << elevationDeg << " deg, distance " << distance << ", fov " << fovDeg
      << " deg, " << subsamples << "x" << subsamples << " subsamples, shading "
      << (shading ? "on" : "off");
    return s.str();
}

CubeGeometry::CubeGeometry(CubeSettings settings)
    : settings_(settings)
{
    settings_.validate();
    const double e = radians(settings_.elevationDeg);
    camera_ = settings_.distance * Eigen::Vector3d(0.0, std::sin(e), std::cos(e));
    const Eigen::Vector3d forward = -camera_.normalized();
    const Eigen::Vector3d right(1.0, 0.0, 0.0);
    const Eigen::Vector3d up = right.cross(forward); // (0, cos e, -sin e): world up tilted back
    worldToCamera_.row(0) = right.transpose();
    worldToCamera_.row(1) = up.transpose();
    worldToCamera_.row(2) = forward.transpose();
    const double size = settings_.imageSize;
    focal_ = 0.5 * size / std::tan(0.5 * radians(settings_.fovDeg));
    cx_ = 0.5 * size;
    cy_ = 0.5 * size - settings_.centreShift * size;
    // Light from the upper left, in front: the top face is brightest, the
    // two side faces differ, so the cube reads as a solid.
    light_ = Eigen::Vector3d(-0.5, 1.0, 0.7).normalized();
}

void CubeGeometry::faceFrame(const FacePose& pose, Eigen::Vector3d& origin, Eigen::Vector3d& uAxis,
                             Eigen::Vector3d& vAxis) const
{
    const Eigen::Matrix3d r = yaw(pose.angleDeg);
    if (pose.kind == FacePose::Kind::Side) {
        // The front face (+z) of the unturned cube, seen from outside.
        origin = r * Eigen::Vector3d(-1, 1, 1);
        uAxis = r * Eigen::Vector3d(2, 0, 0);
        vAxis = r * Eigen::Vector3d(0, -2, 0);
    } else {
        // The top face (+y); glyph top at the back edge (-z), away from the camera.
        origin = r * Eigen::Vector3d(-1, 1, -1);
        uAxis = r * Eigen::Vector3d(2, 0, 0);
        vAxis = r * Eigen::Vector3d(0, 0, 2);
    }
}

Eigen::Matrix3d CubeGeometry::glyphToImage(const FacePose& pose) const
{
    Eigen::Vector3d origin, uAxis, vAxis;
    faceFrame(pose, origin, uAxis, vAxis);
    // (u, v, 1) -> camera coordinates (x right, y up, z depth).
    Eigen::Matrix3d faceToCamera;
    faceToCamera.col(0) = worldToCamera_ * uAxis;
    faceToCamera.col(1) = worldToCamera_ * vAxis;
    faceToCamera.col(2) = worldToCamera_ * (origin - camera_);
    // Camera coordinates -> homogeneous image pixels (y down).
    Eigen::Matrix3d intrinsics;
    intrinsics << focal_, 0, cx_,
                  0, -focal_, cy_,
                  0, 0, 1;
    // Glyph pixel (col, row) -> (u, v): pixel centres at (k + 0.5) / G.
    const double g = settings_.glyphSize;
    Eigen::Matrix3d glyphToFace;
    glyphToFace << 1.0 / g, 0, 0.5 / g,
                   0, 1.0 / g, 0.5 / g,
                   0, 0, 1;
    return intrinsics * faceToCamera * glyphToFace;
}

std::array<Eigen::Vector2d, 4> CubeGeometry::corners(const FacePose& pose) const
{
    const Eigen::Matrix3d h = glyphToImage(pose);
    const double g = settings_.glyphSize;
    // Glyph-pixel coordinates of the texture's outer corners (pixel centres are at +0).
    const double lo = -0.5, hi = g - 0.5;
    const Eigen::Vector3d c[4] = {{lo, lo, 1}, {hi, lo, 1}, {hi, hi, 1}, {lo, hi, 1}};
    std::array<Eigen::Vector2d, 4> out;
    for (int i = 0; i < 4; ++i)
        out[std::size_t(i)] = (h * c[i]).hnormalized();
    return out;
}

bool CubeGeometry::visible(const FacePose& pose) const
{
    Eigen::Vector3d origin, uAxis, vAxis;
    faceFrame(pose, origin, uAxis, vAxis);
    // Outward normal: v x u points out of the cube for both face kinds
    // (u runs right and v down the glyph as seen from outside).
    const Eigen::Vector3d normal = vAxis.cross(uAxis);
    const Eigen::Vector3d centre = origin + 0.5 * uAxis + 0.5 * vAxis;
    // A small margin: an edge-on face (psi = +-90) covers no area.
    return normal.normalized().dot((camera_ - centre).normalized()) > 1e-9;
}

double CubeGeometry::sideYawLimitDeg() const
{
    // Side face centre at unit distance from the axis, normal along it:
    // visible iff normal . (camera - centre) = D cos(e) cos(psi) - 1 > 0.
    const double horizontal = settings_.distance * std::cos(radians(settings_.elevationDeg));
    return std::acos(1.0 / horizontal) * 180.0 / kPi;
}

double CubeGeometry::shade(const FacePose& pose) const
{
    if (!settings_.shading)
        return 1.0;
    Eigen::Vector3d origin, uAxis, vAxis;
    faceFrame(pose, origin, uAxis, vAxis);
    const Eigen::Vector3d normal = vAxis.cross(uAxis).normalized();
    const double a = settings_.ambient;
    return a + (1.0 - a) * std::max(0.0, normal.dot(light_));
}

std::array<FacePose, 3> CubeGeometry::cubeFaces(double thetaDeg) const
{
    return {FacePose::side(thetaDeg), FacePose::side(thetaDeg - 90.0), FacePose::top(thetaDeg)};
}

} // namespace latentset
