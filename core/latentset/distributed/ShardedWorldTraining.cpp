#include "latentset/distributed/ShardedWorldTraining.h"

#include "latentset/distributed/ShardedWorldTask.h"
#include "latentset/experiments/WorldTrainExperiment.h"
#include "latentset/util/Error.h"
#include "latentset/util/ProcessStats.h"
#include "latentset/util/Stopwatch.h"
#include "latentset/util/ThreadPool.h"
#include "latentset/world/WorldTask.h"

#include <algorithm>
#include <ctime>
#include <cstring>
#include <limits>

namespace latentset {

namespace {

enum Word : int { kGoOn = 0, kCheckpoint = 1, kStop = 2 };

// A report: loss share, bytes sent in the round, resident memory (MB), CPU
// seconds of the rank's process (all its threads) since training started.
struct Report {
    double loss = 0, bytes = 0, rssMb = 0, cpuSeconds = 0;
};

double processCpuSeconds()
{
    return double(std::clock()) / CLOCKS_PER_SEC;
}

std::string pack(const Report& r)
{
    std::string s(sizeof(Report), '\0');
    std::memcpy(s.data(), &r, sizeof(Report));
    return s;
}

Report unpackReport(const std::string& s, int from)
{
    if (s.size() != sizeof(Report))
        throw Error("sharded training: a malformed report from rank " + std::to_string(from));
    Report r;
    std::memcpy(&r, s.data(), sizeof(Report));
    return r;
}

double weightBytes(const Autoencoder& member)
{
    double floats = 0;
    for (const Parameter* p : member.parameters())
        floats += double(p->value.size());
    return floats * sizeof(float);
}

} // namespace

// Rank 0's bookkeeping of the rounds of one run.
struct ShardedWorldTraining::Pacing {
    std::int64_t target = -1; // rounds to train in this run (-1: until the budget)
    std::int64_t done = 0;
    Stopwatch clock, sinceProgress;
    double lossSum[2] = {0, 0};
    int lossCount[2] = {0, 0};
    double bytesSum[2] = {0, 0};
    std::int64_t roundsOfKind[2] = {0, 0};
    std::int64_t samples = 0, samplesAtProgress = 0;
    double secondsAtProgress = 0;
    double cpuAtStart = processCpuSeconds();
};

ShardedWorldTraining::ShardedWorldTraining(WorldTrainSettings settings, WorldSource source, Communicator& comm,
                                           std::string savePath, std::int64_t checkpointEvery)
    : settings_(std::move(settings))
    , source_(std::move(source))
    , comm_(comm)
    , savePath_(std::move(savePath))
    , checkpointEvery_(checkpointEvery)
{
    if (checkpointEvery_ < 0)
        throw Error("sharded training: checkpoint interval must be >= 0 rounds");
}

void ShardedWorldTraining::resumeFrom(const WorldModel& model)
{
    if (!model.withTrainingState)
        throw Error("world model: saved without the members' optimiser state; only a file saved by a sharded "
                    "training (or with --checkpoint-every) resumes exactly");
    settings_.world = model.spec;
    settings_.training = model.training;
    trainSecondsBefore_ = model.trainSeconds;
    resume_ = model;
}

ShardedTrainResult ShardedWorldTraining::run(ExperimentObserver* observer, StopToken stop)
{
    settings_.validate();
    Stopwatch setup;
    if (source_.empty())
        source_ = WorldSource::mnist(settings_.world);
    result_ = ShardedTrainResult();
    result_.ranks = comm_.size();
    WorldTrainResult& w = result_.world;
    w.world = source_.train;
    const SharedLatentSettings ts = settings_.taskSettings();
    std::unique_ptr<ShardedWorldTask> task;
    if (resume_) {
        resume_->checkFits(*source_.train);
        task = std::make_unique<ShardedWorldTask>(source_.train, ts, comm_, resume_->members, resume_->rounds);
        resume_.reset(); // every rank keeps only its block
    } else {
        task = std::make_unique<ShardedWorldTask>(source_.train, ts, comm_);
    }
    result_.resumedRounds = task->roundsDone();
    ThreadPool pool(settings_.threads);
    w.memberDescription = task->localMembers().config().describe();
    w.threads = pool.threadCount();
    w.setupSeconds = setup.seconds();
    result_.memberWeightBytes = weightBytes(task->localMembers().member(0));
    result_.peakRssMbPerRank.assign(std::size_t(comm_.size()), 0.0);
    result_.cpuSecondsPerRank.assign(std::size_t(comm_.size()), 0.0);
    if (observer && comm_.rank() == 0)
        observer->stageReached("model");

    Pacing pacing;
    const int perCycle = 1 + ts.crossPerSelf;
    if (settings_.steps > 0)
        pacing.target = (settings_.steps + perCycle - 1) / perCycle * perCycle;
    for (;;) {
        const ShardedWorldTask::RoundResult r = task->round(pool);
        const int word = control(*task, r.lossPartialSum, r.bytesSent, pacing, observer, stop);
        if (word == kCheckpoint)
            saveCheckpoint(*task, trainSecondsBefore_ + pacing.clock.seconds());
        if (word == kStop)
            break;
    }
    w.rounds = task->roundsDone();
    w.trainSeconds = pacing.clock.seconds();
    const std::int64_t samples = pacing.done * ts.batchSize * 2 * (w.world->contextCount() / 2);
    w.samplesPerSecond = double(samples) / std::max(1e-9, w.trainSeconds);
    w.msPerRound = pacing.done ? 1000.0 * w.trainSeconds / double(pacing.done) : 0.0;
    w.stopped = stop.stop_requested();
    for (int k = 0; k < 2; ++k)
        (k ? result_.bytesPerCrossRound : result_.bytesPerSelfRound) =
            pacing.roundsOfKind[k] ? pacing.bytesSum[k] / double(pacing.roundsOfKind[k]) : 0.0;
    finish(*task, pool, observer);
    return result_;
}

int ShardedWorldTraining::control(const ShardedWorldTask& task, double partialLoss, long long bytes, Pacing& pacing,
                                  ExperimentObserver* observer, const StopToken& stop)
{
    ++pacing.done;
    const std::int64_t round = task.roundsDone() - 1;
    Report mine{partialLoss, double(bytes), ProcessStats::currentRssMb(), processCpuSeconds() - pacing.cpuAtStart};
    if (comm_.rank() != 0) {
        comm_.send(0, kTagReport, pack(mine));
        const std::string word = comm_.receive(0, kTagControl, "rank 0's word after round " + std::to_string(round));
        if (word.size() != 1)
            throw Error("sharded training: a malformed word from rank 0");
        return word[0];
    }
    const bool cross = WorldTask::isCrossRound(task.settings(), round);
    double loss = partialLoss, traffic = double(bytes);
    result_.peakRssMbPerRank[0] = std::max(result_.peakRssMbPerRank[0], mine.rssMb);
    result_.cpuSecondsPerRank[0] = mine.cpuSeconds;
    for (int q = 1; q < comm_.size(); ++q) {
        const Report r = unpackReport(comm_.receive(q, kTagReport, "round " + std::to_string(round) + "'s report"), q);
        loss += r.loss;
        traffic += r.bytes;
        result_.peakRssMbPerRank[std::size_t(q)] = std::max(result_.peakRssMbPerRank[std::size_t(q)], r.rssMb);
        result_.cpuSecondsPerRank[std::size_t(q)] = r.cpuSeconds;
    }
    const int n = task.layout().members();
    const double divisor = cross ? double(n / 2) : double(n);
    pacing.lossSum[cross] += divisor > 0 ? loss / divisor : 0.0;
    ++pacing.lossCount[cross];
    pacing.bytesSum[cross] += traffic;
    ++pacing.roundsOfKind[cross];
    pacing.samples += cross ? 2 * (n / 2) * task.settings().batchSize : n * task.settings().batchSize;
    result_.world.rounds = task.roundsDone();

    const double elapsed = pacing.clock.seconds();
    const bool cycleEnds = !task.nextIsCross();
    const bool stopNow = cycleEnds
                         && ((pacing.target > 0 && pacing.done >= pacing.target) || elapsed >= settings_.minutes * 60.0
                             || stop.stop_requested());
    const bool checkpoint = !stopNow && checkpointEvery_ > 0 && !savePath_.empty() && pacing.done % checkpointEvery_ == 0;
    const char word = char(stopNow ? kStop : checkpoint ? kCheckpoint : kGoOn);
    for (int q = 1; q < comm_.size(); ++q)
        comm_.send(q, kTagControl, std::string(1, word));

    if (observer && (pacing.sinceProgress.seconds() >= 0.2 || stopNow)) {
        TrainerProgress p;
        p.lossNames = {"self", "cross"};
        for (int k = 0; k < 2; ++k)
            p.losses.push_back(float(pacing.lossCount[k] ? pacing.lossSum[k] / pacing.lossCount[k] : 0.0));
        p.elapsedSeconds = elapsed;
        const double dt = elapsed - pacing.secondsAtProgress;
        p.samplesPerSecond = dt > 0 ? double(pacing.samples - pacing.samplesAtProgress) / dt : 0.0;
        observer->progress("world", p);
        pacing.lossSum[0] = pacing.lossSum[1] = 0;
        pacing.lossCount[0] = pacing.lossCount[1] = 0;
        pacing.samplesAtProgress = pacing.samples;
        pacing.secondsAtProgress = elapsed;
        pacing.sinceProgress.restart();
    }
    return word;
}

void ShardedWorldTraining::saveCheckpoint(ShardedWorldTask& task, double trainSeconds)
{
    AutoencoderSet all = task.gather(true);
    if (comm_.rank() != 0)
        return;
    WorldModel m;
    m.spec = settings_.world;
    m.members = std::move(all);
    m.training = settings_.taskSettings();
    m.rounds = task.roundsDone();
    m.trainSeconds = trainSeconds;
    m.withTrainingState = true;
    m.save(savePath_);
    ++result_.checkpoints;
}

void ShardedWorldTraining::finish(ShardedWorldTask& task, ThreadPool& pool, ExperimentObserver* observer)
{
    AutoencoderSet all = task.gather(true);
    if (comm_.rank() != 0) {
        // Wait for rank 0's evaluation and save without spinning (MPI_Finalize
        // may busy-wait and would take a core from rank 0); however long it takes.
        const double timeout = comm_.timeoutSeconds();
        comm_.setTimeoutSeconds(std::numeric_limits<double>::max() / 4);
        comm_.receive(0, kTagDone, "rank 0's evaluation");
        comm_.setTimeoutSeconds(timeout);
        return;
    }
    WorldTrainResult& w = result_.world;
    trained_ = std::make_shared<const AutoencoderSet>(std::move(all));
    w.members = std::make_shared<const AutoencoderSet>(trained_->inferenceCopy());
    if (observer)
        observer->stageReached("trained");
    WorldTrainExperiment::evaluate(w, source_, settings_.evalItems, pool);
    if (observer)
        observer->stageReached("evaluated");
    if (!savePath_.empty())
        model().save(savePath_);
    for (int q = 1; q < comm_.size(); ++q)
        comm_.send(q, kTagDone, std::string());
}

WorldModel ShardedWorldTraining::model() const
{
    if (!trained_)
        throw Error("sharded training: no trained members on this rank (rank 0, after run())");
    WorldModel m = WorldTrainExperiment::modelOf(settings_, result_.world);
    m.members = *trained_;
    m.withTrainingState = true;
    m.trainSeconds = trainSecondsBefore_ + result_.world.trainSeconds;
    return m;
}

} // namespace latentset
