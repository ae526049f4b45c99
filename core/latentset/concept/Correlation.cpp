#include "latentset/concept/Correlation.h"

#include "latentset/util/Error.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <string>
#include <vector>

namespace latentset {

double Correlation::pearson(const Vector& a, const Vector& b)
{
    if (a.size() != b.size() || a.size() < 2)
        throw Error("correlation: needs two series of the same length >= 2 (got "
                    + std::to_string(a.size()) + " and " + std::to_string(b.size()) + ")");
    // Double precision: the maps' values are large negative log-likelihoods.
    const Eigen::VectorXd x = a.cast<double>().array() - a.cast<double>().mean();
    const Eigen::VectorXd y = b.cast<double>().array() - b.cast<double>().mean();
    const double denominator = std::sqrt(x.squaredNorm() * y.squaredNorm());
    return denominator > 0 ? x.dot(y) / denominator : 0.0;
}

Vector Correlation::ranks(const Vector& values)
{
    const Index n = values.size();
    std::vector<Index> order(static_cast<std::size_t>(n));
    std::iota(order.begin(), order.end(), Index(0));
    std::stable_sort(order.begin(), order.end(), [&](Index i, Index j) { return values[i] < values[j]; });
    Vector r(n);
    for (Index i = 0; i < n;) {
        Index j = i;
        while (j + 1 < n && values[order[std::size_t(j + 1)]] == values[order[std::size_t(i)]])
            ++j;
        const float average = 0.5f * float(i + j);
        for (Index k = i; k <= j; ++k)
            r[order[std::size_t(k)]] = average;
        i = j + 1;
    }
    return r;
}

double Correlation::spearman(const Vector& a, const Vector& b)
{
    if (a.size() != b.size())
        throw Error("correlation: series of different lengths");
    return pearson(ranks(a), ranks(b));
}

} // namespace latentset
