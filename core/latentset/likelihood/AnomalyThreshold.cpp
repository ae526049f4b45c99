#include "latentset/likelihood/AnomalyThreshold.h"

#include "latentset/util/Error.h"

#include <algorithm>
#include <cmath>

namespace latentset {

double AnomalyThreshold::fromNormalScores(std::vector<double> scores, double falseAlarmRate)
{
    if (scores.empty())
        throw Error("anomaly threshold: no validation scores");
    if (!(falseAlarmRate >= 0 && falseAlarmRate < 1))
        throw Error("anomaly threshold: the false-alarm rate must be in [0, 1)");
    std::sort(scores.begin(), scores.end());
    // The smallest score with at most falseAlarmRate of the scores above it.
    const std::size_t above = std::size_t(std::floor(falseAlarmRate * double(scores.size())));
    return scores[scores.size() - 1 - std::min(above, scores.size() - 1)];
}

double AnomalyThreshold::flaggedFraction(const std::vector<double>& scores, double threshold)
{
    if (scores.empty())
        return 0.0;
    std::size_t flagged = 0;
    for (double s : scores)
        if (s > threshold)
            ++flagged;
    return double(flagged) / double(scores.size());
}

} // namespace latentset
