#pragma once
// `latentset-cli world train` over several ranks (docs/scale.md): the
// WorldTrainExperiment recipe with the members sharded (ShardedWorldTask),
// run by every rank of a Communicator.
//
// Per round every rank sends rank 0 a report (its loss share, bytes sent,
// memory) and waits for rank 0's word: go on, checkpoint, or stop. Rank 0
// alone decides (rounds, time budget, stop request), so all ranks stop
// after the same round; the reports are also the heartbeat: a rank that
// dies is noticed by the next receive that waits for it, within the
// communicator's timeout, and ends the job with a PeerLost naming it.
//
// Saving: rank 0 gathers the members (ShardedWorldTask::gather) and writes
// ONE WorldModel file (with optimiser state, withTrainingState) through
// ChunkFile::save, which writes a temporary file and renames it: a rank that
// dies mid-save leaves the previous file whole. Every `checkpointEvery`
// rounds (0: only at the end) the same file is rewritten. resumeFrom() a
// model continues exactly: same members, moments and round count, and every
// draw of a round depends only on (seed, round).
//
// Thread rules: run() is collective (every rank calls it) and blocks;
// observer callbacks come on rank 0's calling thread only.
#include "latentset/distributed/Communicator.h"
#include "latentset/distributed/ShardedTrainResult.h"
#include "latentset/experiments/ExperimentObserver.h"
#include "latentset/experiments/StopToken.h"
#include "latentset/experiments/WorldSource.h"
#include "latentset/experiments/WorldTrainSettings.h"
#include "latentset/world/WorldModel.h"

#include <memory>
#include <optional>
#include <string>

namespace latentset {

class ShardedWorldTask;
class ThreadPool;

class ShardedWorldTraining {
public:
    // `settings.steps`: rounds to train in this run (rounded up to whole
    // cycles as WorldTrainExperiment does); `savePath` (may be empty) is
    // where rank 0 writes the model.
    ShardedWorldTraining(WorldTrainSettings settings, WorldSource source, Communicator& comm, std::string savePath,
                         std::int64_t checkpointEvery = 0);
    // Continue `model` (members with optimiser state; throws Error
    // otherwise): its world and recipe replace the settings' own.
    void resumeFrom(const WorldModel& model);

    // Collective; rank 0's result holds the evaluated run, the others' only
    // rounds and traffic. Throws PeerLost when a rank stops answering.
    ShardedTrainResult run(ExperimentObserver* observer = nullptr, StopToken stop = {});
    // The trained world (rank 0, after run()).
    WorldModel model() const;
    const WorldTrainSettings& settings() const { return settings_; }

    // Rank 0's view while run() trains (rounds, and at the end everything).
    const ShardedTrainResult& partial() const { return result_; }

    static constexpr int kTagReport = 10, kTagControl = 11, kTagDone = 12;

private:
    struct Pacing;
    // Rank 0: collects the round's reports and sends every rank its word;
    // the others: report and wait for the word. Returns the word.
    int control(const ShardedWorldTask& task, double partialLoss, long long bytes, Pacing& pacing,
                ExperimentObserver* observer, const StopToken& stop);
    // Collective: gathers the members on rank 0, which writes savePath_
    // (no error figures yet: those come with the final save).
    void saveCheckpoint(ShardedWorldTask& task, double trainSeconds);
    void finish(ShardedWorldTask& task, ThreadPool& pool, ExperimentObserver* observer);

    WorldTrainSettings settings_;
    WorldSource source_;
    Communicator& comm_;
    std::string savePath_;
    std::int64_t checkpointEvery_;
    std::optional<WorldModel> resume_;
    double trainSecondsBefore_ = 0;
    ShardedTrainResult result_;
    std::shared_ptr<const AutoencoderSet> trained_; // rank 0: every member, with optimiser state
};

} // namespace latentset
