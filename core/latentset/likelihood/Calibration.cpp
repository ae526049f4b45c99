#include "latentset/likelihood/Calibration.h"

#include "latentset/util/BinaryReader.h"
#include "latentset/util/BinaryWriter.h"
#include "latentset/util/Error.h"

#include <Eigen/Cholesky>
#include <cmath>

namespace latentset {

namespace {

// Logits l_c(n) = sum_i theta(c*p + i) phi_i(c, n) [+ gamma L_c(n)], with
// phi = [1, R_c(n) (, L_c(n))]: linear in theta, so the softmax cross-entropy
// is convex. Phi(n) is the dense M x dim derivative of the logits.
struct Problem {
    const LikelihoodTerms& terms;
    const std::vector<int>& labels;
    int p;       // parameters per member
    bool shared; // one extra parameter gamma on L for all members
    Eigen::MatrixXd latent; // L, M x N

    Eigen::Index dimension() const { return terms.members() * p + (shared ? 1 : 0); }
    void features(Eigen::Index n, Eigen::MatrixXd& phi) const
    {
        const Eigen::Index m = terms.members();
        phi.setZero(m, dimension());
        for (Eigen::Index c = 0; c < m; ++c) {
            phi(c, c * p) = 1.0;
            phi(c, c * p + 1) = terms.reconstruction(c, n);
            if (p == 3)
                phi(c, c * p + 2) = latent(c, n);
            if (shared)
                phi(c, m * p) = latent(c, n);
        }
    }
    // Mean cross-entropy (+ ridge toward `prior`), optionally with gradient and Hessian.
    double evaluate(const Eigen::VectorXd& theta, const Eigen::VectorXd& prior, double ridge,
                    Eigen::VectorXd* gradient, Eigen::MatrixXd* hessian) const
    {
        const Eigen::Index m = terms.members(), nSamples = terms.samples(), dim = dimension();
        if (gradient)
            gradient->setZero(dim);
        if (hessian)
            hessian->setZero(dim, dim);
        double loss = 0;
        Eigen::MatrixXd phi;
        Eigen::VectorXd logits(m), prob(m);
        Eigen::MatrixXd weights(m, m);
        for (Eigen::Index n = 0; n < nSamples; ++n) {
            features(n, phi);
            logits.noalias() = phi * theta;
            const double top = logits.maxCoeff();
            prob = (logits.array() - top).exp();
            const double sum = prob.sum();
            prob /= sum;
            const int y = labels[std::size_t(n)];
            loss -= logits(y) - top - std::log(sum);
            if (!gradient)
                continue;
            Eigen::VectorXd residual = prob;
            residual(y) -= 1.0;
            gradient->noalias() += phi.transpose() * residual;
            if (!hessian)
                continue;
            weights = -prob * prob.transpose();
            weights.diagonal() += prob;
            hessian->noalias() += phi.transpose() * weights * phi;
        }
        const double scale = 1.0 / double(nSamples);
        loss *= scale;
        const Eigen::VectorXd delta = theta - prior;
        loss += 0.5 * ridge * delta.squaredNorm();
        if (gradient)
            *gradient = *gradient * scale + ridge * delta;
        if (hessian) {
            *hessian *= scale;
            hessian->diagonal().array() += ridge;
        }
        return loss;
    }
};

} // namespace

Calibration Calibration::fit(const LikelihoodTerms& validation, const std::vector<int>& labels,
                             const Options& options)
{
    const Eigen::Index m = validation.members();
    const Eigen::Index nSamples = validation.samples();
    if (m < 1 || nSamples < 1)
        throw Error("calibration: no validation likelihoods to fit to");
    if (Eigen::Index(labels.size()) != nSamples)
        throw Error("calibration: " + std::to_string(labels.size()) + " labels for " + std::to_string(nSamples) +
                    " validation samples");
    for (int y : labels)
        if (y < 0 || y >= m)
            throw Error("calibration: label " + std::to_string(y) + " is not a member index (0.." +
                        std::to_string(m - 1) + ")");
    const int p = options.latentWeight ? 3 : 2;
    const bool shared = !options.latentWeight;
    Problem problem{validation, labels, p, shared, validation.logPz + validation.volume};

    // Start (and ridge target): eq. 4 as it is.
    Eigen::VectorXd prior(problem.dimension());
    if (shared)
        prior(m * p) = 1.0;
    for (int c = 0; c < m; ++c) {
        prior(c * p) = validation.noiseNormaliser(c);
        prior(c * p + 1) = 1.0;
        if (p == 3)
            prior(c * p + 2) = 1.0;
    }
    // The offsets live on the scale of the normalisers (thousands); centre
    // them so the ridge only fixes the softmax's free common shift.
    const double common = prior.size() ? validation.noiseNormaliser.mean() : 0.0;
    for (int c = 0; c < m; ++c)
        prior(c * p) -= common;

    Eigen::VectorXd theta = prior;
    Eigen::VectorXd gradient;
    Eigen::MatrixXd hessian;
    double loss = problem.evaluate(theta, prior, options.ridge, &gradient, &hessian);
    Calibration result;
    result.initialLoss_ = loss;
    for (int iteration = 0; iteration < options.maxIterations; ++iteration) {
        const Eigen::VectorXd step = hessian.ldlt().solve(-gradient);
        if (!step.allFinite())
            break;
        double t = 1.0;
        double trial = loss;
        Eigen::VectorXd candidate;
        for (int halving = 0; halving < 30; ++halving, t *= 0.5) {
            candidate = theta + t * step;
            trial = problem.evaluate(candidate, prior, options.ridge, nullptr, nullptr);
            if (trial <= loss + 1e-4 * t * gradient.dot(step))
                break;
        }
        if (!(trial < loss))
            break;
        const double gain = loss - trial;
        theta = candidate;
        loss = problem.evaluate(theta, prior, options.ridge, &gradient, &hessian);
        if (gain < 1e-10)
            break;
    }
    result.finalLoss_ = loss;
    // Back from (alpha, beta, gamma) to eq. 5's constants: divide by gamma.
    double gamma = shared ? std::max(theta(m * p), 1e-6) : 1.0;
    result.temperature_ = 1.0 / gamma;
    theta /= gamma;
    result.offsets_.resize(m);
    result.scales_.resize(m);
    result.latentScales_ = Eigen::VectorXd::Ones(m);
    for (int c = 0; c < m; ++c) {
        result.offsets_(c) = theta(c * p) + common;
        result.scales_(c) = theta(c * p + 1);
        if (p == 3)
            result.latentScales_(c) = theta(c * p + 2);
    }
    return result;
}

Calibration Calibration::fromConstants(Eigen::VectorXd offsets, Eigen::VectorXd scales, Eigen::VectorXd latentScales,
                                       double temperature, const std::string& what)
{
    if (offsets.size() == 0 || scales.size() != offsets.size()
        || (latentScales.size() != 0 && latentScales.size() != offsets.size()))
        throw Error(what + ": eq. 5's offsets, scales and latent scales differ in size");
    if (!offsets.allFinite() || !scales.allFinite() || !latentScales.allFinite() || !std::isfinite(temperature)
        || !(temperature > 0))
        throw Error(what + ": eq. 5's constants are not finite, or the temperature is not positive");
    Calibration c;
    c.offsets_ = std::move(offsets);
    c.scales_ = std::move(scales);
    c.latentScales_ = std::move(latentScales);
    c.temperature_ = temperature;
    return c;
}

Eigen::MatrixXd Calibration::apply(const LikelihoodTerms& terms) const
{
    if (terms.members() != memberCount())
        throw Error("calibration: fitted for " + std::to_string(memberCount()) + " members, given " +
                    std::to_string(terms.members()));
    Eigen::MatrixXd out = terms.reconstruction.array().colwise() * scales_.array();
    out += Eigen::MatrixXd((terms.logPz + terms.volume).array().colwise() * latentScales_.array());
    out.colwise() += offsets_;
    return out;
}

Eigen::MatrixXd Calibration::crossFitted(const LikelihoodTerms& terms, const std::vector<int>& labels, int folds,
                                         const Options& options)
{
    const Eigen::Index nSamples = terms.samples();
    if (folds < 2 || folds > nSamples)
        throw Error("calibration: cross-fitting needs 2 to " + std::to_string(nSamples) + " folds, got " +
                    std::to_string(folds));
    if (Eigen::Index(labels.size()) != nSamples)
        throw Error("calibration: " + std::to_string(labels.size()) + " labels for " + std::to_string(nSamples) +
                    " samples");
    // Columns of `terms` whose index mod folds is (or is not) `fold`.
    const auto pick = [&](int fold, bool inFold, std::vector<int>* pickedLabels) {
        std::vector<Eigen::Index> columns;
        for (Eigen::Index b = 0; b < nSamples; ++b)
            if ((b % folds == fold) == inFold)
                columns.push_back(b);
        LikelihoodTerms part;
        part.squaredError = terms.squaredError(Eigen::all, columns);
        part.reconstruction = terms.reconstruction(Eigen::all, columns);
        part.logPz = terms.logPz(Eigen::all, columns);
        part.volume = terms.volume(Eigen::all, columns);
        part.singular = terms.singular(Eigen::all, columns);
        part.noiseNormaliser = terms.noiseNormaliser;
        if (pickedLabels)
            for (Eigen::Index b : columns)
                pickedLabels->push_back(labels[std::size_t(b)]);
        return std::make_pair(part, columns);
    };
    Eigen::MatrixXd out(terms.members(), nSamples);
    for (int fold = 0; fold < folds; ++fold) {
        std::vector<int> trainLabels;
        const auto train = pick(fold, false, &trainLabels);
        const auto held = pick(fold, true, nullptr);
        out(Eigen::all, held.second) = fit(train.first, trainLabels, options).apply(held.first);
    }
    return out;
}

void Calibration::write(BinaryWriter& out) const
{
    const auto toStd = [](const Eigen::VectorXd& v) { return std::vector<double>(v.data(), v.data() + v.size()); };
    out.writeDoubles(toStd(offsets_));
    out.writeDoubles(toStd(scales_));
    out.writeDoubles(toStd(latentScales_));
    out.writeF64(initialLoss_);
    out.writeF64(finalLoss_);
    out.writeF64(temperature_);
}

Calibration Calibration::read(BinaryReader& in, std::uint32_t version)
{
    const auto toEigen = [](const std::vector<double>& v) {
        return Eigen::VectorXd(Eigen::Map<const Eigen::VectorXd>(v.data(), Eigen::Index(v.size())));
    };
    Calibration c;
    c.offsets_ = toEigen(in.readDoubles());
    c.scales_ = toEigen(in.readDoubles());
    c.latentScales_ = toEigen(in.readDoubles());
    if (c.scales_.size() != c.offsets_.size() || c.latentScales_.size() != c.offsets_.size())
        in.fail("calibration constants of different lengths");
    c.initialLoss_ = in.readF64();
    c.finalLoss_ = in.readF64();
    if (version >= 2)
        c.temperature_ = in.readF64();
    return c;
}

} // namespace latentset
