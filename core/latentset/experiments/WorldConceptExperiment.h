#pragma once
// The level-2 concept in a trained world (world/WorldConcept; the paper's
// §11 on any world, docs/worlds.md "Concept"): training items shown at drawn
// parameter values give likelihood maps over the contexts; an autoencoder
// with one sigmoid unit per degree of freedom learns them without ever being
// told the values; held-out items (test split) measure how well the units
// alone locate each parameter, against the whole likelihood vector and
// against guessing. `latentset-cli world concept` is a front end of it.
//
// Stages: "mapping", "mapped" (mapSeconds), epochFinished("concept", s) after
// every level-2 epoch (s.metrics {"restart", r}), "trained". run() blocks;
// stop ends the mapping or the level-2 training early.
#include "latentset/experiments/ExperimentObserver.h"
#include "latentset/experiments/StopToken.h"
#include "latentset/experiments/WorldConceptResult.h"
#include "latentset/experiments/WorldConceptSettings.h"
#include "latentset/experiments/WorldSource.h"
#include "latentset/world/WorldModel.h"

#include <memory>

namespace latentset {

class WorldConceptExperiment {
public:
    // Throws Error if the model does not fit the source's worlds, carries no
    // noise variance, or the world is the cube (its concept is ConceptExperiment).
    WorldConceptExperiment(WorldConceptSettings settings, std::shared_ptr<const WorldModel> model, WorldSource source);

    WorldConceptResult run(ExperimentObserver* observer = nullptr, StopToken stop = {});
    const WorldConceptResult& partial() const { return result_; }

private:
    WorldConceptSettings settings_;
    std::shared_ptr<const WorldModel> model_;
    WorldSource source_;
    WorldConceptResult result_;
};

} // namespace latentset
