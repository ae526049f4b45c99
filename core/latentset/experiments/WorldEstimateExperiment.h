#pragma once
// Parameter estimation in a trained world (the paper's §6; docs/worlds.md
// "Estimation"): held-out items shown at parameter values between the
// contexts' values; the likelihood vector (world/WorldLikelihood) gives the
// posterior over contexts, the estimator (world/ParameterEstimator) the MAP,
// posterior-mean and interpolated estimates per axis; their errors against
// the true values are reported beside the bin width.
// `latentset-cli world estimate` is a front end of it.
//
// Stages: "estimated" (the result). run() blocks; stop is checked between
// batches of items.
#include "latentset/experiments/ExperimentObserver.h"
#include "latentset/experiments/StopToken.h"
#include "latentset/experiments/WorldEstimateResult.h"
#include "latentset/experiments/WorldEstimateSettings.h"
#include "latentset/world/ContextWorld.h"
#include "latentset/world/WorldModel.h"

#include <memory>

namespace latentset {

class WorldEstimateExperiment {
public:
    // `test`: the world's held-out view (its contexts must be the model's;
    // throws Error otherwise). The model must carry its noise variance.
    WorldEstimateExperiment(WorldEstimateSettings settings, std::shared_ptr<const WorldModel> model,
                            std::shared_ptr<const ContextWorld> test);

    WorldEstimateResult run(ExperimentObserver* observer = nullptr, StopToken stop = {});
    const WorldEstimateResult& partial() const { return result_; }

private:
    WorldEstimateSettings settings_;
    std::shared_ptr<const WorldModel> model_;
    std::shared_ptr<const ContextWorld> test_;
    WorldEstimateResult result_;
};

} // namespace latentset
