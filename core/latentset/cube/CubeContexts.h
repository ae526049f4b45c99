#pragma once
// The contexts of the cube world: each is one face in one orientation, with
// its warp (glyph -> image) and mask (FaceWarp). docs/cube-geometry.md, paper §8.
//
// Default split, 100 contexts (index 0-99, shown as a 10x10 map, row-major):
//   * contexts 0 .. 33: side faces, yaw psi at the centres of 34 equal bins
//     over the visible range (-L, L), L = CubeGeometry::sideYawLimitDeg()
//     (78.9 deg by default, bin width 4.64 deg):
//     psi_c = -L + (c + 0.5) * 2L / 34. Context 0 is the face about to
//     disappear on the picture's left, context 33 the one on its right.
//   * contexts 34 .. 99: the top face, in-plane rotation rho at the centres
//     of 66 equal bins over [0, 90) (bin width 1.36 deg).
// Why 34 + 66 (the paper's split): a turn of the cube moves the top glyph by
// the full angle in the picture, while a side face changes mostly in width;
// the top needs the finer grid. 400 contexts (a finer grid for the scale
// test) keep the proportion: 136 + 264.
//
// A cube at theta (taken modulo 90) falls into three contexts: the side bins
// of psi = theta and psi = theta - 90 and the top bin of rho = theta. The
// context images are rendered at the bin centres, so a cube's face is within
// half a bin of its context's image.
//
// Immutable after construction (0.3 s for 100 contexts, measured); safe to read from
// any thread.
#include "latentset/cube/CubeGeometry.h"
#include "latentset/cube/FaceWarp.h"

#include <array>
#include <string>
#include <vector>

namespace latentset {

class BinaryReader;
class BinaryWriter;

struct CubeContextsConfig {
    int sideCount = 34;
    int topCount = 66;
    CubeSettings cube;

    int count() const { return sideCount + topCount; }
    // 100 -> 34 + 66, 400 -> 136 + 264, other counts in the same proportion.
    static CubeContextsConfig forCount(int contexts);
    void validate() const; // throws latentset::Error
    // For readers, before anything builds these contexts from a file's claim:
    // throws latentset::Error unless `memberCount` members taking
    // `memberInputSize` inputs each (already proven present in the file) can
    // be this config's members: one per context, and a frame no more than
    // kFramePerInput times the largest mask (the members' input), so the work
    // of building the warps is bounded by the bytes the file really holds.
    void checkMembers(int memberCount, Index memberInputSize) const;
    // A cube that fills the frame (the renderer's whole point) covers far more
    // than 1/64 of it with its largest face.
    static constexpr Index kFramePerInput = 64;
    void write(BinaryWriter& out) const;
    static CubeContextsConfig read(BinaryReader& in);
};

class CubeContexts {
public:
    explicit CubeContexts(CubeContextsConfig config = {});

    const CubeContextsConfig& config() const { return config_; }
    const CubeGeometry& geometry() const { return geometry_; }
    int size() const { return int(warps_.size()); }
    int sideCount() const { return config_.sideCount; }
    int topCount() const { return config_.topCount; }
    int imageSize() const { return geometry_.imageSize(); }
    Index frameSize() const { return Index(imageSize()) * imageSize(); }
    Index glyphPixels() const { return Index(geometry_.glyphSize()) * geometry_.glyphSize(); }

    const FacePose& pose(int context) const { return warp(context).pose(); }
    const FaceWarp& warp(int context) const;
    // "side -34.4" / "top 12.3" (degrees).
    std::string name(int context) const;
    // Columns of the context map (10 for 100 contexts, 20 for 400).
    int gridColumns() const;

    // The context a face pose falls into; -1 if the face is not visible.
    // Side psi is taken in [-180, 180) and must be within (-L, L); top rho modulo 90.
    int contextOf(const FacePose& pose) const;
    // The contexts of the three faces of a cube at theta (front, left, top),
    // -1 for a face that is hidden (the left face for theta < 90 - L).
    std::array<int, 3> contextsOfCube(double thetaDeg) const;

    // Largest mask over all contexts (pixels).
    Index largestMask() const;

private:
    CubeContextsConfig config_;
    CubeGeometry geometry_;
    std::vector<FaceWarp> warps_;
};

} // namespace latentset
