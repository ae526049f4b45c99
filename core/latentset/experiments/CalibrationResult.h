#pragma once
// What a CalibrationExperiment measured (a value; no Qt). Probabilities and
// accuracies are fractions in [0, 1].
#include "latentset/experiments/CalibrationMetrics.h"

#include <string>
#include <utility>
#include <vector>

namespace latentset {

// One family of blends (random pairs, or the most confused class pairs).
struct BlendFamily {
    Index pairs = 0;
    // Of the blends at weights 0.4, 0.5 and 0.6: the fraction whose two
    // source classes are the model's top two.
    double topTwoSet = -1, topTwoMlp = -1;
    // Mean posterior of the first source's class (a) and the second's (b) at
    // each weight, per model.
    std::vector<double> setA, setB, mlpA, mlpB;
};

struct CalibrationResult {
    std::string dataset;
    Index testImages = 0, validationImages = 0;
    int classes = 0;
    bool likelihoodFromFile = false; // eq. 5's constants read from the model file
    double setTemperature = 1;       // eq. 5's fitted softmax temperature
    CalibrationScore set, mlp;       // test split
    // The MLP with one temperature fitted on the same held-out split (what a
    // fair comparison allows the softmax too).
    double mlpTemperature = 1;
    CalibrationScore mlpTempered;
    std::vector<double> weights;     // 0, 0.1, ..., 1
    BlendFamily random, confused;
    std::vector<std::pair<int, int>> confusedClassPairs;
    double seconds = 0;
    bool stopped = false;
};

} // namespace latentset
