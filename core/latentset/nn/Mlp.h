#pragma once
// The paper's baseline classifier: input -> hidden relu -> classes softmax,
// trained with cross-entropy by the same Optimizer as the autoencoders.
//
// Shapes: X is inputSize x B (one column per sample); probabilities()
// returns classes x B. W1 is hidden x input, W2 classes x hidden.
//
// trainStep splits the batch into one contiguous slice per pool thread
// (data-parallel), each thread accumulates gradients into its own buffers,
// and the buffers are summed in thread order: the result depends on the
// thread count but never on timing. Thread rules as for Autoencoder: const
// functions are safe concurrently; training is one caller at a time.
#include "latentset/nn/OptimizerSettings.h"
#include "latentset/nn/Parameter.h"
#include "latentset/util/Types.h"

#include <cstdint>
#include <vector>

namespace latentset {

class ThreadPool;

class Mlp {
public:
    Mlp() = default;
    // He init for W1, Xavier for W2, zero biases; draws from `seed`.
    Mlp(Index inputSize, Index hiddenSize, Index classCount, std::uint64_t seed);

    Index inputSize() const { return w1_.value.cols(); }
    Index hiddenSize() const { return w1_.value.rows(); }
    Index classCount() const { return w2_.value.rows(); }

    Matrix probabilities(const Matrix& X) const;
    std::vector<int> predict(const Matrix& X) const;

    // One optimiser step on a batch with integer labels in [0, classCount).
    // Returns the mean cross-entropy. pool may be null (single thread).
    float trainStep(const Matrix& X, const std::vector<int>& labels, const OptimizerSettings& settings,
                    float learningRate, ThreadPool* pool);

    std::vector<Parameter*> parameters() { return {&w1_, &w2_, &b1_, &b2_}; }
    std::vector<const Parameter*> parameters() const { return {&w1_, &w2_, &b1_, &b2_}; }
    std::uint64_t stepCount() const { return steps_; }
    void setStepCount(std::uint64_t s) { steps_ = s; }
    Mlp inferenceCopy() const;
    double trainingFlopsPerSample() const;

private:
    struct Slice {
        Matrix h, p, delta2, dh, gW1, gW2, gb1, gb2;
    };
    float sliceGradients(const Matrix& X, const std::vector<int>& labels, Index begin, Index end, float scale,
                         Slice& s) const;
    void reduceAndAdam(const OptimizerSettings& settings, float learningRate, unsigned T, ThreadPool* pool);

    Parameter w1_, b1_, w2_, b2_;
    std::uint64_t steps_ = 0;
    std::vector<Slice> slices_;
};

} // namespace latentset
