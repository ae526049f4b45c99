#pragma once
// What a ConceptExperiment measured (a value; no Qt).
#include "latentset/concept/ConceptModel.h"

#include <memory>

namespace latentset {

struct ConceptResult {
    int cubes = 0, heldOut = 0;
    double mapSeconds = 0;
    double trainSeconds = 0;
    float finalLoss = 0;
    double spearman = 0, spearmanTrain = 0;
    double unitMin = 0, unitMax = 0; // on the held-out cubes
    std::shared_ptr<const ConceptModel> model; // calibrated, with its map options
    bool stopped = false;
};

} // namespace latentset
