#include "latentset/robust/BoundaryAttack.h"

#include "latentset/robust/AttackResults.h"
#include "latentset/robust/DecisionModel.h"
#include "latentset/robust/PerturbationBall.h"
#include "latentset/util/Error.h"
#include "latentset/util/Random.h"

#include <algorithm>

namespace latentset {

namespace {

std::vector<bool> misclassified(const DecisionModel& model, const Matrix& X, const std::vector<int>& labels)
{
    const std::vector<int> decisions = model.decide(X);
    std::vector<bool> out(decisions.size());
    for (std::size_t b = 0; b < decisions.size(); ++b)
        out[b] = decisions[b] != labels[b];
    return out;
}

} // namespace

BoundaryAttack::BoundaryAttack(Settings settings) : settings_(settings)
{
    if (settings_.steps < 0 || settings_.initTrials < 1 || settings_.bisections < 0 ||
        !(settings_.sphericalStep > 0) || !(settings_.sourceStep > 0))
        throw Error("boundary attack: needs initTrials >= 1 and positive step sizes");
}

Matrix BoundaryAttack::start(const DecisionModel& model, const Matrix& X0, const std::vector<int>& labels,
                             std::vector<bool>& found, long long& queries) const
{
    const Index n = X0.rows(), count = X0.cols();
    Random rng(settings_.seed);
    Matrix far = X0;
    found = misclassified(model, X0, labels); // already wrong: the clean image is the start
    queries += count;
    for (int t = 0; t < settings_.initTrials; ++t) {
        if (std::all_of(found.begin(), found.end(), [](bool f) { return f; }))
            break;
        Matrix noise = far;
        for (Index b = 0; b < count; ++b)
            if (!found[std::size_t(b)])
                for (Index i = 0; i < n; ++i)
                    noise(i, b) = float(rng.uniform());
        const std::vector<bool> wrong = misclassified(model, noise, labels);
        queries += count;
        for (Index b = 0; b < count; ++b)
            if (!found[std::size_t(b)] && wrong[std::size_t(b)]) {
                found[std::size_t(b)] = true;
                far.col(b) = noise.col(b);
            }
    }
    // Bisection on the blend x0 + t (far - x0): lo is correct, hi wrong.
    Eigen::VectorXd lo = Eigen::VectorXd::Zero(count), hi = Eigen::VectorXd::Ones(count);
    Matrix probe(n, count);
    for (int k = 0; k < settings_.bisections; ++k) {
        for (Index b = 0; b < count; ++b) {
            const float t = float((lo(b) + hi(b)) / 2);
            probe.col(b) = X0.col(b) + t * (far.col(b) - X0.col(b));
        }
        const std::vector<bool> wrong = misclassified(model, probe, labels);
        queries += count;
        for (Index b = 0; b < count; ++b)
            (wrong[std::size_t(b)] ? hi(b) : lo(b)) = (lo(b) + hi(b)) / 2;
    }
    Matrix out(n, count);
    for (Index b = 0; b < count; ++b)
        out.col(b) = X0.col(b) + float(hi(b)) * (far.col(b) - X0.col(b));
    return out;
}

AttackOutcome BoundaryAttack::run(const DecisionModel& model, const Matrix& X0, const std::vector<int>& labels) const
{
    const Index n = X0.rows(), count = X0.cols();
    long long queries = 0;
    std::vector<bool> found;
    Matrix adv = start(model, X0, labels, found, queries);
    Eigen::VectorXd spherical = Eigen::VectorXd::Constant(count, settings_.sphericalStep);
    Eigen::VectorXd source = Eigen::VectorXd::Constant(count, settings_.sourceStep);
    Random rng(settings_.seed ^ 0xb0a7d0ULL);
    Matrix candidate(n, count);
    for (int s = 0; s < settings_.steps; ++s) {
        Eigen::VectorXd distance(count);
        for (Index b = 0; b < count; ++b) {
            const Eigen::VectorXf toSource = X0.col(b) - adv.col(b);
            distance(b) = toSource.norm();
            if (!found[std::size_t(b)] || distance(b) == 0) {
                candidate.col(b) = adv.col(b);
                continue;
            }
            const Eigen::VectorXf unit = toSource / float(distance(b));
            Eigen::VectorXf eta(n);
            for (Index i = 0; i < n; ++i)
                eta(i) = float(rng.normal());
            eta -= eta.dot(unit) * unit;
            eta *= float(spherical(b) * distance(b)) / std::max(1e-12f, eta.norm());
            Eigen::VectorXf c = adv.col(b) + eta;
            const Eigen::VectorXf fromSource = c - X0.col(b);
            c = X0.col(b) + fromSource * float(distance(b) / std::max(1e-12, double(fromSource.norm())));
            c += float(source(b)) * (X0.col(b) - c);
            candidate.col(b) = c.cwiseMax(0.0f).cwiseMin(1.0f);
        }
        const std::vector<bool> wrong = misclassified(model, candidate, labels);
        queries += count;
        for (Index b = 0; b < count; ++b) {
            if (!found[std::size_t(b)] || distance(b) == 0)
                continue;
            const bool closer = double((candidate.col(b) - X0.col(b)).norm()) < distance(b);
            if (wrong[std::size_t(b)] && closer) {
                adv.col(b) = candidate.col(b);
                source(b) = std::min(0.5, source(b) * 1.5);
                spherical(b) = std::min(0.5, spherical(b) * 1.05);
            } else {
                source(b) = std::max(1e-4, source(b) * 0.7);
                spherical(b) = std::max(1e-3, spherical(b) * 0.97);
            }
        }
    }
    return AttackResults::finish(model, X0, labels, std::move(adv), queries);
}

} // namespace latentset
