#pragma once
// A GlyphSource turns a glyph word into a 28x28 glyph (row-major, [0, 1]) for the concept
// experiments. The core's source knows built-in shapes (data/BuiltinGlyphs:
// "V", "plus", "circle", ...) and digits "0".."9" (the `index`-th MNIST
// training image of that class, MnistData); a front end may wrap it to add
// more (the CLI reads image files with Qt). Throws latentset::Error.
#include "latentset/experiments/CoreGlyphs.h"
#include "latentset/util/Types.h"

#include <functional>
#include <string>

namespace latentset {

using GlyphSource = std::function<Vector(const std::string& word)>;

} // namespace latentset
