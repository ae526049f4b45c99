#pragma once
// Learning curves (docs/less-is-more.md): test accuracy of the class set
// (decision by the smallest squared reconstruction error) and the MLP
// baseline against training images per class, on the same stratified
// seeded subsets, the same optimiser budget at every size (FewShotSettings).
// `latentset-cli fewshot` is a front end of it.
//
// Stages, with what partial() holds: "data", then "point" after each
// (size, seed) — points.back() filled. Phases of progress()/epochFinished():
// "set", "mlp".
//
// Threads: run() blocks; `threads` pool workers. Stop: cancels the running
// training; the result has stopped = true.
#include "latentset/data/DatasetSplits.h"
#include "latentset/experiments/ExperimentObserver.h"
#include "latentset/experiments/FewShotSettings.h"
#include "latentset/experiments/IncrementalResult.h"
#include "latentset/experiments/StopToken.h"

#include <optional>

namespace latentset {

class ThreadPool;

struct FewShotPoint {
    Index perClass = 0;  // 0 = all
    Index trainImages = 0;
    std::uint64_t seed = 0;
    double setAccuracy = -1, mlpAccuracy = -1;
    double seconds = 0;
};

struct FewShotResult {
    static constexpr double kPaperSetAccuracy = 0.986, kPaperMlpAccuracy = 0.984; // full data, the paper
    std::string dataset;
    std::vector<Index> sizes;
    std::vector<FewShotPoint> points;
    double seconds = 0;
    bool stopped = false;

    // Mean ± sd over the seeds of one size (its index in sizes).
    MeanSd set(std::size_t size) const;
    MeanSd mlp(std::size_t size) const;
};

class FewShotExperiment {
public:
    explicit FewShotExperiment(FewShotSettings settings);
    FewShotExperiment(FewShotSettings settings, DatasetSplits data);

    FewShotResult run(ExperimentObserver* observer = nullptr, StopToken stop = {});
    const FewShotResult& partial() const { return result_; }
    const FewShotSettings& settings() const { return settings_; }

private:
    void loadData();
    bool runPoint(FewShotPoint& point, ThreadPool& pool, const StopToken& stop);

    FewShotSettings settings_;
    std::optional<DatasetSplits> given_;
    DatasetSplits splits_;
    Dataset test_;
    ExperimentObserver* observer_ = nullptr;
    FewShotResult result_;
};

} // namespace latentset
