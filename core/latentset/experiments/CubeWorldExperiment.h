#pragma once
// The paper's shared latent space in the cube world (fig. 6): one member per
// cube context cross-trained on MNIST digits painted on the cube
// (cube/SharedLatentTask with nn/Trainer), then context transfer
// decode_j(encode_i(x_i)) vs x_j measured on held-out test digits.
// `latentset-cli cube train` is a front end of it.
//
// Stages, with what partial() holds: "model" (contexts, member description,
// threads, set-up time, memory), "trained" (rounds, timing, members),
// "evaluated" (transfer errors, peak memory). Phase of progress(): "cube";
// partial().rounds is current during progress().
//
// Threads: run() blocks and trains on the calling thread (Trainer::run).
// Training ends after settings.steps rounds, after settings.minutes, or at a
// stop request (result.stopped), whichever comes first; the transfer is
// measured in every case.
#include "latentset/cube/CubeDataset.h"
#include "latentset/experiments/CubeWorldResult.h"
#include "latentset/experiments/CubeWorldSettings.h"
#include "latentset/experiments/ExperimentObserver.h"
#include "latentset/experiments/StopToken.h"

#include <memory>

namespace latentset {

class CubeModel;

class CubeWorldExperiment {
public:
    // Paints MNIST (MnistData) on the cube when run.
    explicit CubeWorldExperiment(CubeWorldSettings settings);
    // Uses these glyphs instead (a test's or a front end's): `train` for
    // training, `test` for the transfer metric; both need the settings' contexts.
    CubeWorldExperiment(CubeWorldSettings settings, std::shared_ptr<const CubeDataset> train,
                        std::shared_ptr<const CubeDataset> test);

    CubeWorldResult run(ExperimentObserver* observer = nullptr, StopToken stop = {});
    const CubeWorldResult& partial() const { return result_; }
    const CubeWorldSettings& settings() const { return settings_; }
    // The trained world as a model file holds it (after run()).
    CubeModel model() const;

private:
    CubeWorldSettings settings_;
    std::shared_ptr<const CubeDataset> train_, test_;
    CubeWorldResult result_;
};

} // namespace latentset
