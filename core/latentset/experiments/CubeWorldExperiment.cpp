#include "latentset/experiments/CubeWorldExperiment.h"

#include "latentset/cube/CubeModel.h"
#include "latentset/cube/SharedLatentTask.h"
#include "latentset/experiments/BudgetRelay.h"
#include "latentset/experiments/MnistData.h"
#include "latentset/util/Error.h"
#include "latentset/util/ProcessStats.h"
#include "latentset/util/Stopwatch.h"
#include "latentset/util/ThreadPool.h"

#include <algorithm>

namespace latentset {

CubeWorldExperiment::CubeWorldExperiment(CubeWorldSettings settings) : settings_(std::move(settings)) {}

CubeWorldExperiment::CubeWorldExperiment(CubeWorldSettings settings, std::shared_ptr<const CubeDataset> train,
                                         std::shared_ptr<const CubeDataset> test)
    : settings_(std::move(settings)), train_(std::move(train)), test_(std::move(test))
{
}

CubeWorldResult CubeWorldExperiment::run(ExperimentObserver* observer, StopToken stop)
{
    settings_.validate();
    result_ = CubeWorldResult();
    Stopwatch setup;
    if (!train_) {
        auto contexts = std::make_shared<const CubeContexts>(CubeContextsConfig::forCount(settings_.contexts));
        train_ = std::make_shared<const CubeDataset>(contexts, MnistData::train());
        test_ = std::make_shared<const CubeDataset>(contexts, MnistData::test());
    }
    result_.contexts = train_->sharedContexts();
    result_.rssDataMb = ProcessStats::currentRssMb();
    const SharedLatentSettings taskSettings = settings_.taskSettings();
    auto task = std::make_shared<SharedLatentTask>(train_, taskSettings);
    result_.rssModelMb = ProcessStats::currentRssMb();
    TrainerSettings ts;
    ts.threads = settings_.threads;
    ts.epochs = settings_.trainerEpochs();
    ts.snapshotInterval = 1e9; // nobody reads snapshots while the experiment trains
    ts.progressInterval = 0.2;
    BudgetRelay relay(observer, "cube", [&task] { return task->roundsDone(); }, result_.rounds,
                      settings_.minutes * 60.0);
    Trainer trainer(task, ts, &relay);
    relay.trainer = &trainer;
    ThreadPool& pool = trainer.pool();
    result_.memberDescription = task->members().config().describe();
    result_.threads = pool.threadCount();
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
        throw Error("cube training failed: " + trainer.message());
    result_.stopped = stop.stop_requested();
    result_.rounds = task->roundsDone();
    result_.trainSeconds = clock.seconds();
    const std::int64_t samples = result_.rounds * taskSettings.batchSize * 2 * (result_.contexts->size() / 2);
    result_.samplesPerSecond = samples / std::max(1e-9, result_.trainSeconds);
    result_.msPerRound = result_.rounds ? 1000.0 * result_.trainSeconds / double(result_.rounds) : 0.0;
    result_.members = task->membersSnapshot();
    if (observer)
        observer->stageReached("trained");

    Stopwatch evalClock;
    std::vector<Index> evalGlyphs;
    for (int k = 0; k < settings_.evalDigits; ++k)
        evalGlyphs.push_back(Index(k) * (test_->glyphCount() / settings_.evalDigits));
    const ContextTransfer transfer(*result_.members, *test_);
    result_.transfer = transfer.errors(evalGlyphs, &pool);
    result_.evalSeconds = evalClock.seconds();
    result_.peakRssMb = ProcessStats::peakRssMb();
    if (observer)
        observer->stageReached("evaluated");
    return result_;
}

CubeModel CubeWorldExperiment::model() const
{
    if (!result_.members)
        throw Error("cube world: no trained members yet (run() first)");
    CubeModel model;
    model.contexts = result_.contexts;
    model.members = *result_.members;
    model.training = settings_.taskSettings();
    model.rounds = result_.rounds;
    model.trainSeconds = result_.trainSeconds;
    model.selfError = result_.transfer.selfError;
    model.transferError = result_.transfer.transferError;
    return model;
}

} // namespace latentset
