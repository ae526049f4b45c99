#pragma once
// The paper's eq. 4/5 on a class set (docs/likelihood.md): fits sigma, p(z)
// and eq. 5's constants (unless the model file holds them), then measures
// the accuracy of each combination of terms on the test split, the anomaly
// AUROC against Fashion-MNIST, uniform noise and digits rotated by 90
// degrees, and the speed of the full estimate on one thread.
// `latentset-cli likelihood` is a front end of it.
//
// Stages, with what partial() holds: "data", "model" (after loading or the
// quick training), "path" (sparse coverage; pathChoice under path auto),
// "fitted" (sigmas; the fit figures when fittedCalibration), "test",
// "anomalies", "speed run" (after each repeat), "speed", "saved". Phase of
// epochFinished(): "quick-train". ExperimentObserver::note() carries "Fashion-
// MNIST skipped: <reason>" when that set does not load.
//
// Threads: run() blocks; fits and evaluations use `threads` pool workers,
// the speed figures one thread. Stop: checked between stages (and in the
// quick training); a stopped result has stopped = true.
#include "latentset/data/DatasetSplits.h"
#include "latentset/experiments/ExperimentObserver.h"
#include "latentset/experiments/LikelihoodExperimentSettings.h"
#include "latentset/experiments/LikelihoodResult.h"
#include "latentset/experiments/StopToken.h"

#include <memory>
#include <optional>

namespace latentset {

class AutoencoderSet;
class LikelihoodEstimator;
class ThreadPool;

class LikelihoodExperiment {
public:
    explicit LikelihoodExperiment(LikelihoodExperimentSettings settings);
    ~LikelihoodExperiment();

    LikelihoodResult run(ExperimentObserver* observer = nullptr, StopToken stop = {});
    const LikelihoodResult& partial() const { return result_; }
    const LikelihoodExperimentSettings& settings() const { return settings_; }
    bool stopped() const { return stopped_; }

private:
    void loadData();
    void loadModel(ThreadPool& pool, const StopToken& stop);
    void fit(ThreadPool& pool);
    void evaluateTest(ThreadPool& pool);
    void evaluateAnomalies(ThreadPool& pool);
    void measureSpeed(ThreadPool& pool);
    void comparePaths(ThreadPool& pool, const Matrix& inputs, const LikelihoodEstimator& dense,
                      const LikelihoodEstimator* sparse);
    void save() const;
    void reach(const char* stage);

    LikelihoodExperimentSettings settings_;
    ExperimentObserver* observer_ = nullptr;
    DatasetSplits digits_;
    std::shared_ptr<const AutoencoderSet> set_;
    std::optional<LikelihoodModel> fromFile_;
    std::shared_ptr<LikelihoodModel> model_;
    std::unique_ptr<LikelihoodEstimator> estimator_;
    double validationMeanError_ = -1;
    bool stopped_ = false;
    LikelihoodResult result_;
};

} // namespace latentset
