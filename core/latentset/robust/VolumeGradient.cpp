#include "latentset/robust/VolumeGradient.h"

#include "latentset/likelihood/LogDeterminant.h"
#include "latentset/nn/Autoencoder.h"
#include "latentset/robust/InputBackprop.h"
#include "latentset/util/Error.h"

#include <Eigen/Cholesky>
#include <algorithm>
#include <cmath>
#include <numbers>

namespace latentset {

namespace {

// Codes per GEMM chunk: n x 16 x 64 floats (3.2 MB for MNIST) stay in cache
// levels a shared machine has.
constexpr Index kChunk = 64;

// phi'(a) and phi''(a) of the output activation, from its output y.
void outputDerivatives(Activation activation, double y, double& first, double& second)
{
    switch (activation) {
    case Activation::Sigmoid: first = y * (1 - y); second = first * (1 - 2 * y); return;
    case Activation::Tanh: first = 1 - y * y; second = -2 * y * first; return;
    case Activation::Relu: first = y > 0 ? 1 : 0; second = 0; return;
    case Activation::Linear: first = 1; second = 0; return;
    }
    first = 1;
    second = 0;
}

} // namespace

VolumeGradient::VolumeGradient(const Autoencoder& autoencoder, Vector pixelWeights, double singularFloor)
    : autoencoder_(&autoencoder), weights_(std::move(pixelWeights)), floor_(singularFloor)
{
    const int first = autoencoder.encoderLayerCount();
    const int last = autoencoder.layerCount() - 1;
    for (int l = first; l < last; ++l) {
        const Activation act = autoencoder.activation(l);
        if (act != Activation::Relu && act != Activation::Linear)
            throw Error("volume gradient: decoder layer " + std::to_string(l) + " is " + activationName(act) +
                        "; only relu or linear hidden layers are covered");
    }
    if (weights_.size() != autoencoder.layerOutputSize(last))
        throw Error("volume gradient: pixel weights do not match the decoder's output");
}

Matrix VolumeGradient::outputJacobians(const std::vector<Matrix>& a, Index begin, Index end) const
{
    const Autoencoder& ae = *autoencoder_;
    const int first = ae.encoderLayerCount();
    const int layers = ae.layerCount() - first;
    const Index d = a[0].rows();
    const Index count = end - begin;
    // T = W_first, one copy per code.
    const Matrix w0 = InputBackprop::applyWeight(ae, first, Matrix::Identity(d, d));
    Matrix p(w0.rows(), d * count);
    for (Index b = 0; b < count; ++b)
        p.middleCols(b * d, d) = w0;
    for (int k = 0; k + 1 < layers; ++k) {
        if (ae.activation(first + k) == Activation::Relu) {
            const Matrix& h = a[std::size_t(k) + 1];
            for (Index b = 0; b < count; ++b) {
                const auto active = (h.col(begin + b).array() > 0.0f).cast<float>();
                p.middleCols(b * d, d).array().colwise() *= active;
            }
        }
        p = InputBackprop::applyWeight(ae, first + k + 1, p);
    }
    return p;
}

Matrix VolumeGradient::gradient(const std::vector<Matrix>& a, Eigen::VectorXd* values) const
{
    const Autoencoder& ae = *autoencoder_;
    if (a.size() != std::size_t(ae.layerCount() - ae.encoderLayerCount()) + 1)
        throw Error("volume gradient: activations do not come from this decoder");
    const Index d = a[0].rows();
    const Index n = weights_.size();
    const Index total = a[0].cols();
    const Activation outAct = ae.activation(ae.layerCount() - 1);
    const Eigen::VectorXd w2 = weights_.cast<double>().array().square();
    const double dLog2Pi = double(d) * std::log(2.0 * std::numbers::pi);
    Matrix out(d, total);
    if (values)
        values->resize(total);
    Eigen::VectorXd first(n), second(n);
    for (Index begin = 0; begin < total; begin += kChunk) {
        const Index end = std::min(total, begin + kChunk);
        const Matrix all = outputJacobians(a, begin, end);
        for (Index b = begin; b < end; ++b) {
            const auto y = a.back().col(b);
            for (Index i = 0; i < n; ++i)
                outputDerivatives(outAct, double(y(i)), first(i), second(i));
            const Eigen::MatrixXd m = all.middleCols((b - begin) * d, d).cast<double>();
            const Eigen::MatrixXd j = m.array().colwise() * first.array();
            const Eigen::MatrixXd w2j = j.array().colwise() * w2.array();
            Eigen::MatrixXd g = j.transpose() * w2j;
            if (values) {
                const auto logDet = LogDeterminant::ofSymmetric(g, floor_);
                (*values)(b) = -0.5 * (logDet.value - dLog2Pi);
            }
            // A ridge at the clamp level keeps G^-1 finite where G is singular.
            const double ridge = floor_ * std::max(1e-300, g.diagonal().maxCoeff());
            g.diagonal().array() += ridge;
            const Eigen::MatrixXd a2 = g.ldlt().solve(w2j.transpose()).transpose(); // W^2 J G^-1, n x d
            const Eigen::VectorXd q = (a2.array() * m.array()).rowwise().sum();
            out.col(b) = (-(m.transpose() * (second.array() * q.array()).matrix())).cast<float>();
        }
    }
    return out;
}

} // namespace latentset
