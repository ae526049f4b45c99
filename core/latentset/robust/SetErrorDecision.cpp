#include "latentset/robust/SetErrorDecision.h"

#include "latentset/nn/AutoencoderSet.h"
#include "latentset/robust/InputBackprop.h"
#include "latentset/robust/MemberColumns.h"
#include "latentset/util/Error.h"
#include "latentset/util/ThreadPool.h"

namespace latentset {

SetErrorDecision::SetErrorDecision(std::shared_ptr<const AutoencoderSet> set, Vector scale, Vector offset,
                                   ThreadPool* pool)
    : set_(std::move(set)), scale_(std::move(scale)), offset_(std::move(offset)), pool_(pool)
{
    if (!set_ || set_->size() < 2)
        throw Error("set decision: needs a set of at least two members");
    if ((scale_.size() != 0 && scale_.size() != set_->size()) || scale_.size() != offset_.size())
        throw Error("set decision: the calibration needs one scale and one offset per member");
}

Index SetErrorDecision::inputSize() const { return set_->config().inputSize; }

int SetErrorDecision::classCount() const { return set_->size(); }

std::string SetErrorDecision::name() const
{
    return scale_.size() ? "set (squared error, calibrated)" : "set (squared error)";
}

Matrix SetErrorDecision::errors(const Matrix& X) const
{
    if (X.rows() != inputSize())
        throw Error("set decision: images have " + std::to_string(X.rows()) + " pixels, the set expects " +
                    std::to_string(inputSize()));
    return set_->reconstructionErrors(X, pool_, LossKind::SquaredError);
}

Eigen::MatrixXd SetErrorDecision::scores(const Matrix& X) const
{
    const Matrix e = errors(X);
    Eigen::MatrixXd s(e.rows(), e.cols());
    for (Index c = 0; c < e.rows(); ++c)
        s.row(c) = -scaleOf(int(c)) * e.row(c).cast<double>().array() + offsetOf(int(c));
    return s;
}

Matrix SetErrorDecision::errorGradient(int member, const Matrix& X) const
{
    const Autoencoder& ae = set_->member(member);
    Autoencoder::Cache enc, dec;
    ae.forwardEncoder(X, enc);
    ae.forwardDecoder(enc.output(), dec);
    const Matrix residual = X - dec.output();
    Matrix delta = -residual, dZ, dX;
    InputBackprop::backward(ae, ae.encoderLayerCount(), dec.a, delta, dZ);
    InputBackprop::backward(ae, 0, enc.a, dZ, dX);
    return residual + dX;
}

void SetErrorDecision::marginGradient(const Matrix& X, const std::vector<int>& labels, Eigen::VectorXd& margins,
                                      Matrix& gradient) const
{
    if (Index(labels.size()) != X.cols())
        throw Error("set decision: one label per image needed");
    const Eigen::MatrixXd s = scores(X);
    const MemberColumns columns(s, labels, margins);
    // margin = score_y - score_j, score_c = -a_c e_c + b_c.
    gradient = columns.gradient(
        X, [&](int c, const Matrix& images) { return errorGradient(c, images); },
        [&](int c) { return -scaleOf(c); }, pool_);
}

} // namespace latentset
