#pragma once
// What a OneShotExperiment measured (a value; no Qt).
#include "latentset/concept/OneShotTest.h"

#include <string>
#include <vector>

namespace latentset {

struct OneShotExperimentResult {
    OneShotResult shown;     // glyphs A and B
    int farContext = 0;      // the context the paper's example distance uses (99, or the last)
    struct Pair {
        std::string a, b;
        OneShotResult result;
    };
    std::vector<Pair> pairs;
    double pairsMean = 0;
    int pairsMedian = 0, pairsMin = 0, pairsMax = 0, pairsPerfect = 0;
    bool stopped = false;
};

} // namespace latentset
