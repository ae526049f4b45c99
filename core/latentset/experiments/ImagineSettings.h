#pragma once
// Settings of the back projection (ImagineExperiment, the paper's fig.
// 14-16): the level-2 unit u slid over its range, the imagined cube decoded
// for one glyph's code. Defaults are what `latentset-cli concept imagine`
// has always used (glyph "3", code from context 10, 10 steps). JSON as
// ClassSetExperimentSettings.
#include "latentset/util/JsonValue.h"

#include <string>

namespace latentset {

struct ImagineSettings {
    std::string model;       // file with level 1 and level 2 (concept train --save; front ends load it)
    std::string glyph = "3"; // a glyph word (GlyphSource)
    int source = 10;         // context whose member encodes the glyph
    int steps = 10;          // frames from the lowest to the highest u (>= 2)

    void validate() const;   // throws latentset::Error
    JsonValue toJson() const;
    static ImagineSettings fromJson(const JsonValue& json);
    bool operator==(const ImagineSettings& other) const { return toJson() == other.toJson(); }
};

} // namespace latentset
