#pragma once
// The shared latent space on any context world (docs/worlds.md): one member
// per context cross-trained (world/WorldTask with nn/Trainer), then the
// transfer decode_j(encode_i(x_i)) vs x_j measured on held-out items and the
// members' noise variance on training items (for the likelihood vector).
// `latentset-cli world train` is a front end of it.
//
// Stages, with what partial() holds: "model" (world, member description,
// threads, set-up time), "trained" (rounds, timing, members), "evaluated"
// (transfer, noise variance, peak memory). Phase of progress(): "world".
// Threads: run() blocks and trains on the calling thread (Trainer::run);
// training ends after settings.steps rounds, settings.minutes, or a stop
// request (result.stopped), whichever comes first.
#include "latentset/experiments/ExperimentObserver.h"
#include "latentset/experiments/StopToken.h"
#include "latentset/experiments/WorldSource.h"
#include "latentset/experiments/WorldTrainResult.h"
#include "latentset/experiments/WorldTrainSettings.h"
#include "latentset/world/WorldModel.h"

namespace latentset {

class ThreadPool;

class WorldTrainExperiment {
public:
    // With an empty source, a glyph world paints MNIST (WorldSource::mnist)
    // when run; a folder world needs its source (a front end decodes it).
    explicit WorldTrainExperiment(WorldTrainSettings settings, WorldSource source = {});

    WorldTrainResult run(ExperimentObserver* observer = nullptr, StopToken stop = {});
    const WorldTrainResult& partial() const { return result_; }
    const WorldTrainSettings& settings() const { return settings_; }
    // The trained world as a model file holds it (after run()).
    WorldModel model() const;

    // `count` item indices spread evenly over `world`'s items (at least 1).
    static std::vector<Index> spread(const ContextWorld& world, int count);
    // The "evaluated" stage on trained `result.members` (transfer on
    // `evalItems` held-out items, noise variance, peak memory): run() and
    // the sharded training (distributed/ShardedWorldTraining) both use it.
    static void evaluate(WorldTrainResult& result, const WorldSource& source, int evalItems, ThreadPool& pool);
    // The model file of a run's settings and result (members: result.members).
    static WorldModel modelOf(const WorldTrainSettings& settings, const WorldTrainResult& result);

private:

    WorldTrainSettings settings_;
    WorldSource source_;
    WorldTrainResult result_;
};

} // namespace latentset
