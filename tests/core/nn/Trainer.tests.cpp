#include "latentset/nn/AutoencoderSet.h"
#include "latentset/nn/ClassSetTask.h"
#include "latentset/nn/Trainer.h"
#include "latentset/util/ThreadPool.h"

#include <catch2/catch.hpp>

#include <array>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <functional>
#include <cmath>
#include <limits>
#include <mutex>
#include <thread>

#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

using namespace latentset;

namespace {

struct CountSnapshot : TaskSnapshot {
    int steps = 0;
};

// A task whose step just counts (and sleeps a little, so control calls
// land between steps), optionally returning NaN at a given step.
class CountingTask : public TrainingTask {
public:
    explicit CountingTask(int nanAt = -1) : nanAt_(nanAt) {}
    std::vector<std::string> lossNames() const override { return {"count"}; }
    std::size_t batchesPerEpoch() const override { return 10; }
    StepResult step(ThreadPool& pool, double, double) override
    {
        std::atomic<int> touched{0};
        pool.parallelFor(2, [&](std::size_t, unsigned) { ++touched; });
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
        ++steps;
        StepResult r;
        r.losses = {steps == nanAt_ ? std::numeric_limits<float>::quiet_NaN() : float(touched)};
        r.samples = 4;
        return r;
    }
    std::shared_ptr<const TaskSnapshot> snapshot() const override
    {
        auto s = std::make_shared<CountSnapshot>();
        s->steps = steps;
        return s;
    }
    std::atomic<int> steps{0};

private:
    int nanAt_;
};

class Recorder : public TrainerObserver {
public:
    void progress(const TrainerProgress&) override { ++progressCalls; }
    void epochFinished(const EpochSummary& s) override { losses.push_back(s.meanLosses.at(0)); }
    void finished(TrainerState s, const std::string& m) override
    {
        end = s;
        message = m;
    }
    std::atomic<int> progressCalls{0};
    std::vector<double> losses;
    std::atomic<TrainerState> end{TrainerState::Idle};
    std::string message;
};

template <typename Pred>
bool eventually(Pred p)
{
    for (int i = 0; i < 2000; ++i) {
        if (p())
            return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    return false;
}

} // namespace

TEST_CASE("Trainer runs every batch of every epoch and reports", "[nn][trainer]")
{
    auto task = std::make_shared<CountingTask>();
    Recorder rec;
    TrainerSettings s;
    s.epochs = 3;
    s.threads = 2;
    s.progressInterval = 0.0;
    Trainer t(task, s, &rec);
    CHECK(t.run() == TrainerState::Finished);
    CHECK(task->steps == 30);
    CHECK(rec.losses == std::vector<double>{2.0, 2.0, 2.0}); // both pool threads did work
    CHECK(rec.progressCalls == 30);
    CHECK(rec.end == TrainerState::Finished);
    CHECK(t.history().size() == 3);
    auto snap = std::dynamic_pointer_cast<const CountSnapshot>(t.snapshot());
    REQUIRE(snap);
    CHECK(snap->steps == 30);
}

TEST_CASE("Trainer pauses, single-steps, resumes and cancels between mini-batches", "[nn][trainer]")
{
    auto task = std::make_shared<CountingTask>();
    Recorder rec;
    TrainerSettings s;
    s.epochs = 1000;
    s.startPaused = true;
    Trainer t(task, s, &rec);
    t.start();
    CHECK(eventually([&] { return t.state() == TrainerState::Paused; }));
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    CHECK(task->steps == 0);
    t.stepOnce();
    CHECK(eventually([&] { return task->steps == 1; }));
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    CHECK(task->steps == 1); // exactly one
    t.stepOnce();
    t.stepOnce();
    CHECK(eventually([&] { return task->steps == 3; }));
    t.resume();
    CHECK(eventually([&] { return task->steps > 10; }));
    t.pause();
    CHECK(eventually([&] { return t.state() == TrainerState::Paused; }));
    const int frozen = task->steps;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    CHECK(task->steps == frozen);
    t.cancel();
    t.wait();
    CHECK(t.state() == TrainerState::Cancelled);
    CHECK(rec.end == TrainerState::Cancelled);
    CHECK(task->steps == frozen);
}

TEST_CASE("A NaN loss stops training with a message and keeps the last good snapshot", "[nn][trainer]")
{
    auto task = std::make_shared<CountingTask>(/*nanAt=*/15);
    Recorder rec;
    TrainerSettings s;
    s.epochs = 5;
    Trainer t(task, s, &rec);
    CHECK(t.run() == TrainerState::Failed);
    CHECK(task->steps == 15);
    CHECK_THAT(t.message(), Catch::Contains("NaN") && Catch::Contains("epoch 2") && Catch::Contains("batch 5"));
    CHECK(rec.message == t.message());
    auto snap = std::dynamic_pointer_cast<const CountSnapshot>(t.snapshot());
    REQUIRE(snap);
    CHECK(snap->steps == 10); // taken at the end of epoch 1, before the bad step
}

namespace {
// Feeds NaN pixels to a real autoencoder set from the second step on.
class NanInputTask : public TrainingTask {
public:
    NanInputTask() : set_(AutoencoderConfig::make(9, {6}, 2, true), 2, 1), x_(Matrix::Constant(9, 4, 0.5f)) {}
    std::vector<std::string> lossNames() const override { return {"a", "b"}; }
    std::size_t batchesPerEpoch() const override { return 3; }
    StepResult step(ThreadPool& pool, double, double) override
    {
        if (++steps_ == 2)
            x_(4, 1) = std::numeric_limits<float>::quiet_NaN();
        StepResult r;
        r.losses = set_.trainStepAll({&x_, &x_}, {}, {}, OptimizerSettings{}, 1e-3f, pool);
        r.samples = 8;
        return r;
    }
    std::shared_ptr<const TaskSnapshot> snapshot() const override
    {
        auto s = std::make_shared<AutoencoderSetSnapshot>();
        s->set = set_.inferenceCopy();
        return s;
    }

private:
    AutoencoderSet set_;
    Matrix x_;
    int steps_ = 0;
};
} // namespace

TEST_CASE("NaN input to a real set stops the trainer with the message", "[nn][trainer]")
{
    Trainer t(std::make_shared<NanInputTask>(), TrainerSettings{});
    CHECK(t.run() == TrainerState::Failed);
    CHECK_THAT(t.message(), Catch::Contains("loss 'a' is NaN at epoch 1, batch 2"));
    auto snap = std::dynamic_pointer_cast<const AutoencoderSetSnapshot>(t.snapshot());
    REQUIRE(snap);
    // The kept snapshot is the one taken before training: finite weights.
    CHECK(snap->set.member(0).reconstruct(Matrix::Constant(9, 1, 0.5f)).allFinite());
}

TEST_CASE("A snapshot taken right before a non-finite step is not kept as good", "[nn][trainer]")
{
    // Snapshots: at start (0 steps), at the end of epoch 1 (10 steps). Step 11
    // runs on the epoch-1 weights and fails: those weights made the bad loss,
    // so the kept snapshot goes back to the start one (confirmed by step 1).
    auto task = std::make_shared<CountingTask>(/*nanAt=*/11);
    TrainerSettings s;
    s.epochs = 3;
    Trainer t(task, s);
    CHECK(t.run() == TrainerState::Failed);
    auto snap = std::dynamic_pointer_cast<const CountSnapshot>(t.snapshot());
    REQUIRE(snap);
    CHECK(snap->steps == 0);
}

TEST_CASE("A Trainer resumed at an epoch and batch runs only the rest of the plan", "[nn][trainer]")
{
    auto task = std::make_shared<CountingTask>();
    Recorder rec;
    TrainerSettings s;
    s.epochs = 3;
    s.startEpoch = 1;
    s.startBatch = 4;
    Trainer t(task, s, &rec);
    CHECK(t.run() == TrainerState::Finished);
    CHECK(task->steps == 6 + 10); // rest of epoch 2, all of epoch 3
    REQUIRE(t.history().size() == 2);
    CHECK(t.history()[0].epoch == 1);
    CHECK(t.history()[1].epoch == 2);

    TrainerSettings bad = s;
    bad.startBatch = 10; // past the epoch's 10 batches
    Trainer refused(std::make_shared<CountingTask>(), bad);
    CHECK(refused.run() == TrainerState::Failed);
    CHECK_THAT(refused.message(), Catch::Contains("batch 10"));
}

TEST_CASE("A Trainer lowers only its own threads' priority when asked", "[nn][trainer]")
{
    const auto niceOfThisThread = [] {
        errno = 0;
        return ::getpriority(PRIO_PROCESS, static_cast<id_t>(::syscall(SYS_gettid)));
    };
    // Records the nice value of every thread that runs a step's work.
    class NiceTask : public CountingTask {
    public:
        explicit NiceTask(std::function<int()> nice) : nice_(std::move(nice)) {}
        StepResult step(ThreadPool& pool, double p, double e) override
        {
            pool.parallelFor(pool.threadCount(), [&](std::size_t, unsigned t) { seen[t] = nice_(); });
            return CountingTask::step(pool, p, e);
        }
        std::array<std::atomic<int>, 2> seen{};

    private:
        std::function<int()> nice_;
    };
    const int mine = niceOfThisThread();
    if (mine > 19 - 2)
        return; // already as low as it goes: nothing to see
    auto task = std::make_shared<NiceTask>(niceOfThisThread);
    TrainerSettings s;
    s.epochs = 1;
    s.threads = 2;
    s.niceness = 2;
    Trainer t(task, s);
    t.start();
    t.wait();
    CHECK(task->seen[0] == mine + 2);
    CHECK(task->seen[1] == mine + 2);
    CHECK(niceOfThisThread() == mine); // the caller's thread is untouched
}

namespace {
// Counts parked() calls and keeps the last progress report.
class ParkRecorder : public TrainerObserver {
public:
    void parked() override { ++parks; }
    void progress(const TrainerProgress& p) override
    {
        std::lock_guard lock(mutex);
        last = p;
    }
    std::atomic<int> parks{0};
    std::mutex mutex;
    TrainerProgress last;
};
} // namespace

TEST_CASE("A Trainer says when it parks, and its rates leave the parked time out", "[nn][trainer]")
{
    auto task = std::make_shared<CountingTask>();
    ParkRecorder rec;
    TrainerSettings s;
    s.epochs = 1000;
    s.startPaused = true;
    s.progressInterval = 0.0;
    Trainer t(task, s, &rec);
    t.start();
    CHECK(eventually([&] { return rec.parks == 1; })); // parked at start, before any step
    CHECK(t.state() == TrainerState::Paused);
    t.stepOnce();
    CHECK(eventually([&] { return rec.parks == 2; })); // parked again after the step
    CHECK(task->steps == 1);
    CHECK(t.state() == TrainerState::Paused);
    // 300 ms parked, then one more step: the report's rate is of the step,
    // not of the pause (a step sleeps ~2 ms for 4 samples: well over 100/s;
    // averaged over the pause it would be ~13/s).
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    t.stepOnce();
    CHECK(eventually([&] { return rec.parks == 3; }));
    {
        std::lock_guard lock(rec.mutex);
        CHECK(rec.last.samplesPerSecond > 100);
        CHECK(rec.last.elapsedSeconds < 0.25);
    }
    t.cancel();
    t.wait();
}
