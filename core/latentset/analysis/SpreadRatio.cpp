#include "latentset/analysis/SpreadRatio.h"

#include "latentset/util/Error.h"

#include <algorithm>
#include <string>

namespace latentset {

SpreadRatio SpreadRatio::measure(const Matrix& codes, const std::vector<int>& item)
{
    const Index n = codes.cols();
    if (Index(item.size()) != n)
        throw Error("spread ratio: " + std::to_string(item.size()) + " item labels for " + std::to_string(n) + " codes");
    if (!codes.allFinite())
        throw Error("spread ratio: the codes hold NaN or infinite values");
    int items = 0;
    for (const int it : item) {
        if (it < 0)
            throw Error("spread ratio: a negative item label");
        items = std::max(items, it + 1);
    }
    const Index d = codes.rows();
    Eigen::MatrixXd centroid = Eigen::MatrixXd::Zero(d, items);
    std::vector<int> count(std::size_t(items), 0);
    for (Index i = 0; i < n; ++i) {
        centroid.col(item[std::size_t(i)]) += codes.col(i).cast<double>();
        ++count[std::size_t(item[std::size_t(i)])];
    }
    std::vector<int> present;
    for (int it = 0; it < items; ++it)
        if (count[std::size_t(it)] > 0) {
            centroid.col(it) /= double(count[std::size_t(it)]);
            present.push_back(it);
        }
    if (present.size() < 2)
        throw Error("spread ratio: needs codes of at least two items (got " + std::to_string(present.size()) + ")");
    std::vector<double> spread(std::size_t(items), 0.0);
    for (Index i = 0; i < n; ++i) {
        const int it = item[std::size_t(i)];
        spread[std::size_t(it)] += (codes.col(i).cast<double>() - centroid.col(it)).norm();
    }
    SpreadRatio r;
    r.items = int(present.size());
    int repeated = 0;
    for (const int it : present)
        if (count[std::size_t(it)] >= 2) {
            r.within += spread[std::size_t(it)] / double(count[std::size_t(it)]);
            ++repeated;
        }
    if (repeated == 0)
        throw Error("spread ratio: no item has codes in two contexts");
    r.within /= double(repeated);
    double pairs = 0.0;
    for (std::size_t a = 0; a < present.size(); ++a)
        for (std::size_t b = a + 1; b < present.size(); ++b) {
            r.between += (centroid.col(present[a]) - centroid.col(present[b])).norm();
            pairs += 1.0;
        }
    r.between /= pairs;
    r.ratio = r.between > 0 ? r.within / r.between : 0.0;
    return r;
}

} // namespace latentset
