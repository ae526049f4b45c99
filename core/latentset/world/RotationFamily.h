#pragma once
// The rotation world's contexts (docs/worlds.md "rotation"): the glyph turned
// in the image plane about the frame's centre, counter-clockwise as seen on
// the screen, N contexts at angles c * turn / N, c = 0 .. N-1 (36 over 360
// degrees by default: 10-degree bins). The frame is the glyph's own size
// (28 x 28 for MNIST: a digit's 20 x 20 box turned stays inside), the mask
// the whole frame. A full turn (360) is a circular axis; a smaller turn is
// not (its contexts do not wrap).
//
// The map: frame point p -> glyph point q = centre + R(-angle) (p - centre),
// sampled with `subsamples`^2 points per pixel and bilinear interpolation
// (world/LinearWarp.h); at angle 0 and one subsample the warp is the identity,
// at 90 degrees an exact permutation of the pixels.
#include "latentset/world/WarpFamily.h"

#include <memory>

namespace latentset {

struct RotationFamily {
    // Throws Error for contexts < 2, turn outside (0, 360] or a bad glyph size.
    static std::shared_ptr<const WarpFamily> make(int contexts, double turnDeg = 360.0, int glyphSize = 28,
                                                  int subsamples = 1);
    // The warp of one angle (degrees).
    static LinearWarp warp(double angleDeg, int glyphSize, int subsamples);
};

} // namespace latentset
