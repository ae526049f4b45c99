#pragma once
// What a CubeWorldExperiment measured (a value; no Qt). Errors are mean
// squared errors per mask pixel (cube/ContextTransfer).
#include "latentset/cube/ContextTransfer.h"
#include "latentset/cube/CubeContexts.h"
#include "latentset/nn/AutoencoderSet.h"

#include <cstdint>
#include <memory>
#include <string>

namespace latentset {

struct CubeWorldResult {
    // "model"
    std::shared_ptr<const CubeContexts> contexts;
    std::string memberDescription; // AutoencoderConfig::describe() of one member
    unsigned threads = 0;
    double setupSeconds = 0;
    double rssDataMb = 0, rssModelMb = 0; // resident memory after the data, after the members
    // during training (progress): rounds done so far; at "trained": all of them
    std::int64_t rounds = 0;
    // "trained"
    double trainSeconds = 0;
    double msPerRound = 0;
    double samplesPerSecond = 0;
    std::shared_ptr<const AutoencoderSet> members; // values only
    // "evaluated"
    double evalSeconds = 0;
    ContextTransfer::Errors transfer;
    double peakRssMb = 0;
    double memoryPerContextMb() const { return contexts ? (rssModelMb - rssDataMb) / contexts->size() : 0; }
    bool stopped = false; // a stop request (not the time budget) ended the training
};

} // namespace latentset
