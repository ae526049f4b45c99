#pragma once
// The Bayesian parameter estimator of the paper's §6 (docs/worlds.md
// "Estimation"): a world's members give, for one input, a log-likelihood per
// context, log p(x | c); with a prior p(c) (uniform by default) Bayes' rule
// gives the posterior over contexts, and from it the parameter estimate on
// each axis:
//   * map:          the value of the axis with the largest MARGINAL posterior
//                   (the posterior summed over the contexts sharing that value);
//   * mean:         the posterior mean of the axis (circular axes: the angle
//                   of the posterior-weighted mean of unit vectors, times
//                   period / 2 pi), which moves between the contexts' values;
//   * interpolated: the vertex of the parabola through the log marginal
//                   posterior at the MAP value and its two neighbours (wrapping
//                   on a circular axis; none beyond the ends of an open axis),
//                   at most half a spacing from the MAP value. The vertex does
//                   not depend on the likelihood's scale (the noise sigma), the
//                   mean does: with a sharp posterior the mean is the MAP value.
// Shapes: logLikelihood has one entry per context, in context order.
// Thread rules: immutable; const functions are safe from any thread.
#include "latentset/util/Types.h"
#include "latentset/world/ContextAxis.h"

#include <vector>

namespace latentset {

class ContextWorld;

struct AxisEstimate {
    double map = 0, mean = 0, interpolated = 0;
};

struct ParameterEstimate {
    Vector posterior;                 // per context, sums to 1
    int mapContext = -1;              // the context with the largest posterior
    std::vector<AxisEstimate> axes;   // one per axis
};

class ParameterEstimator {
public:
    // values[c] = context c's value on each axis. Throws Error for fewer than
    // 2 contexts, rows that do not match the axes, a circular axis without a
    // positive period.
    ParameterEstimator(std::vector<ContextAxis> axes, std::vector<std::vector<double>> values);
    // The estimator of a world: its axes and every context's values.
    static ParameterEstimator forWorld(const ContextWorld& world);

    const std::vector<ContextAxis>& axes() const { return axes_; }
    // Distinct values of an axis, increasing.
    const std::vector<double>& levels(int axis) const { return levels_.at(std::size_t(axis)); }
    // The spacing of an axis's values: the mean gap between neighbours (a
    // circular axis: period / levels). 0 for an axis with one value.
    double binWidth(int axis) const;

    // Throws Error if the size is not the context count or a value is NaN.
    // `logPrior` (optional, same size) is added before normalising.
    ParameterEstimate estimate(const Vector& logLikelihood, const Vector* logPrior = nullptr) const;

    // |estimate - truth| on the axis (circular axes: the shorter way round).
    double error(int axis, double estimate, double truth) const;

private:
    AxisEstimate estimateAxis(int axis, const Eigen::VectorXd& logPosterior) const;

    std::vector<ContextAxis> axes_;
    std::vector<std::vector<double>> values_;
    std::vector<std::vector<double>> levels_;
    std::vector<std::vector<int>> levelOf_; // levelOf_[axis][context]
};

} // namespace latentset
