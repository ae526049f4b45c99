#pragma once
// Settings of the learning-curve experiment (FewShotExperiment): test
// accuracy of the class set and the MLP against training images per class
// (docs/less-is-more.md). For each size and seed both models train on the
// same stratified seeded subset (StratifiedSubset, seed = firstSeed + k).
//
// The optimiser budget rule: every run, at every size, takes the same
// number of Adam steps (`steps`, constant rate `learningRate`); a member's
// batch is min(memberBatch, n) images of its class and the MLP's
// min(mlpBatch, classes x n) images, so small subsets are not padded with
// repeats inside one batch and large ones see steps x batch images.
// Member weights: AutoencoderSet(model, classes, seed); batch order
// batchOrderSeed(seed); the MLP's as ClassSetExperimentSettings says.
//
// JSON as the other settings types; sizes: 0 = all images.
#include "latentset/nn/AutoencoderConfig.h"
#include "latentset/util/JsonValue.h"
#include "latentset/util/Types.h"

#include <cstdint>
#include <string>
#include <vector>

namespace latentset {

struct FewShotSettings {
    std::string dataset; // empty = the set-up's MNIST
    std::vector<Index> sizes{1, 5, 10, 50, 100, 500, 0};
    int seeds = 3;
    std::uint64_t firstSeed = 1;
    std::int64_t steps = 500;
    Index memberBatch = 64;
    Index mlpBatch = 128;
    float learningRate = 1e-3f;
    AutoencoderConfig model = AutoencoderConfig::paperMnist();
    Index mlpHidden = 2048;
    Index testLimit = 0; // first N test images (0 = all)
    unsigned threads = 0;

    void validate() const; // throws latentset::Error naming the field
    JsonValue toJson() const;
    static FewShotSettings fromJson(const JsonValue& json);
    bool operator==(const FewShotSettings& other) const { return toJson() == other.toJson(); }
};

} // namespace latentset
