#pragma once
// The geometry of LatentSet's cube world (docs/cube-geometry.md, the paper's §8): a cube
// with a glyph painted on each face, turning about its vertical axis, seen
// from an elevated perspective camera. Pictured in docs/cube-geometry.md.
//
// World frame (right-handed): x to the right, y up, z towards the camera.
// The cube is [-1,1]^3, centred at the origin, turned by theta about +y
// (a point p goes to (cos t p.x + sin t p.z, p.y, -sin t p.x + cos t p.z), so
// positive theta turns the front face to the right of the picture).
//
// Camera: at distance `distance` from the origin, raised by `elevationDeg`
// above the horizontal plane, on the +z side, looking at the origin. Pinhole
// projection with a vertical field of view `fovDeg`; image y grows
// downwards; the principal point is the image centre shifted up by
// `centreShift` * size so the cube (whose top face shows) sits centred.
//
// Faces, each a glyph's 28x28 texture (row-major, row 0 at the glyph's top):
//   * side face, pose Side(psi): the face whose outward normal lies psi
//     degrees from the direction to the camera, measured in the horizontal
//     plane (psi > 0: the face looks to the right of the picture). Glyph "up"
//     is world up, glyph "right" runs along the face to the right as seen
//     from outside. Visible for |psi| < sideYawLimitDeg() (78.9 deg by
//     default: the camera is near enough to see past the faces' planes
//     sooner than at 90). A cube at theta shows its
//     front face as Side(theta) and its left face as Side(theta - 90).
//   * top face, pose Top(rho): the top of a cube turned by rho; glyph "up"
//     points away from the camera at rho = 0 and the glyph turns with the
//     cube. Its outline repeats every 90 degrees, the glyph on it does not.
// A cube at theta in [0, 90) therefore shows at most three faces: Side(theta),
// Side(theta - 90) (hidden for theta < 11.1 deg by default) and Top(theta); their
// projections never overlap (a convex solid), so a rendered cube is the sum
// of its face renderings.
//
// Texture coordinates: face point (u, v) in [0,1]^2, u to the glyph's right,
// v down the glyph. Glyph pixel (col,row) has its centre at
// u = (col + 0.5) / glyphSize, v = (row + 0.5) / glyphSize.
//
// Everything here is a pure function of the settings: deterministic, cheap,
// callable from any thread.
#include <Eigen/Core>

#include <array>
#include <string>

namespace latentset {

struct CubeSettings {
    int imageSize = 64;          // output frames are imageSize x imageSize
    int glyphSize = 28;          // textures are glyphSize x glyphSize
    double elevationDeg = 30.0;  // camera height angle above the horizon
    double distance = 6.0;       // camera to cube centre, cube half-size = 1
    double fovDeg = 34.0;        // vertical (= horizontal) field of view
    double centreShift = 0.045;  // principal point moved up, as a fraction of imageSize
    int subsamples = 3;          // per pixel and axis: anti-aliased edges, thin faces get pixels
    bool shading = true;         // per-face Lambert shading (else every face has brightness 1)
    double ambient = 0.45;       // shading = ambient + (1 - ambient) * max(0, n . light)
    double faceBase = 0.15;      // brightness of a face's unpainted surface (glyph value 0)

    // Throws latentset::Error naming the bad field.
    void validate() const;
    std::string describe() const;
    bool operator==(const CubeSettings&) const = default;
};

// One face in one orientation (what a context is made of).
struct FacePose {
    enum class Kind { Side, Top };
    Kind kind = Kind::Side;
    double angleDeg = 0.0; // psi for Side, rho for Top
    static FacePose side(double psi) { return {Kind::Side, psi}; }
    static FacePose top(double rho) { return {Kind::Top, rho}; }
};

class CubeGeometry {
public:
    explicit CubeGeometry(CubeSettings settings = {});

    const CubeSettings& settings() const { return settings_; }
    int imageSize() const { return settings_.imageSize; }
    int glyphSize() const { return settings_.glyphSize; }

    // The homography mapping glyph pixel coordinates (col, row, 1) to image
    // pixel coordinates (x, y, 1) (up to scale), x/y continuous with pixel
    // (i, j) covering [i, i+1) x [j, j+1). Exact perspective: a point of the
    // face lands where the pinhole camera sees it.
    Eigen::Matrix3d glyphToImage(const FacePose& pose) const;
    // The face's four corners in image pixels, order: glyph top-left,
    // top-right, bottom-right, bottom-left.
    std::array<Eigen::Vector2d, 4> corners(const FacePose& pose) const;
    // True if the face turns towards the camera (front side visible).
    bool visible(const FacePose& pose) const;
    // The largest |psi| at which a side face is still visible: the camera is
    // at a finite distance, so a face turns away before it is edge-on to the
    // viewing axis: cos(psi) = 1 / (distance * cos(elevation)), 78.9 deg by
    // default. A cube at theta shows its left face only for theta > 90 - limit
    // and its front face only for theta < limit.
    double sideYawLimitDeg() const;
    // Brightness factor of the face (1 if shading is off).
    double shade(const FacePose& pose) const;
    // The three faces a cube at theta shows: Side(theta), Side(theta-90), Top(theta).
    std::array<FacePose, 3> cubeFaces(double thetaDeg) const;

private:
    // Face corner (u=v=0) and edge vectors (length 2) in world coordinates.
    void faceFrame(const FacePose& pose, Eigen::Vector3d& origin, Eigen::Vector3d& uAxis,
                   Eigen::Vector3d& vAxis) const;

    CubeSettings settings_;
    Eigen::Vector3d camera_;           // camera position
    Eigen::Matrix3d worldToCamera_;    // rows: right, up, forward
    double focal_ = 0;                 // pixels
    double cx_ = 0, cy_ = 0;           // principal point, pixels
    Eigen::Vector3d light_;            // unit vector towards the light
};

} // namespace latentset
