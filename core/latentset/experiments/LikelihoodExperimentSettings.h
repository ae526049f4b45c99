#pragma once
// Settings of the likelihood experiment (LikelihoodExperiment): the paper's
// eq. 4/5 on a class set. A value type; the defaults are what
// `latentset-cli likelihood` has always used (8 mixture components, pooled
// scalar sigma, 5,000 validation images, ridge 1e-5, path auto). JSON as
// ClassSetExperimentSettings.
//
// Seed rule: `seed` seeds the uniform-noise anomaly images and, with
// --quick-train, the throwaway set exactly as ClassSetExperimentSettings
// does (member weights from seed, batch order from seed ^ 0x5eed).
#include "latentset/likelihood/LikelihoodEstimator.h"
#include "latentset/likelihood/LikelihoodSettings.h"
#include "latentset/util/JsonValue.h"
#include "latentset/util/Types.h"

#include <cstdint>
#include <string>

namespace latentset {

struct LikelihoodExperimentSettings {
    std::string model;                  // class-set model file; may be empty with quickTrainEpochs > 0
    std::string dataset = "mnist";      // the classes (id or folder)
    std::string fashion = "fashion-mnist"; // anomalies; skipped with a note if it does not load
    Index limit = 0;                    // first N test images of each set (0 = all)
    Index validation = 5000;            // carved from training: calibration and threshold
    Index speedSamples = 128;
    int speedRepeat = 1;
    LikelihoodEstimator::Path path = LikelihoodEstimator::Path::Automatic;
    LikelihoodSettings likelihood;
    bool refit = false;                 // refit sigma, p(z), calibration even if the file holds them
    bool recalibrate = false;           // refit only eq. 5's constants and the threshold
    double calibrationRidge = 1e-5;     // Calibration::Options{}.ridge
    bool save = false;                  // write the fitted chunks back into `model`
    int quickTrainEpochs = 0;           // > 0: train a throwaway set here instead of reading `model`
    Index quickHidden = 2048;
    unsigned threads = 0;
    std::uint64_t seed = 1;

    void validate() const; // throws latentset::Error
    JsonValue toJson() const;
    static LikelihoodExperimentSettings fromJson(const JsonValue& json);
    bool operator==(const LikelihoodExperimentSettings& other) const { return toJson() == other.toJson(); }
};

} // namespace latentset
