#pragma once
// The core's glyph words (experiments/GlyphSource.h): built-in shapes
// (data/BuiltinGlyphs: "V", "plus", "circle", ...) and digits "0".."9" (the
// `index`-th MNIST training image of that class).
#include "latentset/util/Types.h"

#include <string>

namespace latentset {

class CoreGlyphs {
public:
    // Built-in names and digits; anything else throws naming the word.
    static Vector resolve(const std::string& word, int index = 0);
    // Just built-in names and digits? (no throw)
    static bool knows(const std::string& word);
};

} // namespace latentset
