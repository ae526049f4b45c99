#pragma once
#include "latentset/nn/AutoencoderConfig.h"
#include "latentset/nn/OptimizerSettings.h"
#include "latentset/util/Types.h"

#include <cstdint>
#include <string>

// The class-set training's settings as the Training view edits them: a
// value type (dataset, validation split, member shape, epochs, batch size,
// optimiser, masking noise, seed), the fields of core's class-set experiment
// settings under the same names, so the form and the project JSON map one
// struct. Defaults: the paper's MNIST recipe as latentset-cli mnist runs it.
struct ClassSetFormValues {
    std::string dataset = "mnist";
    latentset::Index validation = 5000;
    latentset::AutoencoderConfig model = latentset::AutoencoderConfig::paperMnist();
    std::int64_t epochs = 20;
    latentset::Index batchSize = 64;
    latentset::OptimizerSettings optimizer;
    float maskingNoise = 0.0f;
    std::uint64_t seed = 1;
};
