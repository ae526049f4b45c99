#pragma once
#include "latentset/experiments/WorldSource.h"
#include "latentset/experiments/WorldTrainSettings.h"
#include "latentset/nn/Trainer.h"
#include "latentset/world/WorldTask.h"

#include <memory>

namespace latentset {
class WorldModel;
}

// Builds the world panel's task (docs/ui.md "World training"): the same core
// calls as `latentset-cli world train` — a WorldTask over the world's
// training items, run by a Trainer until paused. Two starts: fresh members
// from the settings, or an opened world model's members (values only, fresh
// optimiser state) so Play trains on the world the views show. Blocks: run
// it on a worker (painting MNIST in 36 contexts takes a second or two),
// except sourceFor() of a fonts world (GUI thread: Qt's fonts).
// Throws latentset::Error (the panel's banner) when a start does not fit.
struct WorldTaskBuilder {
    latentset::WorldSpec spec;
    latentset::WorldSource source;
    std::shared_ptr<latentset::WorldTask> task;
    latentset::TrainerSettings trainer; // runs until paused

    // `source` empty: built from settings.world (WorldSources::forSpec).
    static WorldTaskBuilder fresh(const latentset::WorldTrainSettings& settings, latentset::WorldSource source);
    static WorldTaskBuilder continueModel(const latentset::WorldModel& model, latentset::SharedLatentSettings settings,
                                          latentset::WorldSource source);
    // Whether building this spec's source must happen on the GUI thread (fonts).
    static bool needsGuiThread(const latentset::WorldSpec& spec) { return spec.isFonts(); }
    // A fonts spec without families gets the first `fontCount` installed ones
    // that draw every character (GUI thread). Other specs come back as they are.
    static latentset::WorldSpec resolved(latentset::WorldSpec spec, int fontCount);
};
