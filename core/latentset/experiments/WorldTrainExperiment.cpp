#include "latentset/experiments/WorldTrainExperiment.h"

#include "latentset/experiments/BudgetRelay.h"
#include "latentset/util/Error.h"
#include "latentset/util/ProcessStats.h"
#include "latentset/util/Stopwatch.h"
#include "latentset/util/ThreadPool.h"
#include "latentset/world/WorldLikelihood.h"
#include "latentset/world/WorldTask.h"

#include <algorithm>

namespace latentset {

namespace {

// Forwards to the caller's observer and keeps each epoch's mean losses as a
// history row (round, self, cross); on the training thread, before the
// result is read.
class HistoryRecorder : public ExperimentObserver {
public:
    HistoryRecorder(ExperimentObserver* next, MetricHistory& history, const WorldTask& task)
        : next_(next), history_(history), task_(task)
    {
        history_ = MetricHistory{{"round", "self", "cross"}, {}};
    }
    void stageReached(const std::string& stage) override
    {
        if (next_)
            next_->stageReached(stage);
    }
    void progress(const std::string& phase, const TrainerProgress& p) override
    {
        if (next_)
            next_->progress(phase, p);
    }
    // One row per Trainer epoch (cyclesPerEpoch cycles), its mean losses: the
    // rows depend on the rounds trained, not on when progress was reported,
    // so a run made twice writes the same history.
    void epochFinished(const std::string& phase, const EpochSummary& s) override
    {
        history_.addRow({double(task_.roundsDone()), s.meanLosses.size() > 0 ? double(s.meanLosses[0]) : 0.0,
                         s.meanLosses.size() > 1 ? double(s.meanLosses[1]) : 0.0});
        if (next_)
            next_->epochFinished(phase, s);
    }
    void note(const std::string& message) override
    {
        if (next_)
            next_->note(message);
    }

private:
    ExperimentObserver* next_;
    MetricHistory& history_;
    const WorldTask& task_;
};

} // namespace

WorldTrainExperiment::WorldTrainExperiment(WorldTrainSettings settings, WorldSource source)
    : settings_(std::move(settings)), source_(std::move(source))
{
}

std::vector<Index> WorldTrainExperiment::spread(const ContextWorld& world, int count)
{
    const Index n = world.itemCount();
    if (n < 1)
        throw Error("world: no items to measure on");
    const Index k = std::min<Index>(n, std::max(1, count));
    std::vector<Index> items;
    for (Index i = 0; i < k; ++i)
        items.push_back(i * (n / k));
    return items;
}

WorldTrainResult WorldTrainExperiment::run(ExperimentObserver* observer, StopToken stop)
{
    settings_.validate();
    result_ = WorldTrainResult();
    Stopwatch setup;
    if (source_.empty())
        source_ = WorldSource::mnist(settings_.world);
    result_.world = source_.train;
    const SharedLatentSettings taskSettings = settings_.taskSettings();
    auto task = std::make_shared<WorldTask>(source_.train, taskSettings);
    TrainerSettings ts;
    ts.threads = settings_.threads;
    ts.epochs = settings_.trainerEpochs();
    ts.snapshotInterval = 1e9; // nobody reads snapshots while the experiment trains
    ts.progressInterval = 0.2;
    HistoryRecorder recorder(observer, result_.history, *task);
    BudgetRelay relay(&recorder, "world", [&task] { return task->roundsDone(); }, result_.rounds,
                      settings_.minutes * 60.0);
    Trainer trainer(task, ts, &relay);
    relay.trainer = &trainer;
    result_.memberDescription = task->members().config().describe();
    result_.threads = trainer.pool().threadCount();
    result_.setupSeconds = setup.seconds();
    if (observer)
        observer->stageReached("model");

    Stopwatch clock;
    TrainerState state;
    {
        const TrainerStopLink link(stop, trainer);
        state = trainer.run();
    }
    if (state == TrainerState::Failed)
        throw Error("world training failed: " + trainer.message());
    result_.stopped = stop.stop_requested();
    result_.rounds = task->roundsDone();
    result_.trainSeconds = clock.seconds();
    const std::int64_t samples = result_.rounds * taskSettings.batchSize * 2 * (result_.world->contextCount() / 2);
    result_.samplesPerSecond = double(samples) / std::max(1e-9, result_.trainSeconds);
    result_.msPerRound = result_.rounds ? 1000.0 * result_.trainSeconds / double(result_.rounds) : 0.0;
    result_.members = task->membersSnapshot();
    if (observer)
        observer->stageReached("trained");
    evaluate(result_, source_, settings_.evalItems, trainer.pool());
    if (observer)
        observer->stageReached("evaluated");
    return result_;
}

void WorldTrainExperiment::evaluate(WorldTrainResult& result, const WorldSource& source, int evalItems,
                                    ThreadPool& pool)
{
    Stopwatch clock;
    const std::vector<Index> held = spread(*source.test, evalItems);
    result.transfer = WorldTransfer(*result.members, *source.test).errors(held, &pool);
    const std::vector<Index> seen = spread(*source.train, std::max(evalItems, 50));
    result.noiseVariance = WorldLikelihood::noiseVariance(*result.members, *source.train, seen, &pool);
    result.evalSeconds = clock.seconds();
    result.peakRssMb = ProcessStats::peakRssMb();
}

WorldModel WorldTrainExperiment::model() const
{
    return modelOf(settings_, result_);
}

WorldModel WorldTrainExperiment::modelOf(const WorldTrainSettings& settings, const WorldTrainResult& result)
{
    if (!result.members)
        throw Error("world: no trained members yet (run() first)");
    WorldModel m;
    m.spec = settings.world;
    m.members = *result.members;
    m.training = settings.taskSettings();
    m.rounds = result.rounds;
    m.trainSeconds = result.trainSeconds;
    m.selfError = result.transfer.selfError;
    m.transferError = result.transfer.transferError;
    m.noiseVariance = result.noiseVariance;
    m.history = result.history;
    return m;
}

} // namespace latentset
