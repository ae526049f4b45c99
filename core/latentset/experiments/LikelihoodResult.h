#pragma once
// What a LikelihoodExperiment measured (a value; no Qt). Accuracies and
// fractions in [0, 1]; speed figures in ms per input on one thread (CPU
// time; "wall" beside it).
#include "latentset/likelihood/Calibration.h"
#include "latentset/likelihood/LikelihoodModel.h"
#include "latentset/likelihood/LikelihoodTerms.h"
#include "latentset/likelihood/PathCalibration.h"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace latentset {

struct LikelihoodResult {
    // "data"
    std::string dataset;
    Index trainImages = 0, validationImages = 0, testImages = 0, evaluated = 0;
    // "model"
    int members = 0;
    std::string memberDescription;
    // "path": the sparse path's coverage and, under path auto, the choice
    bool reused = false; // sigma, p(z) and calibration read from the model file
    int sparseMembers = 0;
    double sparseCacheMb = 0;
    std::optional<PathCalibration> pathChoice;
    double pathChoiceMs = 0;
    // "fitted" (only when eq. 5's constants were fitted here: fittedCalibration)
    bool fittedCalibration = false;
    double fitSeconds = 0, initialLoss = 0, finalLoss = 0, temperature = 0;
    std::vector<double> sigmas;
    bool pooledSigma = false;
    double pooledSigmaValue = 0;
    // "test"
    double accRecon = 0, accSigma = 0, accPz = 0, accFull = 0, accCalibrated = 0;
    int crossFolds = 5;
    std::optional<double> accCrossFit; // when the test split has >= 10 images per fold
    std::optional<double> validationTestErrorRatio;
    double validationMeanError = 0, testMeanError = 0;
    double singularFraction = 0;
    // "anomalies"
    struct Anomaly {
        std::string key, title; // "auroc_fashion", "Fashion-MNIST test"
        Index count = 0;
        double auroc = 0, aurocRecon = 0, flagged = 0;
    };
    double anomalyThreshold = 0;
    std::vector<Anomaly> anomalies;
    double normalFlagged = 0;
    // "speed run" (one per repeat; the latest is runs.back()) and "speed"
    struct Speed {
        double batch = 0, batchWall = 0, single = 0, singleWall = 0;
    };
    struct SpeedRun {
        Speed chosen, dense, sparse; // dense/sparse: when compared
    };
    Index speedCount = 0;
    bool compareDense = false, compareSparse = false;
    std::vector<SpeedRun> runs;
    double msPerInput = 0, msPerInputWall = 0, msSingle = 0, msSingleWall = 0;
    double denseBatch = 0, denseSingle = 0, sparseBatch = 0, sparseSingle = 0;
    double vsBestBatch = 0, vsBestAlone = 0;
    double pathMaxRelativeDifference = 0;
    int sameDecision = 0;
    double imagesPerSecond = 0;
    unsigned threads = 0;
    // Every evaluated set (test split first, then the anomalies) for a
    // front end's per-sample CSV; labels -1 for anomalies.
    struct Evaluated {
        std::string name;
        LikelihoodTerms terms;
        std::vector<int> labels;
    };
    std::vector<Evaluated> sets;
    std::shared_ptr<const LikelihoodModel> model;
    bool saved = false;
};

} // namespace latentset
