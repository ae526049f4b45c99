#include "latentset/nn/Trainer.h"

#include "latentset/util/Error.h"
#include "latentset/util/Stopwatch.h"
#include "latentset/util/ThreadPool.h"

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <exception>

#if defined(__linux__)
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

namespace latentset {

const char* trainerStateName(TrainerState s)
{
    switch (s) {
    case TrainerState::Idle: return "idle";
    case TrainerState::Running: return "running";
    case TrainerState::Paused: return "paused";
    case TrainerState::Finished: return "finished";
    case TrainerState::Cancelled: return "cancelled";
    case TrainerState::Failed: return "failed";
    }
    return "?";
}

Trainer::Trainer(std::shared_ptr<TrainingTask> task, TrainerSettings settings, TrainerObserver* observer)
    : task_(std::move(task)), settings_(settings), observer_(observer),
      pool_(std::make_unique<ThreadPool>(settings.threads))
{
    if (!task_)
        throw Error("trainer: no training task");
    paused_ = settings_.startPaused;
}

Trainer::~Trainer()
{
    cancel();
    if (thread_.joinable())
        thread_.join();
}

ThreadPool& Trainer::pool() { return *pool_; }

namespace {
// Raises the calling thread's nice value by `increment` (Linux: the nice
// value is per thread, addressed by its kernel tid). Best effort: a failure
// only means training competes with the GUI at equal priority.
void lowerThisThreadPriority(int increment)
{
#if defined(__linux__)
    const auto tid = static_cast<id_t>(::syscall(SYS_gettid));
    errno = 0;
    const int current = ::getpriority(PRIO_PROCESS, tid);
    if (errno == 0)
        ::setpriority(PRIO_PROCESS, tid, std::min(19, current + increment));
#else
    (void)increment;
#endif
}
// The message that stops training when a step's loss is not finite (NaN or
// infinite), naming the loss, epoch and batch; empty when all are finite.
std::string nonFiniteLoss(const StepResult& r, const std::vector<std::string>& names, std::size_t epoch, std::size_t b)
{
    for (std::size_t i = 0; i < r.losses.size() && i < names.size(); ++i)
        if (!std::isfinite(r.losses[i]))
            return "training stopped: loss '" + names[i] + "' is " + (std::isnan(r.losses[i]) ? "NaN" : "infinite")
                 + " at epoch " + std::to_string(epoch + 1) + ", batch " + std::to_string(b + 1)
                 + " (bad input data or too high a learning rate); the last good snapshot is kept";
    return {};
}

} // namespace

bool Trainer::withTaskAtRest(const std::function<void(const TrainingTask&)>& fn)
{
    std::lock_guard lock(controlMutex_);
    const TrainerState s = state_.load();
    // Idle: not started. Finished/Cancelled/Failed are stored after the
    // loop's last use of the task. parked_: waiting for resume/step, which
    // needs controlMutex_ (held here) to return.
    const bool atRest = s == TrainerState::Idle || s == TrainerState::Finished || s == TrainerState::Cancelled
        || s == TrainerState::Failed || parked_;
    if (!atRest)
        return false;
    fn(*task_);
    return true;
}

void Trainer::start()
{
    if (state_ != TrainerState::Idle || thread_.joinable())
        throw Error("trainer: already started");
    state_ = paused_ ? TrainerState::Paused : TrainerState::Running;
    thread_ = std::thread([this] { loop(); });
}

TrainerState Trainer::run()
{
    if (state_ != TrainerState::Idle)
        throw Error("trainer: already started");
    state_ = TrainerState::Running;
    loop();
    return state_;
}

void Trainer::wait()
{
    if (thread_.joinable() && std::this_thread::get_id() != thread_.get_id())
        thread_.join();
}

void Trainer::pause()
{
    std::lock_guard lock(controlMutex_);
    paused_ = true;
}

void Trainer::resume()
{
    {
        std::lock_guard lock(controlMutex_);
        paused_ = false;
    }
    controlChanged_.notify_all();
}

void Trainer::stepOnce()
{
    {
        std::lock_guard lock(controlMutex_);
        paused_ = true;
        ++pendingSteps_;
    }
    controlChanged_.notify_all();
}

void Trainer::cancel()
{
    {
        std::lock_guard lock(controlMutex_);
        cancel_ = true;
    }
    controlChanged_.notify_all();
}

std::string Trainer::message() const
{
    std::lock_guard lock(dataMutex_);
    return message_;
}

std::shared_ptr<const TaskSnapshot> Trainer::snapshot() const
{
    std::lock_guard lock(dataMutex_);
    return snapshot_;
}

std::vector<EpochSummary> Trainer::history() const
{
    std::lock_guard lock(dataMutex_);
    return history_;
}

void Trainer::publishSnapshot()
{
    auto s = task_->snapshot();
    std::lock_guard lock(dataMutex_);
    snapshot_ = std::move(s);
    currentConfirmed_ = false;
    unpublishedSteps_ = 0;
}

bool Trainer::waitUntilAllowed()
{
    std::unique_lock lock(controlMutex_);
    if (paused_ && !cancel_) {
        if (pendingSteps_ > 0) {
            --pendingSteps_;
            return true;
        }
        state_ = TrainerState::Paused;
        parked_ = true;
        if (observer_) {
            // Outside the lock: the observer may call back (state(), snapshot()).
            lock.unlock();
            observer_->parked();
            lock.lock();
        }
        const Stopwatch waited;
        controlChanged_.wait(lock, [&] { return cancel_ || !paused_ || pendingSteps_ > 0; });
        parkedSeconds_ += waited.seconds();
        parked_ = false;
        if (!cancel_ && paused_ && pendingSteps_ > 0)
            --pendingSteps_;
    }
    if (cancel_)
        return false;
    state_ = TrainerState::Running;
    return true;
}

void Trainer::prepareLoop()
{
    if (settings_.niceness > 0) {
        // One index per pool thread: the partition gives index t to thread t
        // (thread 0 is this one), so every thread that trains is lowered.
        const unsigned n = pool_->threadCount();
        pool_->parallelFor(n, [this](std::size_t, unsigned) { lowerThisThreadPriority(settings_.niceness); });
    }
    if (settings_.startBatch > 0 && settings_.startBatch >= task_->batchesPerEpoch())
        throw Error("trainer: resume position batch " + std::to_string(settings_.startBatch)
                    + " is past the epoch's " + std::to_string(task_->batchesPerEpoch()) + " batches");
}

bool Trainer::parkUntilAllowed(Stopwatch& snapshotClock, double& parkedSince)
{
    // About to park (paused, no step pending): publish the newest weights
    // first, so whoever paused sees what was trained. Done outside the
    // control lock: a copy must not block pause()/resume().
    if (unpublishedSteps_ > 0 && paused_.load() && pendingSteps_.load() == 0 && !cancel_.load()) {
        publishSnapshot();
        snapshotClock.restart();
    }
    const double parkedBefore = parkedSeconds_;
    if (!waitUntilAllowed())
        return false;
    parkedSince += parkedSeconds_ - parkedBefore;
    return true;
}

void Trainer::rollBackToLastGood()
{
    std::lock_guard lock(dataMutex_);
    if (!currentConfirmed_ && lastGood_)
        snapshot_ = lastGood_; // its weights made this loss: go one back
}

void Trainer::confirmSnapshot()
{
    if (currentConfirmed_)
        return;
    // The first step after a snapshot runs on exactly its weights: a finite
    // loss confirms them.
    std::lock_guard lock(dataMutex_);
    lastGood_ = snapshot_;
    currentConfirmed_ = true;
}

void Trainer::finishEpoch(std::size_t epoch, const std::vector<double>& lossSums, std::size_t steps, double seconds,
                          std::size_t samples)
{
    EpochSummary summary;
    summary.epoch = epoch;
    for (double s : lossSums)
        summary.meanLosses.push_back(steps ? s / double(steps) : 0.0);
    summary.seconds = seconds;
    summary.samplesPerSecond = double(samples) / std::max(1e-9, summary.seconds);
    summary.metrics = task_->endEpoch(*pool_, epoch);
    {
        std::lock_guard lock(dataMutex_);
        history_.push_back(summary);
    }
    publishSnapshot();
    if (observer_)
        observer_->epochFinished(summary);
}

// The batch loop keeps its counters (report, epoch, parked time) and the
// report it makes from them in one place: a little over 80 lines on purpose.
void Trainer::loop()
{
    const std::vector<std::string> names = task_->lossNames();
    const double flops = task_->flopsPerSample();
    Stopwatch total;
    std::string failure;
    TrainerState end = TrainerState::Finished;
    try {
        prepareLoop();
        publishSnapshot();
        for (std::size_t epoch = settings_.startEpoch; epoch < settings_.epochs && end == TrainerState::Finished;
             ++epoch) {
            const std::size_t first = epoch == settings_.startEpoch ? settings_.startBatch : 0;
            if (first == 0)
                task_->beginEpoch(epoch);
            const std::size_t batches = task_->batchesPerEpoch();
            Stopwatch epochClock, reportClock, snapshotClock;
            std::vector<double> epochSum(names.size(), 0.0), reportSum(names.size(), 0.0);
            std::size_t reportCount = 0, reportSamples = 0, epochSamples = 0, done = 0;
            double reportParked = 0; // seconds parked since the report clock restarted
            for (std::size_t b = first; b < batches; ++b) {
                if (!parkUntilAllowed(snapshotClock, reportParked)) {
                    end = TrainerState::Cancelled;
                    break;
                }
                const StepResult r = task_->step(*pool_, double(epoch) + double(b) / double(batches),
                                                 double(settings_.epochs));
                failure = nonFiniteLoss(r, names, epoch, b);
                for (std::size_t i = 0; failure.empty() && i < r.losses.size() && i < names.size(); ++i) {
                    epochSum[i] += r.losses[i];
                    reportSum[i] += r.losses[i];
                }
                if (!failure.empty()) {
                    end = TrainerState::Failed;
                    rollBackToLastGood();
                    break;
                }
                confirmSnapshot();
                ++done;
                ++unpublishedSteps_;
                ++reportCount;
                reportSamples += r.samples;
                epochSamples += r.samples;
                const bool last = b + 1 == batches;
                if (observer_ && (reportClock.seconds() >= settings_.progressInterval || last)) {
                    TrainerProgress p;
                    p.epoch = epoch;
                    p.epochs = settings_.epochs;
                    p.batch = b + 1;
                    p.batchesPerEpoch = batches;
                    p.lossNames = names;
                    for (double s : reportSum)
                        p.losses.push_back(float(s / double(reportCount)));
                    p.samplesPerSecond = double(reportSamples) / std::max(1e-9, reportClock.seconds() - reportParked);
                    p.gflops = p.samplesPerSecond * flops * 1e-9;
                    p.elapsedSeconds = total.seconds() - parkedSeconds_;
                    observer_->progress(p);
                    reportClock.restart();
                    reportParked = 0;
                    std::fill(reportSum.begin(), reportSum.end(), 0.0);
                    reportCount = 0;
                    reportSamples = 0;
                }
                if (!last && snapshotClock.seconds() >= settings_.snapshotInterval) {
                    publishSnapshot();
                    snapshotClock.restart();
                }
            }
            if (end != TrainerState::Finished)
                break;
            finishEpoch(epoch, epochSum, done, epochClock.seconds(), epochSamples);
        }
    } catch (const std::exception& e) {
        end = TrainerState::Failed;
        failure = std::string("training stopped: ") + e.what();
    }
    {
        std::lock_guard lock(dataMutex_);
        message_ = failure;
    }
    state_ = end;
    if (observer_)
        observer_->finished(end, failure);
}

} // namespace latentset
