#pragma once
// What a Trainer runs: one mini-batch step at a time over a thread pool.
// The MNIST class set (ClassSetTask), the MLP baseline (MlpTask) and the cube
// world's shared-latent cross-training are all TrainingTasks, so they share
// the Trainer's threads, pause/step/cancel, progress reports, snapshots and
// NaN guard.
//
// Thread rules: the Trainer calls every function below from its own
// training thread, one call at a time; step() and endEpoch() may fan out over
// `pool`. snapshot() must return an object that no later step modifies
// (copy the weights), because readers on other threads keep it.
#include <cstddef>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace latentset {

class ThreadPool;

// Base of the immutable model copies a Trainer publishes. Concrete tasks
// derive (e.g. AutoencoderSetSnapshot); readers std::dynamic_pointer_cast.
struct TaskSnapshot {
    virtual ~TaskSnapshot() = default;
    std::size_t epoch = 0; // epochs completed when the copy was taken
    std::size_t batch = 0; // batches completed within that epoch
};

struct StepResult {
    std::vector<float> losses; // one per lossNames() entry
    std::size_t samples = 0;   // samples processed by this step (for samples/s)
};

class TrainingTask {
public:
    virtual ~TrainingTask() = default;
    // Names of the loss values step() returns ("0".."9", "mlp"...).
    virtual std::vector<std::string> lossNames() const = 0;
    virtual std::size_t batchesPerEpoch() const = 0;
    // Called before the first batch of every epoch (0-based).
    virtual void beginEpoch(std::size_t /*epoch*/) {}
    // One mini-batch step. `progress` is the fractional epoch (epoch +
    // batch / batchesPerEpoch) and `totalEpochs` the planned length, for
    // learning-rate schedules.
    virtual StepResult step(ThreadPool& pool, double progress, double totalEpochs) = 0;
    // After the last batch of an epoch: evaluation figures for the history
    // ("val_accuracy", ...). Default: none.
    virtual std::vector<std::pair<std::string, double>> endEpoch(ThreadPool& /*pool*/, std::size_t /*epoch*/)
    {
        return {};
    }
    virtual std::shared_ptr<const TaskSnapshot> snapshot() const = 0;
    // Matrix-product FLOPs per processed sample (0 if unknown), for GFLOP/s.
    virtual double flopsPerSample() const { return 0.0; }
};

} // namespace latentset
