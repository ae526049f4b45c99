#include "latentset/robust/DdnAttack.h"

#include "latentset/robust/AttackResults.h"
#include "latentset/robust/DecisionModel.h"
#include "latentset/robust/PerturbationBall.h"
#include "latentset/util/Error.h"

#include <cmath>
#include <limits>
#include <numbers>

namespace latentset {

DdnAttack::DdnAttack(Settings settings) : settings_(settings)
{
    if (settings_.steps < 1 || !(settings_.initialRadius > 0) || !(settings_.gamma > 0 && settings_.gamma < 1) ||
        !(settings_.alpha > 0))
        throw Error("ddn: needs steps >= 1, a positive radius and step, and 0 < gamma < 1");
}

AttackOutcome DdnAttack::run(const DecisionModel& model, const Matrix& X0, const std::vector<int>& labels) const
{
    const Index count = X0.cols();
    Matrix delta = Matrix::Zero(X0.rows(), count);
    Matrix best = X0;
    Eigen::VectorXd bestNorm = Eigen::VectorXd::Constant(count, std::numeric_limits<double>::infinity());
    Eigen::VectorXd radius = Eigen::VectorXd::Constant(count, settings_.initialRadius);
    Eigen::VectorXd margins;
    Matrix gradient;
    long long queries = 0;
    for (int s = 0; s < settings_.steps; ++s) {
        const Matrix X = X0 + delta;
        model.marginGradient(X, labels, margins, gradient);
        queries += count;
        const double alpha = settings_.alpha / 100 +
                             (settings_.alpha - settings_.alpha / 100) *
                                 (1 + std::cos(std::numbers::pi * double(s) / double(settings_.steps))) / 2;
        for (Index b = 0; b < count; ++b) {
            const bool adversarial = margins(b) < 0;
            const double norm = double(delta.col(b).norm());
            if (adversarial && norm < bestNorm(b)) {
                bestNorm(b) = norm;
                best.col(b) = X.col(b);
            }
            const float g = gradient.col(b).norm();
            if (g > 0)
                delta.col(b) -= float(alpha / g) * gradient.col(b);
            radius(b) *= adversarial ? 1 - settings_.gamma : 1 + settings_.gamma;
            const float d = delta.col(b).norm();
            if (d > 0)
                delta.col(b) *= float(radius(b) / d);
        }
        // Into the box: delta = clip(x0 + delta) - x0.
        Matrix moved = X0 + delta;
        PerturbationBall::clipToBox(moved);
        delta = moved - X0;
    }
    // The last step's images count too.
    const Matrix X = X0 + delta;
    const Eigen::VectorXd last = model.margins(X, labels);
    queries += count;
    for (Index b = 0; b < count; ++b)
        if (last(b) < 0 && double(delta.col(b).norm()) < bestNorm(b))
            best.col(b) = X.col(b);
    return AttackResults::finish(model, X0, labels, std::move(best), queries);
}

} // namespace latentset
