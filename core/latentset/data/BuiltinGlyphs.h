#pragma once
#include "latentset/util/Types.h"

#include <string>
#include <vector>

namespace latentset {

// Built-in 28 x 28 glyphs that are not digits, for the one-shot experiment
// (the paper's "V" check mark and "+", paper §10) and for a distribution over
// many pairs of new shapes instead of the paper's single pair.
//
// Each glyph is a list of pen strokes (line segments and circular arcs) in a
// unit box; it is rasterised at 4x resolution with an anti-aliased pen
// (intensity from the distance to the nearest stroke), then normalised like
// MNIST by GlyphNormalizer (20 x 20 box, centre of mass at the centre). The
// pen width is chosen so strokes come out about 2.5 px wide, as in MNIST.
//
// Output: a 784-vector, row-major 28 x 28, values in [0, 1], ink = 1 — the
// same layout as one column of an MNIST Dataset.
class BuiltinGlyphs {
public:
    // Every glyph name, in a fixed order: "V" and "plus" first, then shapes
    // (circle, triangle, square, ...) and letters (A, E, F, H, ...).
    static const std::vector<std::string>& names();
    // The names used for the one-shot pairs test: all but "V" and "plus".
    static std::vector<std::string> shapeNames();
    // Case-sensitive for letters; "+" is accepted for "plus" and "check" for "V".
    static bool has(const std::string& name);
    // Throws Error naming the glyph and listing the known ones if unknown.
    static Vector render(const std::string& name);
};

} // namespace latentset
