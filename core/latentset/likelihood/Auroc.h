#pragma once
#include <vector>

namespace latentset {

// Area under the ROC curve for an anomaly score (higher = more anomalous):
// the probability that a random anomalous input scores above a random normal
// one, ties counting one half (the Mann-Whitney U statistic / (n_a n_n)).
class Auroc {
public:
    // Requires both sets non-empty and scores free of NaN; throws Error otherwise.
    // O((n+m) log(n+m)).
    static double compute(const std::vector<double>& normalScores, const std::vector<double>& anomalousScores);
};

} // namespace latentset
