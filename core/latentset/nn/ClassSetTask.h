#pragma once
// Trains an AutoencoderSet with one member per class, member i only on the
// images of class i (the paper's classification workbench). Each step trains
// every member on one mini-batch of its own class; members run in parallel
// over the pool (member-parallel: each thread owns whole members, so there is
// no gradient reduction and the result does not depend on timing).
//
// Options that help classification by reconstruction error: BCE loss (the
// config's), masking noise (denoising: a fraction of input pixels zeroed,
// target clean), a learning-rate schedule.
#include "latentset/data/Dataset.h"
#include "latentset/nn/AutoencoderSet.h"
#include "latentset/nn/OptimizerSettings.h"
#include "latentset/nn/TrainingTask.h"
#include "latentset/util/Random.h"

#include <atomic>
#include <memory>
#include <vector>

namespace latentset {

class ChunkFile;

struct AutoencoderSetSnapshot : TaskSnapshot {
    AutoencoderSet set; // values only (inferenceCopy)
};

struct ClassSetSettings {
    Index batchSize = 128;
    OptimizerSettings optimizer;
    float maskingNoise = 0.0f; // probability of zeroing each input pixel
    std::uint64_t seed = 1;    // batch order and noise
};

class ClassSetTask : public TrainingTask {
public:
    // Member i trains on data[i] (its class's images). Throws Error if the
    // counts disagree or a member has no data.
    ClassSetTask(AutoencoderSet set, std::vector<Dataset> data, ClassSetSettings settings);

    std::vector<std::string> lossNames() const override;
    std::size_t batchesPerEpoch() const override { return batchesPerEpoch_; }
    StepResult step(ThreadPool& pool, double progress, double totalEpochs) override;
    std::shared_ptr<const TaskSnapshot> snapshot() const override;
    double flopsPerSample() const override { return set_.trainingFlopsPerSample(); }

    // Only between steps (the Trainer's thread, or when no Trainer runs).
    const AutoencoderSet& set() const { return set_; }
    AutoencoderSet& set() { return set_; }
    // As built (optimizer.learningRate: the initial base rate).
    const ClassSetSettings& settings() const { return settings_; }
    // The base learning rate (before the schedule), changeable while a
    // Trainer runs: any thread may set it; each step reads it once, so a
    // change applies from the next mini-batch (optimizer state kept).
    void setLearningRate(float rate); // throws Error unless rate > 0
    float learningRate() const { return learningRate_.load(); }

    // Batch order and noise state, for bit-for-bit resume ("CSTK" chunk).
    void writeState(ChunkFile& file) const;
    void readState(const ChunkFile& file);

private:
    struct Stream {
        Random rng{1};
        std::vector<Index> order;
        std::size_t cursor = 0;
        Matrix batch, clean;
    };
    void nextBatch(int member);

    AutoencoderSet set_;
    std::vector<Dataset> data_;
    ClassSetSettings settings_;
    std::vector<Stream> streams_;
    std::size_t batchesPerEpoch_ = 0;
    std::size_t stepsDone_ = 0;
    std::atomic<float> learningRate_{0.0f}; // set from any thread (setLearningRate)
};

} // namespace latentset
