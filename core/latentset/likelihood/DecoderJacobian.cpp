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

// out(:, p) = sum_jj wt(active[jj], p) * in(:, jj) for p in [0, nOut):
// one layer of forward-mode differentiation, on compacted rows. D is the
// latent size at compile time so the accumulators live in registers; four
// output rows share each load of in(:, jj).
template <int D>
void propagateFixed(const Matrix& wt, const std::vector<Index>& active, const Matrix& in, Matrix& out)
{
    using V = Eigen::Matrix<float, D, 1>;
    const Index nOut = wt.cols();
    const Index k = Index(active.size());
    const Index* act = active.data();
    const float* c = in.data();
    const Index ld = wt.rows();
    Index p = 0;
    for (; p + 4 <= nOut; p += 4) {
        const float* w0 = wt.data() + p * ld;
        const float* w1 = w0 + ld;
        const float* w2 = w1 + ld;
        const float* w3 = w2 + ld;
        V a0 = V::Zero(), a1 = V::Zero(), a2 = V::Zero(), a3 = V::Zero();
        for (Index jj = 0; jj < k; ++jj) {
            const Index j = act[jj];
            const V row = Eigen::Map<const V>(c + jj * D);
            a0.noalias() += w0[j] * row;
            a1.noalias() += w1[j] * row;
            a2.noalias() += w2[j] * row;
            a3.noalias() += w3[j] * row;
        }
        Eigen::Map<V>(out.data() + p * D) = a0;
        Eigen::Map<V>(out.data() + (p + 1) * D) = a1;
        Eigen::Map<V>(out.data() + (p + 2) * D) = a2;
        Eigen::Map<V>(out.data() + (p + 3) * D) = a3;
    }
    for (; p < nOut; ++p) {
        const float* w0 = wt.data() + p * ld;
        V a0 = V::Zero();
        for (Index jj = 0; jj < k; ++jj)
            a0.noalias() += w0[act[jj]] * Eigen::Map<const V>(c + jj * D);
        Eigen::Map<V>(out.data() + p * D) = a0;
    }
}

// Any latent size (slower: accumulators in memory).
void propagateDynamic(const Matrix& wt, const std::vector<Index>& active, const Matrix& in, Matrix& out)
{
    const Index k = Index(active.size());
    for (Index p = 0; p < wt.cols(); ++p) {
        auto acc = out.col(p);
        acc.setZero();
        for (Index jj = 0; jj < k; ++jj)
            acc.noalias() += wt(active[std::size_t(jj)], p) * in.col(jj);
    }
}

void propagate(const Matrix& wt, const std::vector<Index>& active, const Matrix& in, Matrix& out)
{
    out.resize(in.rows(), wt.cols());
    switch (in.rows()) {
    case 2: propagateFixed<2>(wt, active, in, out); break;
    case 4: propagateFixed<4>(wt, active, in, out); break;
    case 8: propagateFixed<8>(wt, active, in, out); break;
    case 16: propagateFixed<16>(wt, active, in, out); break;
    case 32: propagateFixed<32>(wt, active, in, out); break;
    default: propagateDynamic(wt, active, in, out); break;
    }
}

} // namespace

DecoderJacobian::DecoderJacobian(const Autoencoder& autoencoder) : source_(&autoencoder)
{
    firstLayer_ = autoencoder.encoderLayerCount();
    const int last = autoencoder.layerCount();
    if (firstLayer_ >= last)
        throw Error("decoder Jacobian: the autoencoder has no decoder layers");
    latentSize_ = autoencoder.layerInputSize(firstLayer_);
    outputSize_ = autoencoder.layerOutputSize(last - 1);
    for (int l = firstLayer_; l < last; ++l) {
        if (autoencoder.weightTransposed(l)) {
            ownedIndex_.push_back(-1); // the stored matrix IS W_l^T
        } else {
            ownedIndex_.push_back(int(owned_.size()));
            owned_.emplace_back(autoencoder.weightStorage(l).transpose());
        }
        biases_.emplace_back(autoencoder.bias(l));
        activations_.push_back(autoencoder.activation(l));
    }
}

const Matrix& DecoderJacobian::transposedWeight(int l) const
{
    const int owned = ownedIndex_[std::size_t(l)];
    return owned < 0 ? source_->weightStorage(firstLayer_ + l) : owned_[std::size_t(owned)];
}

void DecoderJacobian::decode(const Matrix& Z, std::vector<Matrix>& outputs) const
{
    if (Z.rows() != latentSize_)
        throw Error("decoder Jacobian: codes have " + std::to_string(Z.rows()) + " rows, the latent size is " +
                    std::to_string(latentSize_));
    outputs.resize(biases_.size() + 1);
    outputs[0] = Z;
    for (std::size_t l = 0; l < biases_.size(); ++l) {
        outputs[l + 1].noalias() = transposedWeight(int(l)).transpose() * outputs[l];
        addBiasAndActivate(outputs[l + 1], biases_[l], activations_[l]);
    }
}

void DecoderJacobian::jacobianTransposed(const std::vector<Matrix>& outputs, Index sample, Matrix& Jt,
                                         Workspace& ws) const
{
    if (outputs.size() != biases_.size() + 1 || sample < 0 || sample >= outputs[0].cols())
        throw Error("decoder Jacobian: outputs do not come from this decoder's decode()");
    const Index d = latentSize_;
    const int layers = int(biases_.size());
    for (int l = 0; l < layers; ++l) {
        const Matrix& wt = transposedWeight(l);
        const bool lastLayer = l + 1 == layers;
        Matrix& product = lastLayer ? Jt : ws.full;
        if (l == 0)
            product = wt; // J_0 = I, so J_1^T = W_1^T before the derivative
        else
            propagate(wt, ws.active, ws.current, product);
        // Times diag(f'): the output keeps every row (J^T keeps every
        // column); hidden layers keep only units with a non-zero derivative.
        const auto y = outputs[std::size_t(l) + 1].col(sample);
        if (lastLayer) {
            if (activations_[std::size_t(l)] != Activation::Linear)
                for (Index i = 0; i < Jt.cols(); ++i)
                    Jt.col(i) *= derivativeFromOutput(y(i), activations_[std::size_t(l)]);
        } else {
            ws.active.clear();
            ws.next.resize(d, product.cols());
            for (Index i = 0; i < product.cols(); ++i) {
                const float g = derivativeFromOutput(y(i), activations_[std::size_t(l)]);
                if (g != 0.0f) {
                    ws.next.col(Index(ws.active.size())) = g * product.col(i);
                    ws.active.push_back(i);
                }
            }
            std::swap(ws.current, ws.next);
        }
    }
}

void DecoderJacobian::jacobian(const std::vector<Matrix>& outputs, Index sample, Matrix& J, Workspace& ws) const
{
    Matrix jt;
    jacobianTransposed(outputs, sample, jt, ws);
    J = jt.transpose();
}

std::vector<Matrix> DecoderJacobian::jacobians(const Matrix& Z) const
{
    std::vector<Matrix> outputs;
    decode(Z, outputs);
    Workspace ws;
    std::vector<Matrix> result(static_cast<std::size_t>(Z.cols()));
    for (Index b = 0; b < Z.cols(); ++b)
        jacobian(outputs, b, result[std::size_t(b)], ws);
    return result;
}

} // namespace latentset
