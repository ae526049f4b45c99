#pragma once
// Trains the MLP baseline of a class set (784-2048-10 on MNIST: inputs x
// hidden x classes) on a labelled training split: what the app's attack
// view offers when a class set has no MLP ("Train MLP baseline"). The same
// recipe as ClassSetExperiment's MLP phase (nn/MlpTask on the paper's Adam
// optimiser, batch 128, its weight and batch-order seeds), run by a
// Trainer, so an MLP trained here equals the one `latentset-cli mnist`
// trains for the same seed and epochs.
//
// Progress: ExperimentObserver::progress("mlp", p) and epochFinished("mlp").
// Stop: the Trainer is cancelled between mini-batches; the result then has
// stopped = true and no MLP. run() blocks; threads as TrainerSettings.
#include "latentset/data/Dataset.h"
#include "latentset/experiments/ExperimentObserver.h"
#include "latentset/experiments/StopToken.h"
#include "latentset/nn/OptimizerSettings.h"

#include <cstdint>
#include <limits>
#include <memory>
#include <vector>

namespace latentset {

class Mlp;

struct MlpBaselineSettings {
    Index hidden = 2048;
    std::int64_t epochs = 3;
    Index batchSize = 128;
    std::uint64_t seed = 1; // ClassSetExperimentSettings' seed rule: weights seed + 1000
    unsigned threads = 0;
    int niceness = 0;       // TrainerSettings::niceness (an interactive front end asks for > 0)
};

struct MlpBaselineResult {
    std::shared_ptr<const Mlp> mlp; // values only (inference copy); null when stopped
    double testAccuracy = std::numeric_limits<double>::quiet_NaN(); // on `test` if given
    std::vector<double> epochLosses;
    double seconds = 0;
    bool stopped = false;
};

class MlpBaselineTraining {
public:
    // classes: the MLP's outputs (the class set's member count); every label
    // of `train` must be below it. Throws Error otherwise or on an empty split.
    static MlpBaselineResult run(const Dataset& train, const Dataset* test, int classes,
                                 const MlpBaselineSettings& settings, ExperimentObserver* observer = nullptr,
                                 StopToken stop = {});
};

} // namespace latentset
