#pragma once
// Trains the Mlp baseline on a labelled dataset as a TrainingTask
// (data-parallel over the pool, see Mlp.h).
#include "latentset/data/Dataset.h"
#include "latentset/data/EpochOrder.h"
#include "latentset/nn/Mlp.h"
#include "latentset/nn/OptimizerSettings.h"
#include "latentset/nn/TrainingTask.h"
#include "latentset/util/Random.h"

namespace latentset {

struct MlpSnapshot : TaskSnapshot {
    Mlp mlp; // values only
};

class MlpTask : public TrainingTask {
public:
    MlpTask(Mlp mlp, Dataset train, Index batchSize, OptimizerSettings optimizer, std::uint64_t seed);

    std::vector<std::string> lossNames() const override { return {"mlp"}; }
    std::size_t batchesPerEpoch() const override;
    StepResult step(ThreadPool& pool, double progress, double totalEpochs) override;
    std::shared_ptr<const TaskSnapshot> snapshot() const override;
    double flopsPerSample() const override { return mlp_.trainingFlopsPerSample(); }

    const Mlp& mlp() const { return mlp_; }
    Mlp& mlp() { return mlp_; }

private:
    Mlp mlp_;
    Dataset train_;
    Index batchSize_;
    OptimizerSettings optimizer_;
    Random rng_;
    EpochOrder order_;
    std::size_t steps_ = 0;
    Matrix batch_;
    std::vector<int> labels_;
};

} // namespace latentset
