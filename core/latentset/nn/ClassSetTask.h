#pragma once
// Trains an AutoencoderSet with one member per class, member i only on the
// images of class i (the paper's classification workbench). Each step trains
// every member on one mini-batch of its own class; members run in parallel
// over the pool (member-parallel: each thread owns whole members, so there is
// no gradient reduction and the result does not depend on timing).
//
// Options that help classification by reconstruction error: BCE loss (the
// config's), masking noise (denoising: a fraction of input pixels zeroed,
// target clean), small random translations of the training images (each
// member then models its class's digits at any nearby position, so a test
// digit written slightly off-centre is still explained by its own member),
// a learning-rate schedule.
#include "latentset/data/Dataset.h"
#include "latentset/data/EpochOrder.h"
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
    // Translation augmentation: each training image moved by a random
    // (dx, dy) in [-shiftPixels, shiftPixels]^2 (uncovered pixels 0), input
    // and target alike. Needs images of the Dataset's width x height.
    int shiftPixels = 0;
    std::uint64_t seed = 1;    // batch order and noise
};

class ClassSetTask : public TrainingTask {
public:
    // Member i trains on data[i] (its class's images). Throws Error if the
    // counts disagree or a member has no data.
    ClassSetTask(AutoencoderSet set, std::vector<Dataset> data, ClassSetSettings settings);

    std::vector<std::string> lossNames() const override;
    // Of the batch size in effect. Any thread (atomic).
    std::size_t batchesPerEpoch() const override { return batchesPerEpoch_.load(); }
    // Applies a batch size asked for with setBatchSize() (epoch boundary).
    void beginEpoch(std::size_t epoch) override;
    StepResult step(ThreadPool& pool, double progress, double totalEpochs) override;
    std::shared_ptr<const TaskSnapshot> snapshot() const override;
    double flopsPerSample() const override { return set_.trainingFlopsPerSample(); }

    // Only between steps (the Trainer's thread, or when no Trainer runs).
    const AutoencoderSet& set() const { return set_; }
    AutoencoderSet& set() { return set_; }
    // As built (optimizer.learningRate: the initial base rate; batchSize:
    // the initial one, see batchSize()).
    const ClassSetSettings& settings() const { return settings_; }
    // Mini-batch steps taken (restored by readState); read between steps.
    std::size_t stepsDone() const { return stepsDone_; }
    // The base learning rate (before the schedule), changeable while a
    // Trainer runs: any thread may set it; each step reads it once, so a
    // change applies from the next mini-batch (optimizer state kept).
    void setLearningRate(float rate); // throws Error unless rate > 0
    float learningRate() const { return learningRate_.load(); }
    // The batch size, changeable while a Trainer runs: any thread may ask;
    // the change applies at the next epoch boundary (beginEpoch), never
    // within an epoch, because an epoch is one pass over the data and the
    // Trainer's fractional epoch (learning-rate schedule, progress, curves)
    // counts batches of one size. Optimiser state is kept. Throws Error
    // unless size > 0.
    void setBatchSize(Index size);
    Index batchSize() const { return batchSize_.load(); }          // in effect
    Index requestedBatchSize() const { return requestedBatch_.load(); } // applies next epoch

    // Epochs completed and batches done in the current epoch: where a
    // Trainer resumes this task (TrainerSettings::startEpoch/startBatch).
    // Only between steps.
    std::size_t epochsDone() const { return epoch_; }
    std::size_t batchInEpoch() const { return batchInEpoch_; }

    // Batch order, noise state, position and the batch size in effect, for
    // bit-for-bit resume ("CSTK" chunk, v2; v1 files — no position or batch
    // size — still read). The set's optimiser state goes separately
    // (ModelFile::writeSet with state). Only between steps.
    void writeState(ChunkFile& file) const;
    // readState throws latentset::Error for a state that does not fit (and
    // then changes nothing).
    void readState(const ChunkFile& file);

private:
    struct Stream {
        Random rng{1};
        EpochOrder epoch; // batch order
        Matrix batch, clean;
    };
    void nextBatch(int member);
    void shiftBatch(Stream& s, const Dataset& d) const;

    AutoencoderSet set_;
    std::vector<Dataset> data_;
    ClassSetSettings settings_;
    std::vector<Stream> streams_;
    std::size_t batchesFor(Index batchSize) const;

    Index totalImages_ = 0;
    std::atomic<std::size_t> batchesPerEpoch_{0}; // read by the GUI thread too
    std::atomic<Index> batchSize_{0};              // in effect; written in beginEpoch/readState only
    std::atomic<Index> requestedBatch_{0};         // set from any thread (setBatchSize)
    std::size_t stepsDone_ = 0;
    std::size_t epoch_ = 0, batchInEpoch_ = 0;
    std::atomic<float> learningRate_{0.0f}; // set from any thread (setLearningRate)
};

} // namespace latentset
