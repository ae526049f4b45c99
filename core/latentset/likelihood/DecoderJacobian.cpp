#include "latentset/likelihood/DecoderJacobian.h"

#include "latentset/nn/Autoencoder.h"
#include "latentset/util/Error.h"

namespace latentset {

namespace {

// f'(a) from the output y = f(a), for one value.
inline float derivativeFromOutput(float y, Activation activation)
{
    switch (activation) {
    case Activation::Linear: return 1.0f;
    case Activation::Relu: return y > 0.0f ? 1.0f : 0.0f;
    case Activation::Sigmoid: return y * (1.0f - y);
    case Activation::Tanh: return 1.0f - y * y;
    }
    return 1.0f;
}

} // namespace

DecoderJacobian::DecoderJacobian(const Autoencoder& autoencoder)
{
    const int first = autoencoder.encoderLayerCount();
    const int last = autoencoder.layerCount();
    if (first >= last)
        throw Error("decoder Jacobian: the autoencoder has no decoder layers");
    latentSize_ = autoencoder.layerInputSize(first);
    outputSize_ = autoencoder.layerOutputSize(last - 1);
    for (int l = first; l < last; ++l) {
        weights_.push_back(autoencoder.effectiveWeight(l));
        biases_.emplace_back(autoencoder.bias(l));
        activations_.push_back(autoencoder.activation(l));
    }
}

void DecoderJacobian::decode(const Matrix& Z, std::vector<Matrix>& outputs) const
{
    if (Z.rows() != latentSize_)
        throw Error("decoder Jacobian: codes have " + std::to_string(Z.rows()) + " rows, the latent size is " +
                    std::to_string(latentSize_));
    outputs.resize(weights_.size() + 1);
    outputs[0] = Z;
    for (std::size_t l = 0; l < weights_.size(); ++l) {
        outputs[l + 1].noalias() = weights_[l] * outputs[l];
        addBiasAndActivate(outputs[l + 1], biases_[l], activations_[l]);
    }
}

void DecoderJacobian::jacobian(const std::vector<Matrix>& outputs, Index sample, Matrix& J,
                               Workspace& ws) const
{
    if (outputs.size() != weights_.size() + 1 || sample < 0 || sample >= outputs[0].cols())
        throw Error("decoder Jacobian: outputs do not come from this decoder's decode()");
    const Index d = latentSize_;
    // `current` holds the rows of J_{l-1} for the units listed in `active`
    // (all other rows are exactly zero).
    for (std::size_t l = 0; l < weights_.size(); ++l) {
        const Matrix& W = weights_[l];
        const bool lastLayer = l + 1 == weights_.size();
        Matrix& product = lastLayer ? J : ws.next;
        if (l == 0) {
            product = W; // J_0 = I
        } else {
            const Index k = Index(ws.active.size());
            if (k == W.cols()) {
                product.noalias() = W * ws.current;
            } else {
                ws.gathered.resize(W.rows(), k);
                for (Index j = 0; j < k; ++j)
                    ws.gathered.col(j) = W.col(ws.active[std::size_t(j)]);
                product.noalias() = ws.gathered * ws.current.topRows(k);
            }
        }
        // Multiply by diag(f'), keeping only rows with a non-zero derivative
        // unless this is the output (which must be n x d in full).
        const auto y = outputs[l + 1].col(sample);
        if (lastLayer) {
            if (activations_[l] != Activation::Linear) {
                ws.derivative.resize(J.rows());
                for (Index i = 0; i < J.rows(); ++i)
                    ws.derivative(i) = derivativeFromOutput(y(i), activations_[l]);
                J.array().colwise() *= ws.derivative.array();
            }
        } else {
            ws.active.clear();
            ws.current.resize(product.rows(), d);
            for (Index i = 0; i < product.rows(); ++i) {
                const float g = derivativeFromOutput(y(i), activations_[l]);
                if (g != 0.0f) {
                    ws.current.row(Index(ws.active.size())) = g * product.row(i);
                    ws.active.push_back(i);
                }
            }
        }
    }
}

std::vector<Matrix> DecoderJacobian::jacobians(const Matrix& Z) const
{
    std::vector<Matrix> outputs;
    decode(Z, outputs);
    Workspace ws;
    std::vector<Matrix> result(std::size_t(Z.cols()));
    for (Index b = 0; b < Z.cols(); ++b)
        jacobian(outputs, b, result[std::size_t(b)], ws);
    return result;
}

} // namespace latentset
