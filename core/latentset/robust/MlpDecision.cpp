#include "latentset/robust/MlpDecision.h"

#include "latentset/nn/Activation.h"
#include "latentset/nn/Mlp.h"
#include "latentset/util/Error.h"

namespace latentset {

namespace {

// Mlp::parameters() order: W1, W2, b1, b2.
const Matrix& parameter(const Mlp& mlp, int k) { return mlp.parameters()[std::size_t(k)]->value; }

} // namespace

MlpDecision::MlpDecision(std::shared_ptr<const Mlp> mlp) : mlp_(std::move(mlp))
{
    if (!mlp_)
        throw Error("mlp decision: no model");
}

Index MlpDecision::inputSize() const { return mlp_->inputSize(); }

int MlpDecision::classCount() const { return int(mlp_->classCount()); }

void MlpDecision::forward(const Matrix& X, Matrix& hidden, Matrix& logits) const
{
    if (X.rows() != inputSize())
        throw Error("mlp decision: images have " + std::to_string(X.rows()) + " pixels, the MLP expects " +
                    std::to_string(inputSize()));
    const Matrix& w1 = parameter(*mlp_, 0);
    const Matrix& w2 = parameter(*mlp_, 1);
    hidden.noalias() = w1 * X;
    addBiasAndActivate(hidden, Eigen::Map<const Vector>(parameter(*mlp_, 2).data(), w1.rows()), Activation::Relu);
    logits.noalias() = w2 * hidden;
    logits.colwise() += parameter(*mlp_, 3).col(0);
}

Eigen::MatrixXd MlpDecision::scores(const Matrix& X) const
{
    Matrix hidden, logits;
    forward(X, hidden, logits);
    return logits.cast<double>();
}

void MlpDecision::marginGradient(const Matrix& X, const std::vector<int>& labels, Eigen::VectorXd& margins,
                                 Matrix& gradient) const
{
    if (Index(labels.size()) != X.cols())
        throw Error("mlp decision: one label per image needed");
    Matrix hidden, logits;
    forward(X, hidden, logits);
    const Eigen::MatrixXd s = logits.cast<double>();
    margins.resize(X.cols());
    Matrix dLogits = Matrix::Zero(logits.rows(), logits.cols());
    for (Index b = 0; b < X.cols(); ++b) {
        int other = 0;
        margins(b) = margin(s, b, labels[std::size_t(b)], &other);
        dLogits(labels[std::size_t(b)], b) = 1.0f;
        dLogits(other, b) = -1.0f;
    }
    Matrix dHidden;
    dHidden.noalias() = parameter(*mlp_, 1).transpose() * dLogits;
    multiplyByDerivative(dHidden, hidden, Activation::Relu);
    gradient.noalias() = parameter(*mlp_, 0).transpose() * dHidden;
}

} // namespace latentset
