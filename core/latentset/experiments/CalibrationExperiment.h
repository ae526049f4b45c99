#pragma once
// Multiple interpretations, measured (docs/less-is-more.md): the class set's
// posterior over classes (eq. 5, calibrated on a held-out split) against the
// MLP's softmax on the test split — ECE over 15 bins, NLL, the reliability
// diagram — and both on blends of two test digits of different classes
// (random pairs and the most confused class pairs) at weights 0, 0.1, ..., 1:
// how often the blends near 0.5 have their two sources as the model's top
// two, and the mean posterior of each source along the blend.
// `latentset-cli calibration` is a front end of it.
//
// Stages, with what partial() holds: "data", "model" (set, MLP and the
// likelihood model ready; likelihoodFromFile), "test" (the scores),
// "blends" (random), "confused" (the confused pairs' blends).
//
// Threads: run() blocks; evaluations use `threads` pool workers. Stop:
// checked between stages; a stopped result has stopped = true.
#include "latentset/data/DatasetSplits.h"
#include "latentset/experiments/CalibrationResult.h"
#include "latentset/experiments/CalibrationSettings.h"
#include "latentset/experiments/ExperimentObserver.h"
#include "latentset/experiments/StopToken.h"
#include "latentset/nn/Mlp.h"

#include <memory>

namespace latentset {

class AutoencoderSet;
class LikelihoodEstimator;
class LikelihoodModel;
class ThreadPool;

class CalibrationExperiment {
public:
    explicit CalibrationExperiment(CalibrationSettings settings);
    ~CalibrationExperiment();

    // Throws latentset::Error for bad settings, a missing file, a file
    // without an MLP, or a set that does not fit the dataset.
    CalibrationResult run(ExperimentObserver* observer = nullptr, StopToken stop = {});
    const CalibrationResult& partial() const { return result_; }
    const CalibrationSettings& settings() const { return settings_; }

    // Log-posteriors (classes x B) of images X (n x B): the set's eq. 5
    // softmax and the MLP's softmax. Valid after the "model" stage.
    Eigen::MatrixXd setLogPosterior(const Matrix& X, ThreadPool& pool) const;
    Eigen::MatrixXd mlpLogPosterior(const Matrix& X) const;

private:
    void loadData();
    void loadModels(ThreadPool& pool);
    void scoreTest(ThreadPool& pool);
    BlendFamily blend(const std::vector<std::pair<Index, Index>>& pairs, ThreadPool& pool) const;
    std::vector<std::pair<Index, Index>> randomPairs(Index count, int classA, int classB, std::uint64_t seed) const;
    void reach(const char* stage);

    CalibrationSettings settings_;
    ExperimentObserver* observer_ = nullptr;
    DatasetSplits data_;
    Dataset test_; // the test images scored (settings.limit)
    std::shared_ptr<const AutoencoderSet> set_;
    std::shared_ptr<LikelihoodModel> likelihood_;
    std::unique_ptr<LikelihoodEstimator> estimator_;
    Mlp mlp_;
    std::vector<int> setDecisions_, mlpDecisions_;
    CalibrationResult result_;
};

} // namespace latentset
