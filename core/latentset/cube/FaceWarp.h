#pragma once
// The warp of one cube face in one pose: glyph texture -> image pixels, and
// the face's mask (the pixels it covers). See CubeGeometry.h for the frame.
//
// Rendering a face is LINEAR in the glyph (plus a constant for the face's
// unpainted brightness), so the warp is stored as a sparse matrix:
//
//     masked = weights * glyph + offset
//
//   glyph   G*G x B   glyphs, one column per sample, row-major, values in [0,1]
//   masked  m x B     the m = maskSize() covered pixels, in mask() order
//   frame   S*S x B   whole frames (S = imageSize), row-major, background 0
//
// How a pixel gets its value: it is split into s x s subsamples (s =
// CubeSettings::subsamples); each subsample point is mapped through the
// inverse homography (image -> glyph, so the sampling is perspective-
// correct), and where it falls on the face it contributes
// shade * (faceBase + (1 - faceBase) * bilinear(glyph)) / s^2 (texture
// clamped to its edge). A pixel is in the mask when at least one subsample
// hits the face; boundary pixels are partly covered, so faces that share a
// boundary pixel add up there.
//
// Immutable after construction; safe to read from any thread.
#include "latentset/cube/CubeGeometry.h"
#include "latentset/util/Types.h"

#include <Eigen/Core>
#include <Eigen/LU>
#include <Eigen/SparseCore>

#include <algorithm>
#include <cmath>
#include <vector>

namespace latentset {

class FaceWarp {
public:
    using SparseMatrix = Eigen::SparseMatrix<float, Eigen::RowMajor, int>;

    FaceWarp() = default;
    // Builds the warp (3-4 ms at 64x64 on a loaded machine). An invisible face gets an empty mask.
    FaceWarp(const CubeGeometry& geometry, const FacePose& pose);

    const FacePose& pose() const { return pose_; }
    int imageSize() const { return imageSize_; }
    int glyphSize() const { return glyphSize_; }
    Index frameSize() const { return Index(imageSize_) * imageSize_; }
    Index glyphPixels() const { return Index(glyphSize_) * glyphSize_; }

    // Frame pixel indices (y * imageSize + x) the face covers, increasing.
    const std::vector<int>& mask() const { return mask_; }
    Index maskSize() const { return Index(mask_.size()); }
    // Fraction of each mask pixel the face covers, in (0, 1], in mask() order.
    const Vector& coverage() const { return coverage_; }
    // glyphToImage homography of the pose (glyph pixel -> image pixel).
    const Eigen::Matrix3d& homography() const { return homography_; }
    const SparseMatrix& weights() const { return weights_; }
    const Vector& offset() const { return offset_; }

    // glyphs: glyphPixels() x B  ->  maskSize() x B.
    Matrix apply(const Matrix& glyphs) const;
    // Writes masked columns (maskSize() x B) into frames (frameSize() x B), other pixels untouched.
    void scatter(const Matrix& masked, Matrix& frames) const;
    // Adds masked columns into frames (for composing several faces).
    void scatterAdd(const Matrix& masked, Matrix& frames) const;
    // The masked pixels of frames (frameSize() x B -> maskSize() x B).
    Matrix gather(const Matrix& frames) const;
    // The mask as a frame of 0/1 (frameSize() x 1).
    Vector maskFrame() const;

    // Calls fn(pixel, glyphIndex, weight) for every bilinear tap and
    // fn(pixel, -1, weight) for the constant part of every subsample that
    // hits the face: the face's value at `pixel` is the sum of weight*glyph
    // over taps plus the sum of constant weights. Used by the warp and by the
    // renderer (so both sample exactly alike).
    template <class Fn>
    static void visit(const CubeGeometry& geometry, const FacePose& pose, Fn&& fn);

private:
    FacePose pose_;
    int imageSize_ = 0;
    int glyphSize_ = 0;
    std::vector<int> mask_;
    Vector coverage_;
    Eigen::Matrix3d homography_ = Eigen::Matrix3d::Identity();
    SparseMatrix weights_;
    Vector offset_;
};

template <class Fn>
void FaceWarp::visit(const CubeGeometry& geometry, const FacePose& pose, Fn&& fn)
{
    if (!geometry.visible(pose))
        return;
    const CubeSettings& s = geometry.settings();
    const Eigen::Matrix3d toGlyph = geometry.glyphToImage(pose).inverse();
    const double shade = geometry.shade(pose);
    const int n = s.subsamples;
    const double perSample = 1.0 / double(n * n);
    const double constant = shade * s.faceBase * perSample;
    const double painted = shade * (1.0 - s.faceBase) * perSample;
    const int g = s.glyphSize;
    const double lo = -0.5, hi = g - 0.5; // the texture's outer edges in glyph pixels
    // The face's bounding box bounds the pixels worth visiting.
    const auto quad = geometry.corners(pose);
    double minX = quad[0].x(), maxX = minX, minY = quad[0].y(), maxY = minY;
    for (const auto& c : quad) {
        minX = std::min(minX, c.x()); maxX = std::max(maxX, c.x());
        minY = std::min(minY, c.y()); maxY = std::max(maxY, c.y());
    }
    const int size = s.imageSize;
    // Clamp to the frame in floating point BEFORE converting to int: a corner
    // projected from near the camera plane (or from settings that put the cube
    // far off the frame) can lie beyond the int range or be NaN, and such a
    // conversion is undefined. A box off the frame, or NaN, covers no pixel.
    const double edge = double(size);
    if (!(minX < edge && maxX >= 0.0 && minY < edge && maxY >= 0.0))
        return;
    const int x0 = int(std::floor(std::max(minX, 0.0))), x1 = int(std::floor(std::min(maxX, edge - 1.0)));
    const int y0 = int(std::floor(std::max(minY, 0.0))), y1 = int(std::floor(std::min(maxY, edge - 1.0)));
    for (int y = y0; y <= y1; ++y) {
        for (int x = x0; x <= x1; ++x) {
            const int pixel = y * size + x;
            for (int sy = 0; sy < n; ++sy) {
                for (int sx = 0; sx < n; ++sx) {
                    const Eigen::Vector3d q(x + (sx + 0.5) / n, y + (sy + 0.5) / n, 1.0);
                    const Eigen::Vector3d h = toGlyph * q;
                    if (!(h.z() != 0.0))
                        continue;
                    const double col = h.x() / h.z(), row = h.y() / h.z();
                    if (col < lo || col >= hi || row < lo || row >= hi)
                        continue;
                    fn(pixel, -1, constant);
                    // Bilinear taps, clamped to the texture's edge.
                    const double fc = std::floor(col), fr = std::floor(row);
                    const double ac = col - fc, ar = row - fr;
                    const int c0 = std::clamp(int(fc), 0, g - 1), c1 = std::clamp(int(fc) + 1, 0, g - 1);
                    const int r0 = std::clamp(int(fr), 0, g - 1), r1 = std::clamp(int(fr) + 1, 0, g - 1);
                    fn(pixel, r0 * g + c0, painted * (1 - ac) * (1 - ar));
                    fn(pixel, r0 * g + c1, painted * ac * (1 - ar));
                    fn(pixel, r1 * g + c0, painted * (1 - ac) * ar);
                    fn(pixel, r1 * g + c1, painted * ac * ar);
                }
            }
        }
    }
}

} // namespace latentset
