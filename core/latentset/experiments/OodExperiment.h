#pragma once
// Out-of-distribution detection by a class set's eq. 4 (docs/robustness.md):
// the set's own test split is normal, an outside set anomalous; the AUROC of
// the anomaly score -max_c log p_c(x) and of each term of eq. 4 alone, so
// the table shows which term carries the detection. `latentset-cli ood` is
// a front end of it.
//
// Stages: "data" (sets loaded), "scored" (result complete). Threads: run()
// blocks; the estimate runs on `threads` pool workers. Stop: checked between
// the two sets.
#include "latentset/experiments/ExperimentObserver.h"
#include "latentset/experiments/OodResult.h"
#include "latentset/experiments/OodSettings.h"
#include "latentset/experiments/StopToken.h"

#include <optional>

namespace latentset {

class Calibration;
struct LikelihoodTerms;

class OodExperiment {
public:
    // Loads settings.model, the normal split and settings.out when run.
    explicit OodExperiment(OodSettings settings);
    // The outside images given (n x N in [0, 1]): settings.out only names them.
    OodExperiment(OodSettings settings, Matrix outImages);

    // Throws Error if the model has no likelihood chunks or sizes disagree.
    OodResult run(ExperimentObserver* observer = nullptr, StopToken stop = {});
    const OodResult& partial() const { return result_; }

    // The anomaly scores of every rule (OodResult::Term names, "eq4"
    // first; "eq5" only with a non-empty calibration) of terms evaluated on
    // some images: rule -> one score per image.
    static std::vector<std::pair<std::string, std::vector<double>>> scoreRules(const LikelihoodTerms& terms,
                                                                               const Calibration* calibration);

private:
    OodSettings settings_;
    std::optional<Matrix> given_;
    OodResult result_;
};

} // namespace latentset
