#pragma once
#include <functional>
#include <vector>

// Callbacks waiting for a training to be at rest (TrainingController::
// whenAtRest): the controller calls check() on every event that can end a
// step (the trainer parked or finished, a build ended) instead of polling.
class AtRestWaiters {
public:
    explicit AtRestWaiters(std::function<bool()> atRest) : atRest_(std::move(atRest)) {}
    void add(std::function<void()> then)
    {
        waiting_.push_back(std::move(then));
        check();
    }
    void check()
    {
        if (waiting_.empty() || !atRest_())
            return;
        auto ready = std::move(waiting_);
        waiting_.clear();
        for (auto& then : ready)
            then();
    }

private:
    std::function<bool()> atRest_;
    std::vector<std::function<void()>> waiting_;
};
