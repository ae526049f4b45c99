#pragma once
// A linear warp of a glyph into a frame (docs/worlds.md "Warps"): the frame's
// mask pixels as a sparse linear function of the glyph's pixels,
//
//     masked = weights * glyph          (maskSize x B  =  sparse * glyphPixels x B)
//
// built from an inverse map (frame point -> glyph point) by s x s
// subsampling of every frame pixel and bilinear interpolation of the glyph,
// the glyph being 0 outside its square (MNIST's background). Coordinates are
// continuous: frame pixel (x, y) covers [x, x+1) x [y, y+1), glyph pixel
// (col, row) likewise, so glyph pixel centres sit at (col + 0.5, row + 0.5).
// The rotation and scale x position worlds (world/WarpFamily.h) are such
// warps; the cube's faces (cube/FaceWarp) are the same kind of object with a
// perspective map and a constant face brightness.
//
// Mask: either the whole frame, or the pixels some subsample of which maps
// into the glyph's square.
//
// Immutable after construction; safe to read from any thread.
#include "latentset/util/Types.h"

#include <Eigen/Core>
#include <Eigen/SparseCore>

#include <functional>
#include <vector>

namespace latentset {

class LinearWarp {
public:
    using SparseMatrix = Eigen::SparseMatrix<float, Eigen::RowMajor, int>;
    // Frame point (x, y) -> glyph point (col, row), continuous coordinates.
    using InverseMap = std::function<Eigen::Vector2d(double x, double y)>;

    LinearWarp() = default;
    // Throws Error for non-positive sizes or subsamples outside 1..8.
    LinearWarp(int frameWidth, int frameHeight, int glyphSize, const InverseMap& toGlyph, int subsamples,
               bool wholeFrameMask);

    int frameWidth() const { return frameWidth_; }
    int frameHeight() const { return frameHeight_; }
    int glyphSize() const { return glyphSize_; }
    Index glyphPixels() const { return Index(glyphSize_) * glyphSize_; }
    const std::vector<int>& mask() const { return mask_; }
    Index maskSize() const { return Index(mask_.size()); }
    const SparseMatrix& weights() const { return weights_; }

    // glyphs: glyphPixels() x B -> maskSize() x B.
    Matrix apply(const Matrix& glyphs) const;

private:
    int frameWidth_ = 0, frameHeight_ = 0, glyphSize_ = 0;
    std::vector<int> mask_;
    SparseMatrix weights_;
};

} // namespace latentset
