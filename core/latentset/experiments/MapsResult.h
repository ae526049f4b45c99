#pragma once
// What a MapsExperiment measured (a value; no Qt).
#include "latentset/concept/MapSweep.h"
#include "latentset/util/Types.h"

#include <string>
#include <vector>

namespace latentset {

struct MapsResult {
    MapSweepResult sweep;
    std::vector<Matrix> groups; // the examples of each digit (columns), for a front end's figure
    std::string split;          // "test" or "train"
    double seconds = 0;
};

} // namespace latentset
