#include "latentset/robust/InputBackprop.h"

#include "latentset/nn/Activation.h"
#include "latentset/nn/Autoencoder.h"
#include "latentset/util/Error.h"

namespace latentset {

Matrix InputBackprop::applyWeight(const Autoencoder& ae, int layer, const Matrix& X)
{
    const Matrix& w = ae.weightStorage(layer);
    Matrix out;
    if (ae.weightTransposed(layer))
        out.noalias() = w.transpose() * X;
    else
        out.noalias() = w * X;
    return out;
}

Matrix InputBackprop::applyWeightTransposed(const Autoencoder& ae, int layer, const Matrix& delta)
{
    const Matrix& w = ae.weightStorage(layer);
    Matrix out;
    if (ae.weightTransposed(layer))
        out.noalias() = w * delta;
    else
        out.noalias() = w.transpose() * delta;
    return out;
}

void InputBackprop::backward(const Autoencoder& ae, int firstLayer, const std::vector<Matrix>& a, Matrix& delta,
                             Matrix& dInput)
{
    if (a.size() < 2)
        throw Error("input gradient: no layers to back-propagate through");
    const int layers = int(a.size()) - 1;
    if (firstLayer < 0 || firstLayer + layers > ae.layerCount())
        throw Error("input gradient: layers out of range");
    if (delta.rows() != a.back().rows() || delta.cols() != a.back().cols())
        throw Error("input gradient: delta does not match the run's output");
    for (int k = layers - 1; k >= 0; --k) {
        const int l = firstLayer + k;
        multiplyByDerivative(delta, a[std::size_t(k) + 1], ae.activation(l));
        Matrix next = applyWeightTransposed(ae, l, delta);
        delta = std::move(next);
    }
    dInput = std::move(delta);
    delta.resize(0, 0);
}

} // namespace latentset
