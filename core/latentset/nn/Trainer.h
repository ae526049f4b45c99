#pragma once
// Runs a TrainingTask for a number of epochs in a worker thread.
//
// Threads: the Trainer owns one training thread (start()) or borrows the
// caller's (run()), plus a ThreadPool of `threads` workers that the task's
// steps fan out over (the training thread is the pool's thread 0).
// Control functions — pause(), resume(), stepOnce(), cancel(), state(),
// snapshot(), history(), message() — may be called from ANY thread at any
// time; they never block on a running step (flags are std::atomic and are
// honoured between mini-batches). wait() blocks until the run ends.
//
// Observer callbacks run on the training thread; they must be quick and must
// not call back into wait() (a Qt adapter should emit queued signals).
// progress() comes at most every settings.progressInterval seconds (plus
// once at every epoch end), so a GUI is never flooded.
//
// Snapshots: an immutable copy of the model, taken between batches at
// start, every snapshotInterval seconds, at every epoch end, when training
// parks after pause()/stepOnce() with steps not yet published, and at the
// end, published atomically; readers keep the shared_ptr as long as they like.
//
// NaN/Inf guard: if a step returns a non-finite loss, training stops in
// state Failed with a message naming the loss, epoch and batch, and the
// current snapshot is the last *good* one: a snapshot whose weights then gave
// a finite loss in a later step. (A snapshot taken right before the bad step
// holds the very weights that produced the non-finite loss — e.g. after one
// huge update with a finite loss — so it is replaced by the one before.)
//
// Resume: settings.startEpoch/startBatch make the loop begin where a saved
// task stopped (ClassSetTask::position()), so the learning-rate schedule sees
// the same fractional epochs as an uninterrupted run. beginEpoch() is not
// called again for an epoch resumed mid-way. batchesPerEpoch() is read after
// every beginEpoch(), so a task may change it at an epoch boundary.
#include "latentset/nn/TrainingTask.h"

#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace latentset {

class Stopwatch;
class ThreadPool;

struct TrainerSettings {
    std::size_t epochs = 20;
    unsigned threads = 0; // 0 = hardware concurrency
    double progressInterval = 0.1;  // seconds between progress() calls
    double snapshotInterval = 2.0;  // seconds between snapshots within an epoch
    bool startPaused = false;       // start() then wait for resume()/stepOnce()
    // Position to begin at (a resumed task's); startBatch < batchesPerEpoch().
    std::size_t startEpoch = 0;
    std::size_t startBatch = 0;
    // Linux: added to the nice value of the training thread and the pool's
    // workers (0 = leave them alone). An interactive front end asks for a
    // positive value so its own thread wins a core when the machine is full;
    // the work done and its results are unchanged. Ignored elsewhere.
    int niceness = 0;
};

struct TrainerProgress {
    std::size_t epoch = 0;   // 0-based epoch in progress
    std::size_t epochs = 0;
    std::size_t batch = 0;   // batches done in this epoch
    std::size_t batchesPerEpoch = 0;
    std::vector<std::string> lossNames;
    std::vector<float> losses; // mean of each loss since the previous report
    double samplesPerSecond = 0;
    double gflops = 0; // task FLOPs per sample * samples/s
    // Seconds spent training since start(), not counting time parked by
    // pause(): rates (samplesPerSecond, gflops) are of running time only.
    double elapsedSeconds = 0;
};

struct EpochSummary {
    std::size_t epoch = 0; // 0-based
    std::vector<double> meanLosses;
    std::vector<std::pair<std::string, double>> metrics;
    double seconds = 0;
    double samplesPerSecond = 0;
};

enum class TrainerState { Idle, Running, Paused, Finished, Cancelled, Failed };
const char* trainerStateName(TrainerState state);

class TrainerObserver {
public:
    virtual ~TrainerObserver() = default;
    virtual void progress(const TrainerProgress&) {}
    virtual void epochFinished(const EpochSummary&) {}
    // Once, when the run ends (Finished, Cancelled or Failed + message).
    virtual void finished(TrainerState, const std::string& /*message*/) {}
    // The training thread is about to wait for resume()/stepOnce() (after
    // pause(), or after the steps asked for): state() is Paused, the task is
    // at rest and the newest weights are published. Called on the training
    // thread, outside every lock of the Trainer; a front end reacts to it
    // instead of polling for the pause to take effect.
    virtual void parked() {}
};

class Trainer {
public:
    // The observer (may be null) must outlive the run.
    Trainer(std::shared_ptr<TrainingTask> task, TrainerSettings settings, TrainerObserver* observer = nullptr);
    // Cancels a running training and joins its thread.
    ~Trainer();
    Trainer(const Trainer&) = delete;
    Trainer& operator=(const Trainer&) = delete;

    // Starts training in a new thread and returns at once. Once per Trainer.
    void start();
    // Trains in the calling thread; returns the final state. Once per Trainer.
    TrainerState run();
    void wait();

    void pause();
    void resume();
    // While paused: run exactly one more mini-batch, then stay paused.
    void stepOnce();
    void cancel();

    TrainerState state() const { return state_.load(); }
    // Why training stopped (empty unless Failed).
    std::string message() const;
    std::shared_ptr<const TaskSnapshot> snapshot() const;
    std::vector<EpochSummary> history() const;
    const std::shared_ptr<TrainingTask>& task() const { return task_; }
    ThreadPool& pool();
    // Calls fn(task) if no step can be under way — not started yet, ended,
    // or paused with the training thread waiting — and returns true; else
    // returns false at once without calling fn (pause() and try again after
    // the current mini-batch). While fn runs, the training thread cannot
    // leave its pause: fn may read the whole task (e.g. optimiser state to
    // save) but should be quick. Any thread; never waits for a step.
    bool withTaskAtRest(const std::function<void(const TrainingTask&)>& fn);

private:
    void loop();
    // loop()'s parts: thread priority and the resume position's check before
    // the first batch; an epoch's summary, history entry, snapshot and report.
    void prepareLoop();
    void finishEpoch(std::size_t epoch, const std::vector<double>& lossSums, std::size_t steps, double seconds,
                     std::size_t samples);
    // Before a step: publish if about to park, then waitUntilAllowed(); adds
    // the seconds parked to `parkedSince`. False when cancelled.
    bool parkUntilAllowed(Stopwatch& snapshotClock, double& parkedSince);
    // A non-finite loss: back to the last snapshot a finite loss confirmed.
    void rollBackToLastGood();
    // A finite loss confirms the snapshot the step started from.
    void confirmSnapshot();
    void publishSnapshot();
    // Blocks while paused; returns false if cancelled.
    bool waitUntilAllowed();

    std::shared_ptr<TrainingTask> task_;
    TrainerSettings settings_;
    TrainerObserver* observer_;
    std::unique_ptr<ThreadPool> pool_;
    std::thread thread_;

    std::atomic<TrainerState> state_{TrainerState::Idle};
    std::atomic<bool> cancel_{false};
    std::atomic<bool> paused_{false};
    std::atomic<int> pendingSteps_{0};
    bool parked_ = false; // training thread waits in waitUntilAllowed (controlMutex_)
    // Training thread only: seconds waited in waitUntilAllowed since start
    // (subtracted from the clocks of progress reports).
    double parkedSeconds_ = 0;
    std::mutex controlMutex_;
    std::condition_variable controlChanged_;

    mutable std::mutex dataMutex_;
    std::shared_ptr<const TaskSnapshot> snapshot_;
    // Training thread only: the last snapshot a finite step has confirmed,
    // and whether snapshot_ has been confirmed since it was taken.
    std::shared_ptr<const TaskSnapshot> lastGood_;
    bool currentConfirmed_ = false;
    std::size_t unpublishedSteps_ = 0; // steps since the last publishSnapshot
    std::vector<EpochSummary> history_;
    std::string message_;
};

} // namespace latentset
