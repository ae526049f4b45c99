#pragma once
// What a ClassSetExperiment measured (a value; no Qt). Accuracies are
// fractions in [0, 1]; times in seconds.
#include "latentset/nn/AutoencoderSet.h"
#include "latentset/nn/ConfusionMatrix.h"
#include "latentset/util/Types.h"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace latentset {

struct ClassSetResult {
    static constexpr double kPaperSetAccuracy = 0.986;
    static constexpr double kPaperMlpAccuracy = 0.984;

    // "data"
    std::string dataset; // the splits' name, else the source as given
    Index trainImages = 0, testImages = 0;
    int width = 0, height = 0, classes = 0;
    double loadSeconds = 0;
    std::vector<std::string> classNames;
    // "model"
    std::string memberDescription; // AutoencoderConfig::describe()
    unsigned threads = 0;
    bool loaded = false;            // evaluated a saved set (settings.loadPath)
    std::int64_t loadedSteps = 0;   // member 0's step count of a loaded set
    // "set trained"
    std::int64_t epochs = 0;        // set epochs run (0 for a loaded set)
    std::vector<double> setEpochLosses; // mean over members, per epoch
    double setSeconds = 0;
    double samplesPerSecond = 0, gflops = 0, gemmGflops = 0;
    // "set evaluated"
    ConfusionMatrix raw{0}, calibratedMatrix{0};
    bool calibrated = false;        // a calibration was fitted
    bool usedCalibrated = false;    // the decision reported is the calibrated one
    double evalSeconds = 0;
    const ConfusionMatrix& setMatrix() const { return usedCalibrated ? calibratedMatrix : raw; }
    // "mlp" / "mlp evaluated"
    bool mlpTrained = false, mlpFromFile = false;
    Index mlpInputs = 0, mlpHidden = 0, mlpBatch = 0;
    double mlpLearningRate = 0;
    double mlpAccuracy = -1;        // -1 = skipped
    ConfusionMatrix mlp{0};
    std::vector<double> mlpEpochLosses;
    double mlpSeconds = 0;
    // "saved"
    std::string savedPath;          // empty = not saved
    // end
    double peakRssMb = 0;
    bool stopped = false;
    std::shared_ptr<const AutoencoderSet> set; // the trained set, values only
};

} // namespace latentset
