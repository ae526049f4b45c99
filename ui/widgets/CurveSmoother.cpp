#include "widgets/CurveSmoother.h"

#include <algorithm>
#include <cmath>

double CurveSmoother::halfWidth(double smoothing, double spacing)
{
    if (!(smoothing > 0.0) || !(spacing > 0.0))
        return 0.0;
    const double s = std::min(smoothing, 0.99);
    return 0.5 * (1.0 + s) / (1.0 - s) * spacing;
}

QVector<double> CurveSmoother::smooth(const QVector<double>& x, const QVector<double>& y, double h)
{
    const int n = int(std::min(x.size(), y.size()));
    QVector<double> out = y;
    if (!(h > 0.0) || n < 3)
        return out;
    // Prefix sums of the finite values and their count: any window's mean in O(1).
    QVector<double> sum(n + 1, 0.0);
    QVector<int> count(n + 1, 0);
    for (int i = 0; i < n; ++i) {
        const bool finite = std::isfinite(y[i]);
        sum[i + 1] = sum[i] + (finite ? y[i] : 0.0);
        count[i + 1] = count[i] + (finite ? 1 : 0);
    }
    const double first = x[0], last = x[n - 1];
    // Both window bounds only move right as i grows (each is a max / min of
    // non-decreasing terms), so two cursors walk the data once.
    int lo = 0, hi = 0;
    for (int i = 0; i < n; ++i) {
        if (!std::isfinite(y[i]))
            continue;
        const double half = std::min({h, x[i] - first, last - x[i]});
        while (lo < i && x[lo] < x[i] - half)
            ++lo;
        hi = std::max(hi, i);
        while (hi + 1 < n && x[hi + 1] <= x[i] + half)
            ++hi;
        const int k = count[hi + 1] - count[lo];
        if (k > 0)
            out[i] = (sum[hi + 1] - sum[lo]) / k;
    }
    return out;
}
