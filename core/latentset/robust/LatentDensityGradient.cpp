#include "latentset/robust/LatentDensityGradient.h"

#include "latentset/likelihood/GaussianMixture.h"
#include "latentset/util/Error.h"

#include <Eigen/Cholesky>

namespace latentset {

LatentDensityGradient::LatentDensityGradient(const GaussianMixture& density) : density_(&density)
{
    if (density.isEmpty())
        throw Error("latent density gradient: the mixture is empty");
    for (const Eigen::MatrixXd& s : density.covariances()) {
        const Eigen::Index d = s.rows();
        precisions_.push_back(s.llt().solve(Eigen::MatrixXd::Identity(d, d)));
    }
}

Matrix LatentDensityGradient::gradient(const Matrix& Z) const
{
    if (!density_ || Z.rows() != density_->dimension())
        throw Error("latent density gradient: codes do not match the density's dimension");
    const Eigen::MatrixXd z = Z.cast<double>();
    const Eigen::MatrixXd logs = density_->componentLogDensities(z); // B x k
    Eigen::MatrixXd g = Eigen::MatrixXd::Zero(z.rows(), z.cols());
    for (Eigen::Index b = 0; b < z.cols(); ++b) {
        const double top = logs.row(b).maxCoeff();
        const Eigen::RowVectorXd r = (logs.row(b).array() - top).exp().matrix();
        const double total = r.sum();
        for (Eigen::Index c = 0; c < logs.cols(); ++c)
            g.col(b) -= (r(c) / total) * (precisions_[std::size_t(c)] * (z.col(b) - density_->means()[std::size_t(c)]));
    }
    return g.cast<float>();
}

} // namespace latentset
