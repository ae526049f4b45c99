#include "latentset/robust/SetLikelihoodDecision.h"

#include "latentset/likelihood/LikelihoodEstimator.h"
#include "latentset/likelihood/LikelihoodModel.h"
#include "latentset/nn/AutoencoderSet.h"
#include "latentset/robust/InputBackprop.h"
#include "latentset/robust/MemberColumns.h"
#include "latentset/util/Error.h"
#include "latentset/util/ThreadPool.h"

namespace latentset {

SetLikelihoodDecision::SetLikelihoodDecision(std::shared_ptr<const AutoencoderSet> set,
                                             std::shared_ptr<const LikelihoodModel> model, bool calibrated,
                                             ThreadPool* pool)
    : set_(std::move(set)), model_(std::move(model)), calibrated_(calibrated), pool_(pool)
{
    if (!set_ || !model_)
        throw Error("likelihood decision: needs a set and its likelihood model");
    model_->checkFits(*set_, "likelihood decision");
    if (calibrated_ && model_->calibration().isEmpty())
        throw Error("likelihood decision: the model has no eq. 5 calibration");
    estimator_ = std::make_unique<LikelihoodEstimator>(set_, model_);
    for (int c = 0; c < set_->size(); ++c) {
        volumes_.emplace_back(set_->member(c), model_->pixelWeights(c), model_->settings().singularFloor);
        densities_.emplace_back(model_->latentDensity(c));
    }
}

SetLikelihoodDecision::~SetLikelihoodDecision() = default;

Index SetLikelihoodDecision::inputSize() const { return set_->config().inputSize; }

int SetLikelihoodDecision::classCount() const { return set_->size(); }

double SetLikelihoodDecision::reconstructionWeight(int c) const
{
    return calibrated_ ? model_->calibration().reconstructionScales()(c) : 1.0;
}

double SetLikelihoodDecision::latentWeight(int c) const
{
    if (!calibrated_)
        return 1.0;
    const Eigen::VectorXd& s = model_->calibration().latentScales();
    return s.size() ? s(c) : 1.0;
}

LikelihoodTerms SetLikelihoodDecision::terms(const Matrix& X) const { return estimator_->evaluate(X, pool_); }

Eigen::MatrixXd SetLikelihoodDecision::scoresOf(const LikelihoodTerms& t) const
{
    return calibrated_ ? model_->calibration().apply(t) : t.logLikelihood();
}

Eigen::MatrixXd SetLikelihoodDecision::scores(const Matrix& X) const { return scoresOf(terms(X)); }

Matrix SetLikelihoodDecision::scoreGradient(int c, const Matrix& X) const
{
    const Autoencoder& ae = set_->member(c);
    const double alpha = reconstructionWeight(c);
    const double beta = latentWeight(c);
    const Vector w2 = model_->pixelWeights(c).array().square();
    Autoencoder::Cache enc, dec;
    ae.forwardEncoder(X, enc);
    ae.forwardDecoder(enc.output(), dec);
    // R = -1/2 |W (x - y)|^2: dR/dy = W^2 r, the direct dR/dx = -W^2 r.
    const Matrix weightedResidual = (X - dec.output()).array().colwise() * w2.array();
    Matrix delta = float(alpha) * weightedResidual, dZ, dX;
    InputBackprop::backward(ae, ae.encoderLayerCount(), dec.a, delta, dZ);
    dZ += float(beta) * (densities_[std::size_t(c)].gradient(enc.output()) + volumes_[std::size_t(c)].gradient(dec.a));
    InputBackprop::backward(ae, 0, enc.a, dZ, dX);
    return dX - float(alpha) * weightedResidual;
}

void SetLikelihoodDecision::marginGradient(const Matrix& X, const std::vector<int>& labels,
                                           Eigen::VectorXd& margins, Matrix& gradient) const
{
    if (Index(labels.size()) != X.cols())
        throw Error("likelihood decision: one label per image needed");
    const MemberColumns columns(scores(X), labels, margins);
    gradient = columns.gradient(
        X, [&](int c, const Matrix& images) { return scoreGradient(c, images); }, [](int) { return 1.0; }, pool_);
}

} // namespace latentset
