#pragma once
// The fig. 12 claim measured over many angles and glyph pairs instead of one
// picture: "cubes at the same angle with different glyphs give near-identical
// context-likelihood maps, cubes 45 degrees apart do not".
//
// Input: glyph groups (e.g. one group per MNIST digit, each a glyphPixels x K
// matrix of example images) and a list of angles. For every angle theta,
// every pair of groups (a, b), a < b, and every example index k below both
// groups' counts, the cubes "group a's k-th glyph on every face" and "group
// b's k-th glyph on every face" are rendered at theta, and group b's also at
// theta' = (theta + offset) mod 90 (the cube's period: the turned cube stays
// in the range the contexts cover). Two Pearson correlations per triple:
//   same   = r(map(a, k, theta), map(b, k, theta))
//   turned = r(map(a, k, theta), map(b, k, theta'))
// Maps are computed once per (angle, group, example) and shared.
//
// Thread rules: const inputs; blocks the caller; `pool` parallelises the
// members as in ContextLikelihoodMap.
#include "latentset/util/Types.h"

#include <vector>

namespace latentset {

class ContextLikelihoodMap;
class CubeRenderer;
class ThreadPool;

struct MapSweepPair {
    double theta = 0;  // degrees
    int groupA = 0, groupB = 0, example = 0;
    double same = 0;   // Pearson r at the same angle
    double turned = 0; // Pearson r, b turned by the offset
};

struct MapSweepResult {
    double offsetDeg = 45;
    std::vector<MapSweepPair> pairs;

    double meanSame() const;
    double meanTurned() const;
    // Mean of `same` over the pairs at this angle (NaN if there are none).
    double meanSameAt(double theta) const;
    double meanTurnedAt(double theta) const;
    // Quantile q in [0, 1] of the same / turned values (nearest rank).
    double sameQuantile(double q) const;
    double turnedQuantile(double q) const;
    // Distinct angles in the order they were swept.
    std::vector<double> thetas() const;
};

class MapSweep {
public:
    // groups: at least two, each glyphPixels x K (K >= 1); thetas: at least
    // one angle. Throws Error for empty input or mismatched glyph sizes.
    static MapSweepResult run(const ContextLikelihoodMap& map, const CubeRenderer& renderer,
                              const std::vector<Matrix>& groups, const std::vector<double>& thetasDeg,
                              double offsetDeg = 45.0, ThreadPool* pool = nullptr);

    // Angles 0, step, 2 step, ... below 90.
    static std::vector<double> grid(double stepDeg);
};

} // namespace latentset
