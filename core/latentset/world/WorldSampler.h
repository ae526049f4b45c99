#pragma once
// Items of a world shown at drawn parameter values (docs/worlds.md
// "Estimation", "Concept"): off the grid, each axis's value is drawn
// uniformly over its range (a circular axis: its whole period), so almost
// never at a context's own value; on the grid (worlds that cannot show an
// item between their contexts: a paired folder, the cube), each item is
// shown at a random context's own values. Parameter estimation
// (experiments/WorldEstimateExperiment) and the level-2 concept
// (experiments/WorldConceptExperiment) draw their inputs here.
// Thread rules: holds references to an immutable world and estimator; const.
#include "latentset/util/Types.h"
#include "latentset/world/ContextWorld.h"
#include "latentset/world/ParameterEstimator.h"

#include <cstdint>
#include <span>
#include <vector>

namespace latentset {

struct ShownItem {
    Index item = 0;
    std::vector<double> truth; // one value per axis
};

class WorldSampler {
public:
    // offGrid is ignored (false) when the world cannot render between its contexts.
    WorldSampler(const ContextWorld& world, const ParameterEstimator& estimator, bool offGrid);

    bool offGrid() const { return offGrid_; }
    // `count` items drawn uniformly with their values, from Random(seed).
    std::vector<ShownItem> draw(int count, std::uint64_t seed) const;
    // The context whose values are nearest the truth (squared errors in bin widths).
    int nearestContext(const std::vector<double>& truth) const;
    // Whole frames of the shown items (frameSize x shown.size()): at their
    // values off the grid, else in the context nearest them.
    Matrix frames(std::span<const ShownItem> shown) const;

private:
    const ContextWorld& world_;
    const ParameterEstimator& estimator_;
    bool offGrid_;
};

} // namespace latentset
