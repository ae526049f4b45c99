#include "latentset/experiments/MlpBaselineTraining.h"

#include "latentset/experiments/ClassSetExperimentSettings.h"
#include "latentset/nn/Mlp.h"
#include "latentset/nn/MlpTask.h"
#include "latentset/nn/Trainer.h"
#include "latentset/util/Error.h"
#include "latentset/util/Stopwatch.h"

#include <algorithm>

namespace latentset {

namespace {

// The Trainer's callbacks as the experiment observer's "mlp" phase.
class MlpRelay : public TrainerObserver {
public:
    explicit MlpRelay(ExperimentObserver* observer) : observer_(observer) {}
    void progress(const TrainerProgress& p) override
    {
        if (observer_)
            observer_->progress("mlp", p);
    }
    void epochFinished(const EpochSummary& s) override
    {
        losses.push_back(s.meanLosses.empty() ? 0.0 : s.meanLosses.front());
        if (observer_)
            observer_->epochFinished("mlp", s);
    }
    std::vector<double> losses;

private:
    ExperimentObserver* observer_;
};

} // namespace

MlpBaselineResult MlpBaselineTraining::run(const Dataset& train, const Dataset* test, int classes,
                                           const MlpBaselineSettings& s, ExperimentObserver* observer, StopToken stop)
{
    if (train.empty())
        throw Error("MLP baseline: the training split is empty");
    if (classes < 2 || s.hidden < 1 || s.epochs < 1 || s.batchSize < 1)
        throw Error("MLP baseline: needs two classes or more, and positive sizes and epochs");
    if (*std::max_element(train.labels().begin(), train.labels().end()) >= classes)
        throw Error("MLP baseline: the training labels go beyond the set's " + std::to_string(classes) + " classes");
    auto task = std::make_shared<MlpTask>(
        Mlp(train.pixelCount(), s.hidden, classes, ClassSetExperimentSettings::mlpWeightSeed(s.seed)), train,
        s.batchSize, ClassSetExperimentSettings::paperOptimizer(), ClassSetExperimentSettings::mlpBatchOrderSeed(s.seed));
    TrainerSettings ts;
    ts.epochs = std::size_t(s.epochs);
    ts.threads = s.threads;
    ts.niceness = s.niceness;
    MlpRelay relay(observer);
    Trainer trainer(task, ts, &relay);
    Stopwatch clock;
    MlpBaselineResult r;
    {
        const TrainerStopLink link(stop, trainer);
        const TrainerState state = trainer.run();
        if (state == TrainerState::Cancelled) {
            r.stopped = true;
            return r;
        }
        if (state != TrainerState::Finished)
            throw Error(trainer.message());
    }
    r.seconds = clock.seconds();
    r.epochLosses = relay.losses;
    auto mlp = std::make_shared<const Mlp>(task->mlp().inferenceCopy());
    if (test && !test->empty() && test->pixelCount() == train.pixelCount()) {
        Index correct = 0;
        for (Index first = 0; first < test->size(); first += 1000) {
            const Index count = std::min<Index>(1000, test->size() - first);
            const std::vector<int> p = mlp->predict(test->range(first, count));
            for (Index k = 0; k < count; ++k)
                correct += p[std::size_t(k)] == test->label(first + k);
        }
        r.testAccuracy = double(correct) / double(test->size());
    }
    r.mlp = std::move(mlp);
    return r;
}

} // namespace latentset
