#include "latentset/likelihood/Auroc.h"

#include "latentset/util/Error.h"

#include <algorithm>
#include <cmath>
#include <utility>

namespace latentset {

double Auroc::compute(const std::vector<double>& normalScores, const std::vector<double>& anomalousScores)
{
    if (normalScores.empty() || anomalousScores.empty())
        throw Error("AUROC: needs at least one normal and one anomalous score");
    // (score, isAnomalous), sorted by score; ranks averaged over ties.
    std::vector<std::pair<double, bool>> all;
    all.reserve(normalScores.size() + anomalousScores.size());
    for (double s : normalScores) {
        if (std::isnan(s))
            throw Error("AUROC: a normal score is NaN");
        all.emplace_back(s, false);
    }
    for (double s : anomalousScores) {
        if (std::isnan(s))
            throw Error("AUROC: an anomalous score is NaN");
        all.emplace_back(s, true);
    }
    std::sort(all.begin(), all.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    double anomalousRankSum = 0;
    std::size_t i = 0;
    while (i < all.size()) {
        std::size_t j = i;
        while (j < all.size() && all[j].first == all[i].first)
            ++j;
        const double averageRank = 0.5 * double(i + 1 + j); // ranks i+1..j
        for (std::size_t t = i; t < j; ++t)
            if (all[t].second)
                anomalousRankSum += averageRank;
        i = j;
    }
    const double na = double(anomalousScores.size());
    const double nn = double(normalScores.size());
    return (anomalousRankSum - na * (na + 1) / 2) / (na * nn);
}

} // namespace latentset
