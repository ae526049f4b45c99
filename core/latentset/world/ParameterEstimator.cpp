#include "latentset/world/ParameterEstimator.h"

#include "latentset/world/ContextWorld.h"

#include "latentset/util/Error.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace latentset {

namespace {

double logSumExp(double a, double b)
{
    if (a == -std::numeric_limits<double>::infinity())
        return b;
    if (b == -std::numeric_limits<double>::infinity())
        return a;
    const double m = std::max(a, b);
    return m + std::log(std::exp(a - m) + std::exp(b - m));
}

} // namespace

ParameterEstimator::ParameterEstimator(std::vector<ContextAxis> axes, std::vector<std::vector<double>> values)
    : axes_(std::move(axes)), values_(std::move(values))
{
    if (values_.size() < 2)
        throw Error("parameter estimator: at least 2 contexts are needed");
    for (const auto& row : values_)
        if (row.size() != axes_.size())
            throw Error("parameter estimator: a context has " + std::to_string(row.size()) + " values for "
                        + std::to_string(axes_.size()) + " axes");
    for (std::size_t a = 0; a < axes_.size(); ++a) {
        if (axes_[a].circular && !(axes_[a].period > 0))
            throw Error("parameter estimator: circular axis '" + axes_[a].name + "' needs a period > 0");
        std::vector<double> levels;
        for (const auto& row : values_)
            levels.push_back(row[a]);
        std::sort(levels.begin(), levels.end());
        levels.erase(std::unique(levels.begin(), levels.end()), levels.end());
        std::vector<int> of;
        for (const auto& row : values_)
            of.push_back(int(std::lower_bound(levels.begin(), levels.end(), row[a]) - levels.begin()));
        levels_.push_back(std::move(levels));
        levelOf_.push_back(std::move(of));
    }
}

double ParameterEstimator::binWidth(int axis) const
{
    const auto& l = levels(axis);
    const ContextAxis& a = axes_.at(std::size_t(axis));
    if (a.circular)
        return a.period / double(l.size());
    return l.size() > 1 ? (l.back() - l.front()) / double(l.size() - 1) : 0.0;
}

double ParameterEstimator::error(int axis, double estimate, double truth) const
{
    const ContextAxis& a = axes_.at(std::size_t(axis));
    double d = std::abs(estimate - truth);
    if (a.circular) {
        d = std::fmod(d, a.period);
        d = std::min(d, a.period - d);
    }
    return d;
}

AxisEstimate ParameterEstimator::estimateAxis(int axis, const Eigen::VectorXd& logPosterior) const
{
    const auto& l = levels_[std::size_t(axis)];
    const auto& of = levelOf_[std::size_t(axis)];
    const ContextAxis& a = axes_[std::size_t(axis)];
    const int k = int(l.size());
    std::vector<double> logMarginal(std::size_t(k), -std::numeric_limits<double>::infinity());
    for (std::size_t c = 0; c < of.size(); ++c)
        logMarginal[std::size_t(of[c])] = logSumExp(logMarginal[std::size_t(of[c])], logPosterior(Index(c)));
    const int best = int(std::max_element(logMarginal.begin(), logMarginal.end()) - logMarginal.begin());
    AxisEstimate e;
    e.map = l[std::size_t(best)];
    // Posterior mean (circular: of unit vectors).
    double sum = 0, sx = 0, sy = 0;
    for (int i = 0; i < k; ++i) {
        const double p = std::exp(logMarginal[std::size_t(i)]);
        sum += p * l[std::size_t(i)];
        const double t = 2 * M_PI * l[std::size_t(i)] / (a.circular ? a.period : 1.0);
        sx += p * std::cos(t);
        sy += p * std::sin(t);
    }
    if (a.circular) {
        double m = std::atan2(sy, sx) * a.period / (2 * M_PI);
        e.mean = m < 0 ? m + a.period : m;
    } else {
        e.mean = sum;
    }
    // Parabolic vertex through the MAP value and its neighbours.
    e.interpolated = e.map;
    const bool wraps = a.circular && k >= 3;
    const int lo = best - 1, hi = best + 1;
    if (k >= 3 && (wraps || (lo >= 0 && hi < k))) {
        const int il = (lo + k) % k, ih = hi % k;
        const double ym = logMarginal[std::size_t(il)], y0 = logMarginal[std::size_t(best)],
                     yp = logMarginal[std::size_t(ih)];
        const double curvature = ym - 2 * y0 + yp;
        if (std::isfinite(ym) && std::isfinite(yp) && curvature < 0) {
            const double delta = std::clamp(0.5 * (ym - yp) / curvature, -0.5, 0.5);
            double gapLow = l[std::size_t(best)] - l[std::size_t(il)], gapHigh = l[std::size_t(ih)] - l[std::size_t(best)];
            if (a.circular) {
                gapLow = std::fmod(gapLow + a.period, a.period);
                gapHigh = std::fmod(gapHigh + a.period, a.period);
            }
            e.interpolated = e.map + delta * (delta < 0 ? gapLow : gapHigh);
            if (a.circular)
                e.interpolated = std::fmod(e.interpolated + a.period, a.period);
        }
    }
    return e;
}

ParameterEstimate ParameterEstimator::estimate(const Vector& logLikelihood, const Vector* logPrior) const
{
    const Index n = Index(values_.size());
    if (logLikelihood.size() != n || (logPrior && logPrior->size() != n))
        throw Error("parameter estimator: " + std::to_string(logLikelihood.size()) + " log-likelihoods for "
                    + std::to_string(n) + " contexts");
    Eigen::VectorXd lp = logLikelihood.cast<double>();
    if (logPrior)
        lp += logPrior->cast<double>();
    if (!lp.allFinite())
        throw Error("parameter estimator: a log-likelihood is not a finite number");
    lp.array() -= lp.maxCoeff();
    const double norm = std::log(lp.array().exp().sum());
    lp.array() -= norm;
    ParameterEstimate e;
    e.posterior = lp.array().exp().cast<float>();
    lp.maxCoeff(&e.mapContext);
    for (int a = 0; a < int(axes_.size()); ++a)
        e.axes.push_back(estimateAxis(a, lp));
    return e;
}

ParameterEstimator ParameterEstimator::forWorld(const ContextWorld& world)
{
    std::vector<std::vector<double>> values;
    for (int c = 0; c < world.contextCount(); ++c)
        values.push_back(world.parameters(c));
    return ParameterEstimator(world.axes(), std::move(values));
}

} // namespace latentset
