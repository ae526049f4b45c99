#pragma once
// Element-wise activation functions of dense layers.
//
// Shapes: every function works on a whole batch, n x B (one column per sample).
// Derivatives are computed from the layer's OUTPUT y = f(a), not its input a:
// for relu, sigmoid, tanh and linear f'(a) is a function of y alone, so the
// backward pass needs to keep only the outputs (half the memory).
#include "latentset/util/Types.h"

#include <string>

namespace latentset {

enum class Activation { Linear, Relu, Sigmoid, Tanh };

// "linear", "relu", "sigmoid", "tanh".
std::string activationName(Activation activation);
// Inverse of activationName; throws Error naming the text if unknown.
Activation parseActivation(const std::string& name);

// Y := f(Y + b), b broadcast over columns (b has Y.rows() entries). Fused so
// a layer's output is touched once after its matrix product.
void addBiasAndActivate(Matrix& Y, const Vector& b, Activation activation);
// Y := f(Y) in place.
void activate(Matrix& Y, Activation activation);
// delta := delta .* f'(a), with f'(a) expressed through the output Y = f(a).
// delta and Y have the same shape.
void multiplyByDerivative(Matrix& delta, const Matrix& Y, Activation activation);

} // namespace latentset
