#include "latentset/experiments/CalibrationMetrics.h"

#include "latentset/util/Error.h"

#include <cmath>

namespace latentset {

Eigen::MatrixXd CalibrationMetrics::logSoftmax(const Eigen::MatrixXd& logits, double temperature)
{
    Eigen::MatrixXd out = logits / temperature;
    for (Index n = 0; n < out.cols(); ++n) {
        const double top = out.col(n).maxCoeff();
        const double sum = (out.col(n).array() - top).exp().sum();
        out.col(n).array() -= top + std::log(sum);
    }
    return out;
}

CalibrationScore CalibrationMetrics::score(const Eigen::MatrixXd& logProbabilities, const std::vector<int>& labels,
                                           int bins)
{
    if (bins < 1 || Index(labels.size()) != logProbabilities.cols())
        throw Error("calibration score: " + std::to_string(labels.size()) + " labels for "
                    + std::to_string(logProbabilities.cols()) + " samples, " + std::to_string(bins) + " bins");
    CalibrationScore s;
    s.bins.resize(std::size_t(bins));
    for (int b = 0; b < bins; ++b) {
        s.bins[std::size_t(b)].lo = double(b) / bins;
        s.bins[std::size_t(b)].hi = double(b + 1) / bins;
    }
    const Index N = logProbabilities.cols();
    Index right = 0;
    for (Index n = 0; n < N; ++n) {
        const int label = labels[std::size_t(n)];
        if (label < 0 || label >= logProbabilities.rows())
            throw Error("calibration score: label " + std::to_string(label) + " out of range");
        Index top = 0;
        const double confidence = std::exp(logProbabilities.col(n).maxCoeff(&top));
        const bool hit = top == label;
        right += hit;
        s.nll -= logProbabilities(label, n);
        ReliabilityBin& bin = s.bins[std::size_t(std::min(bins - 1, int(confidence * bins)))];
        ++bin.count;
        bin.confidence += confidence;
        bin.accuracy += hit ? 1.0 : 0.0;
    }
    for (ReliabilityBin& bin : s.bins)
        if (bin.count > 0) {
            bin.confidence /= double(bin.count);
            bin.accuracy /= double(bin.count);
            s.ece += double(bin.count) / double(N) * std::abs(bin.accuracy - bin.confidence);
        }
    s.nll /= double(std::max<Index>(1, N));
    s.accuracy = double(right) / double(std::max<Index>(1, N));
    return s;
}

double CalibrationMetrics::fitTemperature(const Eigen::MatrixXd& logits, const std::vector<int>& labels)
{
    const auto nll = [&](double logT) {
        const Eigen::MatrixXd lp = logSoftmax(logits, std::exp(logT));
        double sum = 0;
        for (Index n = 0; n < lp.cols(); ++n)
            sum -= lp(labels[std::size_t(n)], n);
        return sum;
    };
    const double golden = (std::sqrt(5.0) - 1) / 2;
    double a = std::log(0.01), b = std::log(100.0);
    double c = b - golden * (b - a), d = a + golden * (b - a);
    double fc = nll(c), fd = nll(d);
    for (int k = 0; k < 60; ++k) {
        if (fc < fd) {
            b = d, d = c, fd = fc;
            c = b - golden * (b - a), fc = nll(c);
        } else {
            a = c, c = d, fc = fd;
            d = a + golden * (b - a), fd = nll(d);
        }
    }
    return std::exp((a + b) / 2);
}

} // namespace latentset
