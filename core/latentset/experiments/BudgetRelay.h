#pragma once
// Relays a Trainer's progress to an ExperimentObserver under a phase name,
// keeps a rounds counter current, and ends the run at a wall-clock budget.
// On the training thread (Trainer.h), so it only reads the task's atomic
// round count and sets the Trainer's cancel flag. Used by the cube-world and
// the context-world experiments.
#include "latentset/experiments/ExperimentObserver.h"
#include "latentset/nn/Trainer.h"

#include <cstdint>
#include <functional>
#include <string>

namespace latentset {

class BudgetRelay : public TrainerObserver {
public:
    // `rounds` is called at each progress report and its value stored in `roundsOut`.
    BudgetRelay(ExperimentObserver* observer, std::string phase, std::function<std::int64_t()> rounds,
                std::int64_t& roundsOut, double budgetSeconds)
        : observer_(observer), phase_(std::move(phase)), rounds_(std::move(rounds)), roundsOut_(roundsOut),
          budgetSeconds_(budgetSeconds)
    {
    }
    void progress(const TrainerProgress& p) override
    {
        roundsOut_ = rounds_();
        if (observer_)
            observer_->progress(phase_, p);
        if (p.elapsedSeconds >= budgetSeconds_ && trainer)
            trainer->cancel();
    }
    void epochFinished(const EpochSummary& s) override
    {
        if (observer_)
            observer_->epochFinished(phase_, s);
    }
    Trainer* trainer = nullptr; // set once the Trainer exists

private:
    ExperimentObserver* observer_;
    std::string phase_;
    std::function<std::int64_t()> rounds_;
    std::int64_t& roundsOut_;
    double budgetSeconds_;
};

} // namespace latentset
