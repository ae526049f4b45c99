#include "latentset/robust/PgdAttack.h"

#include "latentset/robust/AttackBatch.h"
#include "latentset/robust/AttackResults.h"
#include "latentset/robust/DecisionModel.h"
#include "latentset/util/Error.h"
#include "latentset/util/Random.h"

#include <cmath>

namespace latentset {

PgdAttack::PgdAttack(Settings settings) : settings_(settings)
{
    if (!(settings_.eps >= 0) || settings_.steps < 1 || settings_.restarts < 1 || !(settings_.stepFactor > 0))
        throw Error("pgd: needs eps >= 0, at least one step and one run, and a positive step factor");
}

Matrix PgdAttack::randomOffsets(Index n, Index count, double eps, AttackNorm norm, std::uint64_t seed)
{
    Random rng(seed);
    Matrix out(n, count);
    for (Index b = 0; b < count; ++b) {
        if (norm == AttackNorm::Linf) {
            for (Index i = 0; i < n; ++i)
                out(i, b) = float(eps * (2 * rng.uniform() - 1));
        } else {
            for (Index i = 0; i < n; ++i)
                out(i, b) = float(rng.normal());
            const double radius = eps * std::pow(rng.uniform(), 1.0 / double(n));
            const float norm2 = out.col(b).norm();
            out.col(b) *= norm2 > 0 ? float(radius / norm2) : 0.0f;
        }
    }
    return out;
}

AttackOutcome PgdAttack::run(const DecisionModel& model, const Matrix& X0, const std::vector<int>& labels) const
{
    Matrix result = X0;
    long long queries = 0;
    if (settings_.eps == 0)
        return AttackResults::finish(model, X0, labels, std::move(result), queries);
    std::vector<bool> fooled(std::size_t(X0.cols()), false);
    const double step = settings_.eps * settings_.stepFactor / settings_.steps;
    Eigen::VectorXd margins;
    Matrix gradient;
    for (int run = 0; run < settings_.restarts; ++run) {
        std::vector<Index> standing;
        for (Index b = 0; b < X0.cols(); ++b)
            if (!fooled[std::size_t(b)])
                standing.push_back(b);
        if (standing.empty())
            break;
        AttackBatch batch(X0, labels, standing);
        if (run > 0) {
            batch.current += randomOffsets(X0.rows(), batch.size(), settings_.eps, settings_.norm,
                                           settings_.seed + std::uint64_t(run) * 0x9e3779b97f4a7c15ULL);
            PerturbationBall::project(batch.current, batch.clean, settings_.eps, settings_.norm);
        }
        // steps + 1 evaluations: the last one only checks the final images.
        for (int s = 0; s <= settings_.steps && !batch.empty(); ++s) {
            model.marginGradient(batch.current, batch.labels, margins, gradient);
            queries += batch.size();
            std::vector<bool> keep(std::size_t(batch.size()), true);
            for (Index k = 0; k < batch.size(); ++k)
                if (margins(k) < 0) {
                    const Index b = batch.columns()[std::size_t(k)];
                    fooled[std::size_t(b)] = true;
                    result.col(b) = batch.current.col(k);
                    keep[std::size_t(k)] = false;
                }
            if (s == settings_.steps)
                break;
            PerturbationBall::descend(batch.current, gradient, step, settings_.norm);
            PerturbationBall::project(batch.current, batch.clean, settings_.eps, settings_.norm);
            batch.keep(keep);
            // keep() compacts current/clean/labels; the gradient rows of the
            // dropped columns are not needed any more.
        }
    }
    return AttackResults::finish(model, X0, labels, std::move(result), queries);
}

} // namespace latentset
