#include "latentset/nn/Trainer.h"

#include "latentset/util/Error.h"
#include "latentset/util/Stopwatch.h"
#include "latentset/util/ThreadPool.h"

#include <cmath>
#include <exception>

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
        controlChanged_.wait(lock, [&] { return cancel_ || !paused_ || pendingSteps_ > 0; });
        if (!cancel_ && paused_ && pendingSteps_ > 0)
            --pendingSteps_;
    }
    if (cancel_)
        return false;
    state_ = TrainerState::Running;
    return true;
}

void Trainer::loop()
{
    const std::vector<std::string> names = task_->lossNames();
    const std::size_t batches = task_->batchesPerEpoch();
    const double flops = task_->flopsPerSample();
    Stopwatch total;
    std::string failure;
    TrainerState end = TrainerState::Finished;
    try {
        publishSnapshot();
        for (std::size_t epoch = 0; epoch < settings_.epochs && end == TrainerState::Finished; ++epoch) {
            task_->beginEpoch(epoch);
            Stopwatch epochClock, reportClock, snapshotClock;
            std::vector<double> epochSum(names.size(), 0.0), reportSum(names.size(), 0.0);
            std::size_t reportCount = 0, reportSamples = 0, epochSamples = 0, done = 0;
            for (std::size_t b = 0; b < batches; ++b) {
                if (!waitUntilAllowed()) {
                    end = TrainerState::Cancelled;
                    break;
                }
                const StepResult r = task_->step(*pool_, double(epoch) + double(b) / double(batches),
                                                 double(settings_.epochs));
                for (std::size_t i = 0; i < r.losses.size() && i < names.size(); ++i) {
                    if (!std::isfinite(r.losses[i])) {
                        failure = "training stopped: loss '" + names[i] + "' is "
                            + (std::isnan(r.losses[i]) ? "NaN" : "infinite") + " at epoch " + std::to_string(epoch + 1)
                            + ", batch " + std::to_string(b + 1)
                            + " (bad input data or too high a learning rate); the last good snapshot is kept";
                        break;
                    }
                    epochSum[i] += r.losses[i];
                    reportSum[i] += r.losses[i];
                }
                if (!failure.empty()) {
                    end = TrainerState::Failed;
                    break;
                }
                ++done;
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
                    p.samplesPerSecond = double(reportSamples) / std::max(1e-9, reportClock.seconds());
                    p.gflops = p.samplesPerSecond * flops * 1e-9;
                    p.elapsedSeconds = total.seconds();
                    observer_->progress(p);
                    reportClock.restart();
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
            EpochSummary summary;
            summary.epoch = epoch;
            for (double s : epochSum)
                summary.meanLosses.push_back(done ? s / double(done) : 0.0);
            summary.seconds = epochClock.seconds();
            summary.samplesPerSecond = double(epochSamples) / std::max(1e-9, summary.seconds);
            summary.metrics = task_->endEpoch(*pool_, epoch);
            {
                std::lock_guard lock(dataMutex_);
                history_.push_back(summary);
            }
            publishSnapshot();
            if (observer_)
                observer_->epochFinished(summary);
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
