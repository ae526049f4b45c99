#pragma once
// Turns a glyph word into a 28x28 glyph (row-major, [0, 1]) for the concept
// experiments. The core's source knows built-in shapes (data/BuiltinGlyphs:
// "V", "plus", "circle", ...) and digits "0".."9" (the `index`-th MNIST
// training image of that class, MnistData); a front end may wrap it to add
// more (the CLI reads image files with Qt). Throws latentset::Error.
#include "latentset/util/Types.h"

#include <functional>
#include <string>

namespace latentset {

using GlyphSource = std::function<Vector(const std::string& word)>;

class CoreGlyphs {
public:
    // Built-in names and digits; anything else throws naming the word.
    static Vector resolve(const std::string& word, int index = 0);
    // Just built-in names and digits? (no throw)
    static bool knows(const std::string& word);
};

} // namespace latentset
