#pragma once
// latentset-cli likelihood's output: the lines and --json figures of a
// LikelihoodExperiment, printed as the experiment reaches each stage (on the
// thread that runs it). Keys in docs/cli.md.
#include "latentset/experiments/ExperimentObserver.h"

class CliReport;

namespace latentset {
class LikelihoodExperiment;
struct LikelihoodResult;
} // namespace latentset

class LikelihoodPrinter : public latentset::ExperimentObserver {
public:
    LikelihoodPrinter(CliReport& report, const latentset::LikelihoodExperiment& experiment)
        : report_(report), experiment_(experiment)
    {
    }
    void stageReached(const std::string& stage) override;
    void epochFinished(const std::string& phase, const latentset::EpochSummary& summary) override;
    void note(const std::string& message) override;

private:
    void pathLines(const latentset::LikelihoodResult& r) const;
    void fittedLines(const latentset::LikelihoodResult& r) const;
    void testLines(const latentset::LikelihoodResult& r) const;
    void anomalyLines(const latentset::LikelihoodResult& r) const;
    void speedRunLine(const latentset::LikelihoodResult& r) const;
    void speedLines(const latentset::LikelihoodResult& r) const;

    CliReport& report_;
    const latentset::LikelihoodExperiment& experiment_;
    double quickSeconds_ = 0;
};
