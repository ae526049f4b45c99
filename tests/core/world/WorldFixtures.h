#pragma once
// Small worlds for the world tests: built-in glyphs (made in code, no
// download) and their mirror images as a glyph dataset.
#include "latentset/data/BuiltinGlyphs.h"
#include "latentset/data/Dataset.h"

#include <cstdint>
#include <string>
#include <vector>

namespace worldtest {

inline latentset::Dataset builtinGlyphs()
{
    using namespace latentset;
    std::vector<std::uint8_t> pixels;
    std::vector<int> labels;
    for (const std::string& name : BuiltinGlyphs::names()) {
        const Vector g = BuiltinGlyphs::render(name);
        for (int mirror = 0; mirror < 2; ++mirror) {
            for (int r = 0; r < 28; ++r)
                for (int c = 0; c < 28; ++c)
                    pixels.push_back(std::uint8_t(255.0f * g(r * 28 + (mirror ? 27 - c : c)) + 0.5f));
            labels.push_back(int(labels.size()));
        }
    }
    return Dataset(28, 28, pixels, labels, {}, "built-in glyphs");
}

inline std::vector<latentset::Index> allItems(latentset::Index n)
{
    std::vector<latentset::Index> all;
    for (latentset::Index i = 0; i < n; ++i)
        all.push_back(i);
    return all;
}

} // namespace worldtest
