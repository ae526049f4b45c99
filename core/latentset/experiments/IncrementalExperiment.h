#pragma once
// Class-incremental split MNIST (van de Ven, Tuytelaars & Tolias 2022) for
// the class set and the MLP baseline, and the repair of one member
// (docs/less-is-more.md). Per seed:
//   1. the set: for each task, its classes' members are added (initial
//      weights of AutoencoderSet(model, classes, seed)) and trained on their
//      own class's images only (MemberTraining); earlier members are never
//      read for training or written; their hashes are checked after every task.
//      Decision: the smallest squared reconstruction error among the members
//      present (SetClassifier's raw rule). It needs nothing fitted on more
//      than one class, so no later task's data and no earlier task's data
//      enter the decision (the calibrated rule's constants are fitted on
//      every class at once and would break the protocol).
//   2. the MLP fine-tuned task by task (all 10 outputs from the start, Adam
//      state carried over), and the MLP with experience replay: after each
//      task, replayPerClass random training images of each of its classes
//      are stored; every later step adds a batch of them (ReplayMlpTask).
//   3. the set trained jointly (every member at once, the same steps): the
//      reference.
//   4. optionally, repair: one member (settings.repairMember, or the class
//      with the lowest test accuracy) trained alone for repairSteps more
//      steps; per-class accuracy before/after; every other member's hash.
//
// Stages (ExperimentObserver::stageReached), partial().runs.back() filled so far:
//   "data", then per seed: "seed", "set task" (after each task),
//   "finetune task", "replay task", "joint", "repair", "seed done".
// Phases of progress()/epochFinished(): "set", "finetune", "replay",
// "joint", "repair" (one epoch = one task's steps).
//
// Threads: run() blocks; `threads` pool workers. Stop: the token cancels
// the running phase; the result then has stopped = true.
#include "latentset/data/DatasetSplits.h"
#include "latentset/experiments/ExperimentObserver.h"
#include "latentset/experiments/IncrementalResult.h"
#include "latentset/experiments/IncrementalSettings.h"
#include "latentset/experiments/StopToken.h"
#include "latentset/nn/Autoencoder.h"

#include <optional>

namespace latentset {

class ThreadPool;

class IncrementalExperiment {
public:
    explicit IncrementalExperiment(IncrementalSettings settings);
    IncrementalExperiment(IncrementalSettings settings, DatasetSplits data);

    // Throws latentset::Error for bad settings or data.
    IncrementalResult run(ExperimentObserver* observer = nullptr, StopToken stop = {});
    const IncrementalResult& partial() const { return result_; }
    const IncrementalSettings& settings() const { return settings_; }
    // The last seed's incremental set (training state included), valid after run().
    const std::vector<Autoencoder>& members() const { return members_; }

private:
    void loadData();
    bool runSeed(IncrementalRun& run, ThreadPool& pool, const StopToken& stop);
    bool trainSet(IncrementalRun& run, ThreadPool& pool, const StopToken& stop);
    bool trainMlp(IncrementalRun& run, bool replay, const StopToken& stop);
    bool trainJoint(IncrementalRun& run, ThreadPool& pool, const StopToken& stop);
    bool repair(IncrementalRun& run, ThreadPool& pool, const StopToken& stop);
    void reach(const char* stage);

    IncrementalSettings settings_;
    std::optional<DatasetSplits> given_;
    DatasetSplits splits_;
    AutoencoderConfig config_;
    std::vector<std::vector<int>> tasks_;
    std::vector<Autoencoder> members_; // member k = class k
    std::vector<bool> present_;        // class c has a member
    Matrix testErrors_;                // members x test images (rows of members present)
    ExperimentObserver* observer_ = nullptr;
    IncrementalResult result_;
};

} // namespace latentset
