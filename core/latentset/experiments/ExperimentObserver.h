#pragma once
// How an experiment reports while it runs (docs/architecture.md,
// "experiments/"). Every experiment's run() takes an ExperimentObserver*
// (may be null) and a StopToken.
//
// Threads: callbacks come on the thread that called run() (which is also
// the Trainer's training thread: experiments train with Trainer::run()).
// They must be quick; a Qt front end emits queued signals from them, the
// CLI prints a line. During stageReached() the experiment's partial()
// is its result value as far as it is filled at that stage (each experiment
// documents what is set at which stage); read it during the call, copy what
// you need.
//
// Phases name what is being trained ("set", "mlp", "cube", "concept");
// stages are an experiment's named checkpoints ("data", "model", ...).
#include "latentset/nn/Trainer.h"

#include <string>

namespace latentset {

class ExperimentObserver {
public:
    virtual ~ExperimentObserver() = default;
    // A named checkpoint of the run; the experiment's header lists them.
    virtual void stageReached(const std::string& /*stage*/) {}
    // Trainer progress of a phase, at most every progressInterval seconds.
    virtual void progress(const std::string& /*phase*/, const TrainerProgress&) {}
    // One finished epoch of a phase.
    virtual void epochFinished(const std::string& /*phase*/, const EpochSummary&) {}
    // A remark for the user that is no failure (an optional dataset skipped).
    virtual void note(const std::string& /*message*/) {}
};

} // namespace latentset
