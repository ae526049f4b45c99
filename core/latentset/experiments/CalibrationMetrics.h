#pragma once
// How well a classifier's probabilities match its hit rate
// (docs/less-is-more.md): the expected calibration error over equal-width
// confidence bins (Guo et al. 2017: ECE = sum_b n_b / N |acc_b - conf_b|,
// confidence = the top probability), the negative log-likelihood of the true
// class, and the reliability diagram's data (per bin: count, mean
// confidence, accuracy).
//
// Shapes: log-probabilities are classes x N (one column per sample, each
// column's exp sums to 1), labels N entries in [0, classes).
#include "latentset/util/Types.h"

#include <Eigen/Core>
#include <vector>

namespace latentset {

struct ReliabilityBin {
    double lo = 0, hi = 0;
    Index count = 0;
    double confidence = 0, accuracy = 0; // means over the bin's samples (0 when empty)
};

struct CalibrationScore {
    double ece = 0, nll = 0, accuracy = 0;
    std::vector<ReliabilityBin> bins;
};

class CalibrationMetrics {
public:
    // Throws latentset::Error for mismatched sizes or bins < 1.
    static CalibrationScore score(const Eigen::MatrixXd& logProbabilities, const std::vector<int>& labels, int bins = 15);
    // Column-wise log-softmax of logits / temperature (temperature > 0).
    static Eigen::MatrixXd logSoftmax(const Eigen::MatrixXd& logits, double temperature = 1.0);
    // The temperature T minimising the NLL of softmax(logits / T) on labelled
    // samples (temperature scaling, Guo et al. 2017), by golden-section search
    // of log T over [1/100, 100].
    static double fitTemperature(const Eigen::MatrixXd& logits, const std::vector<int>& labels);
};

} // namespace latentset
