#pragma once
// What a WorldConceptExperiment measured (a value; no Qt): how well the
// level-2 units locate each parameter of held-out inputs, beside what the
// whole likelihood vector locates and what guessing gives.
#include "latentset/world/WorldConcept.h"

#include <memory>
#include <string>
#include <vector>

namespace latentset {

struct ConceptAxisErrors {
    std::string name;
    bool circular = false;
    double binWidth = 0;
    // Mean absolute errors on the held-out inputs of the value read from the
    // units (WorldConcept::parametersAt with the training inputs as the
    // calibration), of the estimator on the full likelihood vector
    // (world/ParameterEstimator, interpolated), and of guessing (another
    // held-out input's value).
    double maeUnits = 0, maeLikelihood = 0, maeChance = 0;
    // Fractions of the held-out inputs read within half a bin of the truth
    // (for a categorical axis, a font or a folder's items: identified).
    double withinHalfBinUnits = 0, withinHalfBinLikelihood = 0;
};

struct WorldConceptResult {
    int units = 0;
    int samples = 0, heldOut = 0;
    bool offGrid = false;
    std::vector<ConceptAxisErrors> axes;
    double finalLoss = 0;        // the kept level-2 network's training loss (binary cross-entropy)
    double heldOutLoss = 0;      // its reconstruction loss on the held-out maps
    // Per held-out input (columns): its item, true values (axes x n), the
    // values read from its units (axes x n) and its code (units x n).
    std::vector<Index> heldOutItems;
    Matrix heldOutTruth, heldOutRead, heldOutCodes;
    double mapSeconds = 0, trainSeconds = 0;
    bool stopped = false;
    std::shared_ptr<const WorldConcept> worldConcept; // the trained, calibrated concept
};

} // namespace latentset
