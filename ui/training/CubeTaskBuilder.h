#pragma once
#include <QString>

#include "latentset/cube/SharedLatentTask.h"
#include "latentset/nn/Trainer.h"

#include <memory>

namespace latentset {
class CubeContexts;
class CubeModel;
struct SharedLatentState;
} // namespace latentset

// Builds the cube panel's task on a worker (painting MNIST on the cube
// takes seconds): the same core calls as `latentset-cli cube train`.
// Three starts: fresh members from the settings; a saved training
// (SharedLatentState: members with moments, rounds; bit-for-bit resume);
// an opened cube world without a training state (CubeModel: its members
// and rounds, fresh optimiser state, so Play continues the world the views
// show). Glyphs: `data` when it has the contexts needed (an injected set, or
// MNIST already painted), else MNIST's training digits on those contexts.
// Throws latentset::Error (the panel's banner) when a start does not fit.
struct CubeTaskBuilder {
    std::shared_ptr<const latentset::CubeDataset> data;
    std::shared_ptr<latentset::SharedLatentTask> task;
    latentset::TrainerSettings trainer; // runs until paused; a resumed run's epoch goes on
    QString mismatch; // a resumed state on other glyphs than it was trained on (the banner)

    static CubeTaskBuilder fresh(const latentset::SharedLatentSettings& settings, int contexts,
                                 std::shared_ptr<const latentset::CubeDataset> data);
    // Moves the members out of `state`; everything that could refuse it is
    // checked first, so a failure leaves it intact.
    static CubeTaskBuilder resume(latentset::SharedLatentState& state, std::shared_ptr<const latentset::CubeDataset> data,
                                  std::shared_ptr<const latentset::CubeContexts> known);
    // `settings`: the training settings to go on with (the world's members
    // decide hidden and latent size).
    static CubeTaskBuilder continueWorld(const latentset::CubeModel& world, latentset::SharedLatentSettings settings,
                                         std::shared_ptr<const latentset::CubeDataset> data);
};
