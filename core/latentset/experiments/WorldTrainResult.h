#pragma once
// What a WorldTrainExperiment measured (a value; no Qt). Errors are mean
// squared errors per mask pixel (world/WorldTransfer).
#include "latentset/nn/AutoencoderSet.h"
#include "latentset/nn/MetricHistory.h"
#include "latentset/world/ContextWorld.h"
#include "latentset/world/WorldTransfer.h"

#include <cstdint>
#include <memory>
#include <string>

namespace latentset {

struct WorldTrainResult {
    // "model"
    std::shared_ptr<const ContextWorld> world; // the training view
    std::string memberDescription;
    unsigned threads = 0;
    double setupSeconds = 0;
    // during training (progress): rounds done so far; at "trained": all of them
    std::int64_t rounds = 0;
    // "trained"
    double trainSeconds = 0;
    double msPerRound = 0;
    double samplesPerSecond = 0;
    std::shared_ptr<const AutoencoderSet> members; // values only
    // The losses at each progress report: round, self, cross (mean loss per
    // pixel of the rounds since the last report; 0 = none of that kind).
    // Saved in the model file (WorldModel::history).
    MetricHistory history;
    // "evaluated"
    double evalSeconds = 0;
    TransferErrors transfer;
    double noiseVariance = 0; // WorldLikelihood's sigma^2, on training items
    double peakRssMb = 0;
    bool stopped = false; // a stop request (not the time budget) ended the training
};

} // namespace latentset
