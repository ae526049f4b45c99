#pragma once
// The MLP baseline trained on one task's images with experience replay
// (van de Ven, Tuytelaars & Tolias 2022): every step takes a mini-batch of
// the current task's images and, when the memory holds any, a mini-batch of
// stored images of earlier tasks, and trains on the two together (one
// batch: the mean cross-entropy weighs every image alike; docs/less-is-more.md).
// With an empty memory it is plain fine-tuning.
//
// Shapes as Mlp.h. Thread rules as TrainingTask's.
#include "latentset/data/Dataset.h"
#include "latentset/data/EpochOrder.h"
#include "latentset/nn/Mlp.h"
#include "latentset/nn/MlpTask.h"
#include "latentset/nn/OptimizerSettings.h"
#include "latentset/nn/TrainingTask.h"
#include "latentset/util/Random.h"

namespace latentset {

class ReplayMlpTask : public TrainingTask {
public:
    // `memory` may be empty. Throws latentset::Error for no current images,
    // batch sizes <= 0 or images of the wrong size.
    ReplayMlpTask(Mlp mlp, Dataset current, Dataset memory, Index batchSize, Index replayBatchSize,
                  OptimizerSettings optimizer, std::uint64_t seed);

    std::vector<std::string> lossNames() const override { return {"mlp"}; }
    std::size_t batchesPerEpoch() const override;
    StepResult step(ThreadPool& pool, double progress, double totalEpochs) override;
    std::shared_ptr<const TaskSnapshot> snapshot() const override;
    double flopsPerSample() const override { return mlp_.trainingFlopsPerSample(); }

    const Mlp& mlp() const { return mlp_; }
    Mlp& mlp() { return mlp_; }

private:
    struct Stream {
        Random rng{1};
        EpochOrder order;
    };

    Mlp mlp_;
    Dataset current_, memory_;
    Index batchSize_, replayBatchSize_;
    OptimizerSettings optimizer_;
    Stream currentStream_, memoryStream_;
    std::size_t steps_ = 0;
    Matrix batch_, part_;
    std::vector<int> labels_;
};

} // namespace latentset
