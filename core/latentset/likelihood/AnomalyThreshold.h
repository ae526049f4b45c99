#pragma once
#include <vector>

namespace latentset {

// An anomaly threshold chosen on validation data: the score below which a
// fraction (1 - falseAlarmRate) of NORMAL validation inputs fall. Inputs
// scoring above it are reported as anomalies.
class AnomalyThreshold {
public:
    // Requires at least one score and 0 <= falseAlarmRate < 1; throws Error otherwise.
    static double fromNormalScores(std::vector<double> normalScores, double falseAlarmRate);
    // Fraction of scores strictly above the threshold.
    static double flaggedFraction(const std::vector<double>& scores, double threshold);
};

} // namespace latentset
