#pragma once
// Settings of the class-set experiment (ClassSetExperiment): one autoencoder
// per class trained on any labelled dataset, decision by the smallest
// reconstruction error, and the MLP baseline on the same data. A value
// type; the defaults are the paper's recipe as `latentset-cli mnist` runs it
// (README: 98.63 % at 20 epochs): AutoencoderConfig::paperMnist() (784-2048-16
// tied, BCE), Adam lr 1e-3 with a cosine schedule, batch 64 (docs/engine.md),
// MLP batch 128.
//
// Seed rule (one for every front end, docs/architecture.md "experiments/"):
// member weights come from Random(seed); batch order and masking noise from
// batchOrderSeed(seed) = seed ^ 0x5eed; the MLP's weights from seed + 1000
// and its batch order from seed ^ 0x31337. The GUI and the CLI both build
// their tasks through taskSettings()/memberSeed(), so the same settings give
// the same bits.
//
// JSON: toJson() writes every field; fromJson() takes a (possibly partial)
// object, missing keys keep their defaults, a wrong kind or an
// out-of-range value throws latentset::Error naming the key.
#include "latentset/nn/AutoencoderConfig.h"
#include "latentset/nn/ClassSetTask.h"
#include "latentset/nn/OptimizerSettings.h"
#include "latentset/util/JsonValue.h"
#include "latentset/util/Types.h"

#include <cstdint>
#include <string>

namespace latentset {

struct ClassSetExperimentSettings {
    enum class Decision { Raw, Calibrated };
    enum class ErrorMeasure { SquaredError, TrainingLoss };

    // Data: a folder or catalog id (DatasetCatalog::load); empty = the MNIST
    // folder of the set-up (DatasetCatalog::mnistDirectory()).
    std::string dataset;
    Index limit = 0;      // first N training images only (0 = all)
    Index validation = 0; // images carved from training for the calibration (0 = none)

    // The member shape; inputSize is replaced by the dataset's pixel count.
    AutoencoderConfig model = AutoencoderConfig::paperMnist();
    std::int64_t epochs = 20;
    std::int64_t mlpEpochs = -1; // -1 = epochs; 0 = no MLP baseline
    Index batchSize = 64;
    Index mlpBatchSize = 128;
    OptimizerSettings optimizer = paperOptimizer();
    float maskingNoise = 0.0f;
    int shiftPixels = 0;

    Decision decision = Decision::Raw;
    ErrorMeasure error = ErrorMeasure::SquaredError;
    Index calibrationPerClass = 500; // training images per class for the calibration when validation == 0

    unsigned threads = 0; // 0 = all cores
    std::uint64_t seed = 1;
    // Measure the SGEMM rate before and after training (the CLI's speed and
    // roofline line; ~2 s). A front end that shows no speed line turns it off.
    bool gemmBenchmark = true;

    // Evaluate a saved set (and its MLP, if the file holds one) instead of
    // training; empty = train. With savePath: re-save it with the new
    // calibration. savePath empty = do not save.
    std::string loadPath;
    std::string savePath;

    static OptimizerSettings paperOptimizer(); // Adam lr 1e-3, cosine
    static std::uint64_t batchOrderSeed(std::uint64_t seed) { return seed ^ 0x5eedULL; }
    static std::uint64_t mlpWeightSeed(std::uint64_t seed) { return seed + 1000; }
    static std::uint64_t mlpBatchOrderSeed(std::uint64_t seed) { return seed ^ 0x31337ULL; }

    std::int64_t effectiveMlpEpochs() const { return mlpEpochs < 0 ? epochs : mlpEpochs; }
    // The ClassSetTask settings of this recipe (batch order seeded by the rule above).
    ClassSetSettings taskSettings() const;
    // Member weights seed.
    std::uint64_t memberSeed() const { return seed; }

    // Throws latentset::Error naming the field.
    void validate() const;
    JsonValue toJson() const;
    static ClassSetExperimentSettings fromJson(const JsonValue& json);
    bool operator==(const ClassSetExperimentSettings& other) const { return toJson() == other.toJson(); }
};

// The member-shape part of the JSON ("hidden": [..], "latent", "tied",
// "loss"), shared by every settings type that names a member config.
JsonValue autoencoderShapeToJson(const AutoencoderConfig& config);
AutoencoderConfig autoencoderShapeFromJson(const JsonValue& json, const AutoencoderConfig& fallback);
JsonValue optimizerToJson(const OptimizerSettings& optimizer);
OptimizerSettings optimizerFromJson(const JsonValue& json, const OptimizerSettings& fallback);

} // namespace latentset
