#pragma once
// The scale x position world's contexts (docs/worlds.md "scale-position", the
// paper's licence-plate case): the glyph scaled by s about its centre and
// placed with its centre at (x, y) in a larger frame. Contexts form a grid
// scales x positions x positions, index = (scale * positions + row) *
// positions + column; axes "scale", "x", "y" (none circular).
//   * scales: `scales` values evenly from minScale to maxScale (1 = the
//     glyph's own size);
//   * positions: centres evenly from g/2 to frame - g/2 (g = glyph size), so
//     a glyph at scale 1 never leaves the frame.
// Default: 3 scales (0.6, 0.8, 1.0) x 4 x 4 positions in a 64 x 64 frame
// (centres 14, 26, 38, 50): 48 contexts. Mask: the whole frame, so every
// member explains the same pixels and their likelihoods compare directly.
// Sampling: 3 x 3 points per pixel (a scale below 1 shrinks the glyph, and
// one sample per pixel would alias its strokes).
#include "latentset/world/WarpFamily.h"

#include <memory>

namespace latentset {

struct ScalePositionSettings {
    int scales = 3;
    int positions = 4;
    int frame = 64;
    double minScale = 0.6, maxScale = 1.0;
    int glyphSize = 28;
    int subsamples = 3;

    void validate() const; // throws Error
};

struct ScalePositionFamily {
    static std::shared_ptr<const WarpFamily> make(const ScalePositionSettings& settings = {});
    // The warp of one (scale, x, y), centre in frame pixels.
    static LinearWarp warp(double scale, double x, double y, const ScalePositionSettings& settings);
};

} // namespace latentset
