#pragma once
// Settings of one-shot recognition in a trained world (WorldOneShotExperiment;
// docs/worlds.md "One-shot"): glyphs A and B shown once in context `source`,
// and `pairs` random pairs of built-in non-digit shapes (glyph worlds) or of
// held-out items (a paired folder), each scored over all contexts. Glyphs
// are words a GlyphSource resolves (experiments/GlyphSource.h). JSON as the
// other settings.
#include "latentset/util/JsonValue.h"

#include <cstdint>
#include <string>
#include <vector>

namespace latentset {

struct WorldOneShotSettings {
    std::string model;       // a world model file (front ends load it)
    std::string glyphA = "V";
    std::string glyphB = "plus";
    int source = 0;
    int pairs = 20;
    std::uint64_t seed = 1;  // chooses the pairs
    // The glyph words the random pairs are drawn from (resolved by the
    // experiment's GlyphSource, e.g. a font's letters); empty = the built-in
    // non-digit shapes.
    std::vector<std::string> pairWords;

    void validate() const;   // throws latentset::Error
    JsonValue toJson() const;
    static WorldOneShotSettings fromJson(const JsonValue& json);
    bool operator==(const WorldOneShotSettings& other) const { return toJson() == other.toJson(); }
};

} // namespace latentset
