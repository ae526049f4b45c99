#pragma once
// What a WorldOneShotExperiment measured (a value; no Qt). Scores are
// percentages of the world's contexts where both glyphs fell on their side.
#include "latentset/world/WorldOneShot.h"

#include <string>
#include <vector>

namespace latentset {

struct WorldOneShotPair {
    std::string a, b;
    WorldOneShotScore score;
};

struct WorldOneShotResult {
    WorldOneShotPair shown;               // glyphA / glyphB (glyph worlds), the first two held-out items (folders)
    std::vector<WorldOneShotPair> pairs;  // the random pairs
    double meanScore = 0, minScore = 0;   // over the random pairs, percent
    std::string weakestA, weakestB;       // the pair with minScore
    bool stopped = false;
};

} // namespace latentset
