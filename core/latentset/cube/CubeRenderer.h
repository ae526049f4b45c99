#pragma once
// Renders cubes and single faces as float images (core, no Qt; app/cli turns
// them into PNGs). Geometry and conventions: CubeGeometry.h, FaceWarp.h.
//
// Images are Vectors of imageSize^2 floats in [0,1], row-major (y * size + x),
// background 0; glyphs are Vectors of glyphSize^2 floats in [0,1], row-major.
// Deterministic; safe to call from several threads at once (const).
#include "latentset/cube/CubeGeometry.h"
#include "latentset/util/Types.h"

#include <array>

namespace latentset {

class CubeRenderer {
public:
    explicit CubeRenderer(CubeGeometry geometry = CubeGeometry()) : geometry_(std::move(geometry)) {}

    const CubeGeometry& geometry() const { return geometry_; }

    // A cube turned by thetaDeg (any angle; [0, 90) covers every view) with
    // glyphs on its faces: faceGlyphs[0] on the front face Side(theta),
    // [1] on the left face Side(theta - 90), [2] on the top Top(theta).
    Vector renderCube(double thetaDeg, const std::array<const Vector*, 3>& faceGlyphs) const;
    // The same glyph on every face (the paper's cubes).
    Vector renderCube(double thetaDeg, const Vector& glyph) const;
    // One face alone in one pose.
    Vector renderFace(const FacePose& pose, const Vector& glyph) const;

private:
    void addFace(const FacePose& pose, const Vector& glyph, Vector& image) const;

    CubeGeometry geometry_;
};

} // namespace latentset
