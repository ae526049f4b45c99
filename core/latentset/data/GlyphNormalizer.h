#pragma once
#include "latentset/util/Types.h"

namespace latentset {

// MNIST-style normalisation of any grayscale glyph image, so that a glyph
// drawn with the mouse, loaded from a PNG or rasterised by BuiltinGlyphs is
// fed to the members in the same form as the digits they were trained on.
//
// MNIST's recipe (LeCun et al.): the ink's bounding box is scaled, keeping its
// aspect ratio, to fit a 20 x 20 box (anti-aliased), then placed in a 28 x 28
// field so that the ink's centre of mass sits at the field's centre.
//
// Coordinates: pixel (x, y) covers [x, x+1) x [y, y+1); the centre of the
// 28 x 28 field is the point (14, 14), i.e. between pixel indices 13 and 14.
// The centre of mass of the result is there to within a small fraction of a
// pixel (the shift is sub-pixel: the whole map is one affine resampling, not
// an integer roll as in the original MNIST).
//
// Images are row-major (index y * width + x), values in [0, 1], ink = 1.
// Dark-on-light input (a scanned or painted PNG) is detected by its border
// being brighter than 0.5 on average and inverted first (option).
class GlyphNormalizer {
public:
    struct Options {
        int fieldSize = 28;      // output is fieldSize x fieldSize
        int boxSize = 20;        // the ink's longer side is scaled to this
        float inkThreshold = 0.1f; // fraction of the maximum that counts as ink for the bounding box
        bool autoInvert = true;  // invert dark-on-light images
    };

    GlyphNormalizer() = default;
    explicit GlyphNormalizer(const Options& options) : options_(options) {}

    // image: width*height values, row-major. Returns fieldSize^2 values,
    // row-major, in [0, 1]. Throws Error if the sizes disagree or if the
    // image holds no ink (an empty pad, a uniform picture).
    Vector normalize(const Vector& image, int width, int height) const;

    // Centre of mass (x, y) of a row-major image in the continuous pixel
    // coordinates above; (-1, -1) for an all-zero image. Exposed for tests and
    // for the ui pad's feedback.
    static Eigen::Vector2f centreOfMass(const Vector& image, int width, int height);

    const Options& options() const { return options_; }

private:
    Options options_;
};

} // namespace latentset
