#include "latentset/nn/Activation.h"

#include "latentset/util/Error.h"

namespace latentset {

std::string activationName(Activation activation)
{
    switch (activation) {
    case Activation::Linear: return "linear";
    case Activation::Relu: return "relu";
    case Activation::Sigmoid: return "sigmoid";
    case Activation::Tanh: return "tanh";
    }
    return "?";
}

Activation parseActivation(const std::string& name)
{
    for (Activation a : {Activation::Linear, Activation::Relu, Activation::Sigmoid, Activation::Tanh})
        if (activationName(a) == name)
            return a;
    throw Error("unknown activation '" + name + "' (expected linear, relu, sigmoid or tanh)");
}

void activate(Matrix& Y, Activation activation)
{
    auto A = Y.array();
    switch (activation) {
    case Activation::Linear: break;
    case Activation::Relu: A = A.max(0.0f); break;
    case Activation::Sigmoid: A = 1.0f / (1.0f + (-A.max(-80.0f)).exp()); break;
    case Activation::Tanh: A = A.tanh(); break;
    }
}

void addBiasAndActivate(Matrix& Y, const Vector& b, Activation activation)
{
    // Column by column so the bias stays in cache and Eigen fuses add + f.
    for (Index j = 0; j < Y.cols(); ++j) {
        auto y = Y.col(j).array();
        switch (activation) {
        case Activation::Linear: y += b.array(); break;
        case Activation::Relu: y = (y + b.array()).max(0.0f); break;
        case Activation::Sigmoid: y = 1.0f / (1.0f + (-(y + b.array()).max(-80.0f)).exp()); break;
        case Activation::Tanh: y = (y + b.array()).tanh(); break;
        }
    }
}

void multiplyByDerivative(Matrix& delta, const Matrix& Y, Activation activation)
{
    auto D = delta.array();
    const auto Ya = Y.array();
    switch (activation) {
    case Activation::Linear: break;
    case Activation::Relu: D = (Ya > 0.0f).select(D, 0.0f); break;
    case Activation::Sigmoid: D *= Ya * (1.0f - Ya); break;
    case Activation::Tanh: D *= 1.0f - Ya.square(); break;
    }
}

} // namespace latentset
