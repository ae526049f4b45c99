#pragma once
// Settings of the one-shot experiment (OneShotExperiment, the paper's §10):
// glyphs A and B shown once in the source context; the hyperplane halfway
// between their codes must separate them in every other context. Defaults
// are the paper's pair (the "V" check mark and "+", context 10). Glyphs are
// words a GlyphSource resolves (built-in names, digits "0".."9", or what a
// front end adds, e.g. image files). JSON as ClassSetExperimentSettings.
#include "latentset/util/JsonValue.h"

#include <cstdint>
#include <string>

namespace latentset {

struct OneShotSettings {
    std::string model;       // trained cube-world model file (front ends load it)
    std::string glyphA = "V";
    std::string glyphB = "plus";
    int source = 10;         // context in which A and B are shown
    int pairs = 0;           // also test N random pairs of built-in non-digit shapes
    std::uint64_t seed = 1;  // chooses the pairs

    void validate() const;   // throws latentset::Error
    JsonValue toJson() const;
    static OneShotSettings fromJson(const JsonValue& json);
    bool operator==(const OneShotSettings& other) const { return toJson() == other.toJson(); }
};

} // namespace latentset
