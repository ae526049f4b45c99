#pragma once
// Removes the slant of handwritten glyphs (the classic MNIST "deskewing"):
// each image's second-order moments give its skew alpha = mu11 / mu02 (how
// far x moves per row about the centroid), and the image is sheared back by
// it, x' = x + alpha * (y - cy), bilinear, about its centroid row. A slanted
// "1" becomes upright; the rotation world (docs/worlds.md) uses it so that an
// estimated angle measures the turn applied, not the writer's slant as well.
// Pure function of the pixels; safe from any thread.
#include "latentset/data/Dataset.h"

namespace latentset {

struct GlyphDeskew {
    // Every image of `glyphs` deskewed (labels, names kept; name + " deskewed").
    static Dataset apply(const Dataset& glyphs);
    // One image (width x height bytes, row-major) into `out` (same size).
    static void image(const std::uint8_t* in, std::uint8_t* out, int width, int height);
};

} // namespace latentset
