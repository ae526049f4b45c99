#pragma once
// Context-likelihood maps in a trained cube world (the paper's fig. 12):
// Pearson correlation between the maps of two digits at the same angle, and
// of one digit at theta vs theta + offset (concept/MapSweep), for one angle
// and digit pair or averaged over a grid of angles and digit pairs.
// `latentset-cli maps` is a front end of it. run() blocks (the shared pool).
#include "latentset/concept/MapSweep.h"
#include "latentset/cube/CubeModel.h"
#include "latentset/experiments/ExperimentObserver.h"
#include "latentset/experiments/MapsResult.h"
#include "latentset/experiments/MapsSettings.h"
#include "latentset/experiments/StopToken.h"

#include <memory>
#include <string>
#include <vector>

namespace latentset {


class MapsExperiment {
public:
    // `world` must stay alive as long as the experiment.
    MapsExperiment(MapsSettings settings, std::shared_ptr<const CubeModel> world);

    // Throws latentset::Error (no image of a digit, bad settings).
    MapsResult run(ExperimentObserver* observer = nullptr, StopToken stop = {});
    const MapsSettings& settings() const { return settings_; }

private:
    MapsSettings settings_;
    std::shared_ptr<const CubeModel> world_;
};

} // namespace latentset
