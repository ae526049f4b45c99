#include "latentset/concept/LocalMaxima.h"

#include <algorithm>

namespace latentset {

std::vector<int> LocalMaxima::find(const Vector& values, const Options& options)
{
    std::vector<int> order(std::size_t(values.size()));
    for (std::size_t i = 0; i < order.size(); ++i)
        order[i] = int(i);
    return find(values, order, options);
}

std::vector<int> LocalMaxima::find(const Vector& values, const std::vector<int>& order, const Options& options)
{
    const int n = int(order.size());
    std::vector<int> peaks;
    if (n == 0)
        return peaks;
    float lo = values[order[0]], hi = lo;
    for (int i : order) {
        lo = std::min(lo, values[i]);
        hi = std::max(hi, values[i]);
    }
    const float floor = std::max(options.minValue, lo + options.relative * (hi - lo));
    for (int p = 0; p < n; ++p) {
        const float v = values[order[p]];
        if (v < floor)
            continue;
        if (!options.circular && !options.endPeaks && (p == 0 || p == n - 1))
            continue;
        bool peak = true;
        for (int k = 1; k <= options.radius && peak; ++k) {
            for (int side : {-1, 1}) {
                int q = p + side * k;
                if (options.circular)
                    q = ((q % n) + n) % n;
                else if (q < 0 || q >= n)
                    continue;
                if (q == p)
                    continue;
                const float w = values[order[q]];
                // A plateau counts once: the earlier element of equal values wins.
                if (w > v || (w == v && q < p)) {
                    peak = false;
                    break;
                }
            }
        }
        if (peak)
            peaks.push_back(order[p]);
    }
    std::stable_sort(peaks.begin(), peaks.end(), [&](int a, int b) { return values[a] > values[b]; });
    if (options.maxCount > 0 && int(peaks.size()) > options.maxCount)
        peaks.resize(std::size_t(options.maxCount));
    return peaks;
}

} // namespace latentset
