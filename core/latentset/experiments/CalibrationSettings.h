#pragma once
// Settings of the calibration experiment (CalibrationExperiment): the class
// set's posterior over classes (eq. 5, calibrated on a held-out split)
// against the MLP's softmax, and both on blends of two digits
// (docs/less-is-more.md). The model file is one `latentset-cli mnist
// --validation N --save F` wrote: the set and its MLP, trained without the
// N validation images; `validation` must be that N (the same split is carved
// again). The likelihood model (sigma, p(z), eq. 5's constants) comes from
// the file when `latentset-cli likelihood --save` put it there, else it is
// fitted here as the likelihood experiment fits it.
//
// Blends: `blendPairs` random pairs of test digits of different classes, and
// for each of the `confusedPairs` class pairs the two models confuse most on
// the test split, `blendsPerConfusedPair` pairs of digits of those classes;
// each pair blended at weights 0, 0.1, ..., 1. "Near 0.5" = weights 0.4, 0.5
// and 0.6. Seeded by `seed`.
//
// JSON as the other settings types.
#include "latentset/likelihood/LikelihoodSettings.h"
#include "latentset/util/JsonValue.h"
#include "latentset/util/Types.h"

#include <cstdint>
#include <string>

namespace latentset {

struct CalibrationSettings {
    std::string model;              // required
    std::string dataset = "mnist";
    Index validation = 5000;
    Index limit = 0;                // first N test images (0 = all)
    int bins = 15;
    LikelihoodSettings likelihood;  // when the file holds no likelihood model
    Index blendPairs = 200;
    int confusedPairs = 5;
    Index blendsPerConfusedPair = 40;
    std::uint64_t seed = 1;
    unsigned threads = 0;

    void validate() const; // throws latentset::Error naming the field
    JsonValue toJson() const;
    static CalibrationSettings fromJson(const JsonValue& json);
    bool operator==(const CalibrationSettings& other) const { return toJson() == other.toJson(); }
};

} // namespace latentset
