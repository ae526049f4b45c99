#include "latentset/nn/ConfusionMatrix.h"

#include "latentset/util/Error.h"

#include <cstdio>

namespace latentset {

ConfusionMatrix::ConfusionMatrix(int classes) : classes_(classes), counts_(std::size_t(classes) * std::size_t(classes), 0)
{
}

void ConfusionMatrix::add(int truth, int predicted)
{
    if (truth < 0 || truth >= classes_ || predicted < 0 || predicted >= classes_)
        throw Error("confusion matrix: class pair (" + std::to_string(truth) + ", " + std::to_string(predicted)
                    + ") outside 0.." + std::to_string(classes_ - 1));
    ++counts_[std::size_t(truth) * std::size_t(classes_) + std::size_t(predicted)];
    ++total_;
}

void ConfusionMatrix::add(const std::vector<int>& truth, const std::vector<int>& predicted)
{
    if (truth.size() != predicted.size())
        throw Error("confusion matrix: " + std::to_string(truth.size()) + " labels but "
                    + std::to_string(predicted.size()) + " predictions");
    for (std::size_t i = 0; i < truth.size(); ++i)
        add(truth[i], predicted[i]);
}

std::int64_t ConfusionMatrix::count(int truth, int predicted) const
{
    return counts_[std::size_t(truth) * std::size_t(classes_) + std::size_t(predicted)];
}

double ConfusionMatrix::accuracy() const
{
    std::int64_t right = 0;
    for (int c = 0; c < classes_; ++c)
        right += count(c, c);
    return total_ ? double(right) / double(total_) : 0.0;
}

double ConfusionMatrix::classAccuracy(int c) const
{
    std::int64_t n = 0;
    for (int p = 0; p < classes_; ++p)
        n += count(c, p);
    return n ? double(count(c, c)) / double(n) : 0.0;
}

std::string ConfusionMatrix::toText(const std::vector<std::string>& names) const
{
    auto name = [&](int c) { return c < int(names.size()) ? names[std::size_t(c)] : std::to_string(c); };
    std::string out = "true\\pred";
    char buf[64];
    for (int p = 0; p < classes_; ++p) {
        std::snprintf(buf, sizeof buf, " %6.6s", name(p).c_str());
        out += buf;
    }
    out += "   acc %\n";
    for (int t = 0; t < classes_; ++t) {
        std::snprintf(buf, sizeof buf, "%9.9s", name(t).c_str());
        out += buf;
        for (int p = 0; p < classes_; ++p) {
            std::snprintf(buf, sizeof buf, " %6lld", static_cast<long long>(count(t, p)));
            out += buf;
        }
        std::snprintf(buf, sizeof buf, "  %6.2f\n", 100.0 * classAccuracy(t));
        out += buf;
    }
    return out;
}

} // namespace latentset
