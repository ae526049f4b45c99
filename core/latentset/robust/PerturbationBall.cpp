#include "latentset/robust/PerturbationBall.h"

#include "latentset/util/Error.h"

namespace latentset {

std::string attackNormName(AttackNorm norm) { return norm == AttackNorm::Linf ? "linf" : "l2"; }

AttackNorm parseAttackNorm(const std::string& text)
{
    if (text == "linf")
        return AttackNorm::Linf;
    if (text == "l2")
        return AttackNorm::L2;
    throw Error("unknown norm '" + text + "' (linf or l2)");
}

void PerturbationBall::clipToBox(Matrix& X) { X = X.cwiseMax(0.0f).cwiseMin(1.0f); }

void PerturbationBall::project(Matrix& X, const Matrix& X0, double eps, AttackNorm norm)
{
    if (X.rows() != X0.rows() || X.cols() != X0.cols())
        throw Error("perturbation ball: images and clean images differ in shape");
    if (!(eps >= 0))
        throw Error("perturbation ball: eps must be >= 0");
    const float e = float(eps);
    if (norm == AttackNorm::Linf) {
        X = X.array().max(X0.array() - e).min(X0.array() + e).matrix();
    } else {
        for (Index b = 0; b < X.cols(); ++b) {
            const float d = (X.col(b) - X0.col(b)).norm();
            if (d > e)
                X.col(b) = X0.col(b) + (X.col(b) - X0.col(b)) * (e / d);
        }
    }
    clipToBox(X);
}

Eigen::VectorXd PerturbationBall::distances(const Matrix& X, const Matrix& X0, AttackNorm norm)
{
    Eigen::VectorXd out(X.cols());
    for (Index b = 0; b < X.cols(); ++b) {
        const auto d = (X.col(b) - X0.col(b)).cast<double>();
        out(b) = norm == AttackNorm::Linf ? d.cwiseAbs().maxCoeff() : d.norm();
    }
    return out;
}

void PerturbationBall::descend(Matrix& X, const Matrix& gradient, double size, AttackNorm norm)
{
    const float s = float(size);
    if (norm == AttackNorm::Linf) {
        X.array() -= s * gradient.array().sign();
        return;
    }
    for (Index b = 0; b < X.cols(); ++b) {
        const float g = gradient.col(b).norm();
        if (g > 0)
            X.col(b) -= (s / g) * gradient.col(b);
    }
}

} // namespace latentset
