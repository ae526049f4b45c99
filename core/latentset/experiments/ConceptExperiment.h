#pragma once
// The level-2 "cube" concept (the paper's §11, fig. 13): renders cubes at
// random angles with one digit on every face, maps them through the trained
// cube world (concept/ContextLikelihoodMap), trains concept/ConceptModel on
// the maps and measures Spearman's rho between its unit and the angle on
// held-out cubes (test-split digits, new angles). `latentset-cli concept
// train` is a front end of it.
//
// Stages: "rendering" (cubes, heldOut counts set), "rendered" (mapSeconds),
// then epochFinished("concept", s) after every level-2 epoch (s.epoch is the
// epoch within the start; s.metrics holds {"restart", r}; s.meanLosses the
// loss), and "trained". run() blocks; stop ends the level-2 training early.
#include "latentset/concept/ConceptModel.h"
#include "latentset/cube/CubeModel.h"
#include "latentset/experiments/ConceptSettings.h"
#include "latentset/experiments/ExperimentObserver.h"
#include "latentset/experiments/ConceptResult.h"
#include "latentset/experiments/StopToken.h"

#include <memory>
#include <optional>

namespace latentset {


class ConceptExperiment {
public:
    // `world` (level 1) must stay alive as long as the experiment.
    ConceptExperiment(ConceptExperimentSettings settings, std::shared_ptr<const CubeModel> world);

    // Throws latentset::Error (no images of the digit, bad settings).
    ConceptResult run(ExperimentObserver* observer = nullptr, StopToken stop = {});
    const ConceptResult& partial() const { return result_; }
    const ConceptExperimentSettings& settings() const { return settings_; }

private:
    ConceptExperimentSettings settings_;
    std::shared_ptr<const CubeModel> world_;
    ConceptResult result_;
};

} // namespace latentset
