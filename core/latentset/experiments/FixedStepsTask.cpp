#include "latentset/experiments/FixedStepsTask.h"

#include "latentset/nn/Trainer.h"
#include "latentset/util/Error.h"

namespace latentset {

namespace {

class Relay : public TrainerObserver {
public:
    Relay(ExperimentObserver* observer, const std::string& phase) : observer_(observer), phase_(phase) {}
    void progress(const TrainerProgress& p) override
    {
        if (observer_)
            observer_->progress(phase_, p);
    }
    void epochFinished(const EpochSummary& s) override
    {
        if (observer_)
            observer_->epochFinished(phase_, s);
    }

private:
    ExperimentObserver* observer_;
    const std::string& phase_;
};

} // namespace

FixedStepsTask::FixedStepsTask(std::shared_ptr<TrainingTask> inner, std::size_t steps)
    : inner_(std::move(inner)), steps_(steps)
{
    if (!inner_ || steps_ == 0)
        throw Error("fixed-steps training: needs a task and at least one step");
}

bool FixedStepsTask::train(std::shared_ptr<TrainingTask> inner, std::size_t steps, unsigned threads,
                           ExperimentObserver* observer, const std::string& phase, const StopToken& stop)
{
    TrainerSettings ts;
    ts.epochs = 1;
    ts.threads = threads;
    ts.progressInterval = 5.0;
    ts.snapshotInterval = 1e9; // nobody reads snapshots here: copies only at the start and the end
    Relay relay(observer, phase);
    Trainer trainer(std::make_shared<FixedStepsTask>(std::move(inner), steps), ts, &relay);
    const TrainerStopLink link(stop, trainer);
    const TrainerState state = trainer.run();
    if (state == TrainerState::Cancelled)
        return false;
    if (state != TrainerState::Finished)
        throw Error(phase + ": " + trainer.message());
    return true;
}

} // namespace latentset
