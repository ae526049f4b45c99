#pragma once
// A TrainingTask run for an exact number of mini-batch steps: the inner
// task's steps, presented to the Trainer as one epoch of `steps` batches
// (Trainer epochs = 1). The continual-learning protocols count iterations,
// not epochs (docs/less-is-more.md: 2,000 per task), and the inner tasks'
// epochs are passes over their data; this is the adapter between the two.
// The inner task's learning-rate schedule sees progress in [0, 1) of this
// one epoch (the recipes here use a constant rate).
//
// Thread rules as TrainingTask's: every call on the Trainer's thread.
#include "latentset/experiments/ExperimentObserver.h"
#include "latentset/experiments/StopToken.h"
#include "latentset/nn/TrainingTask.h"

#include <memory>

namespace latentset {

class FixedStepsTask : public TrainingTask {
public:
    // Throws latentset::Error unless steps > 0 and inner is set.
    FixedStepsTask(std::shared_ptr<TrainingTask> inner, std::size_t steps);

    std::vector<std::string> lossNames() const override { return inner_->lossNames(); }
    std::size_t batchesPerEpoch() const override { return steps_; }
    StepResult step(ThreadPool& pool, double progress, double totalEpochs) override
    {
        return inner_->step(pool, progress, totalEpochs);
    }
    std::shared_ptr<const TaskSnapshot> snapshot() const override { return inner_->snapshot(); }
    double flopsPerSample() const override { return inner_->flopsPerSample(); }

    const std::shared_ptr<TrainingTask>& inner() const { return inner_; }

    // Trains `inner` for `steps` steps on the calling thread (a Trainer of
    // `threads` workers, one epoch), forwarding its epoch summary to
    // observer->epochFinished(phase, ...). Returns false when `stop` cancelled
    // it; throws latentset::Error if training failed (a non-finite loss).
    static bool train(std::shared_ptr<TrainingTask> inner, std::size_t steps, unsigned threads,
                      ExperimentObserver* observer, const std::string& phase, const StopToken& stop);

private:
    std::shared_ptr<TrainingTask> inner_;
    std::size_t steps_;
};

} // namespace latentset
