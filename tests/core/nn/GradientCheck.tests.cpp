// Finite-difference checks of every analytic gradient in nn/: each
// activation, both losses, with and without a mask, tied and untied
// decoders, and the split cross-training hooks.
#include "latentset/nn/Autoencoder.h"
#include "latentset/nn/AutoencoderSet.h"
#include "latentset/nn/Loss.h"
#include "latentset/util/Random.h"

#include <catch2/catch.hpp>

#include <cmath>

using namespace latentset;

namespace {

Matrix randomMatrix(Index rows, Index cols, Random& rng, float lo, float hi)
{
    Matrix m(rows, cols);
    for (Index j = 0; j < cols; ++j)
        for (Index i = 0; i < rows; ++i)
            m(i, j) = rng.uniformF(lo, hi);
    return m;
}

float lossOf(const Autoencoder& enc, const Autoencoder& dec, const Matrix& X, const Matrix& T, const Matrix* mask)
{
    Autoencoder::Cache e, d;
    enc.forwardEncoder(X, e);
    dec.forwardDecoder(e.output(), d);
    return Loss::evaluate(dec.config().loss, d.output(), T, mask, dec.activation(dec.layerCount() - 1), nullptr);
}

void analyticGradients(Autoencoder& enc, Autoencoder& dec, const Matrix& X, const Matrix& T, const Matrix* mask)
{
    enc.zeroGradients();
    if (&dec != &enc)
        dec.zeroGradients();
    Autoencoder::Cache e, d;
    enc.forwardEncoder(X, e);
    dec.forwardDecoder(e.output(), d);
    Matrix delta, dZ;
    Loss::evaluate(dec.config().loss, d.output(), T, mask, dec.activation(dec.layerCount() - 1), &delta);
    dec.backwardDecoder(d, delta, &dZ);
    enc.backwardEncoder(e, dZ);
}

// Compares every gradient entry of `model` against central differences of
// the loss computed through (enc, dec). Returns the number of entries checked.
int checkModel(Autoencoder& model, Autoencoder& enc, Autoencoder& dec, const Matrix& X, const Matrix& T,
               const Matrix* mask)
{
    int checked = 0;
    const float h = 2e-3f;
    for (Parameter* p : model.parameters()) {
        for (Index k = 0; k < p->value.size(); ++k) {
            const float saved = p->value.data()[k];
            p->value.data()[k] = saved + h;
            const double up = lossOf(enc, dec, X, T, mask);
            p->value.data()[k] = saved - h;
            const double down = lossOf(enc, dec, X, T, mask);
            p->value.data()[k] = saved;
            const double numeric = (up - down) / (2.0 * h);
            const double analytic = p->grad.data()[k];
            INFO("parameter entry " << k << " of a " << p->value.rows() << "x" << p->value.cols() << " tensor");
            CHECK(analytic == Approx(numeric).margin(3e-3).epsilon(3e-2));
            ++checked;
        }
    }
    return checked;
}

AutoencoderConfig smallConfig(Activation hidden, Activation latent, Activation output, LossKind loss, bool tied)
{
    AutoencoderConfig c = AutoencoderConfig::make(7, {5}, 3, tied);
    c.encoderActivations = {hidden, latent};
    c.decoderActivations = {hidden, output};
    c.loss = loss;
    return c;
}

} // namespace

TEST_CASE("Autoencoder gradients match finite differences", "[nn][gradient]")
{
    const auto hidden = GENERATE(Activation::Relu, Activation::Sigmoid, Activation::Tanh, Activation::Linear);
    const bool tied = GENERATE(true, false);
    const auto loss = GENERATE(LossKind::SquaredError, LossKind::BinaryCrossEntropy);
    const auto output = GENERATE(Activation::Sigmoid, Activation::Linear, Activation::Tanh);
    const bool masked = GENERATE(false, true);
    if (loss == LossKind::BinaryCrossEntropy && output != Activation::Sigmoid)
        return; // BCE needs outputs in (0, 1)
    const auto latent = hidden == Activation::Relu ? Activation::Tanh : Activation::Linear;
    CAPTURE(activationName(hidden), tied, lossName(loss), activationName(output), masked);

    Random rng(1234);
    Autoencoder ae(smallConfig(hidden, latent, output, loss, tied), 77);
    // Move biases off zero so relu kinks are not all at the same place.
    for (Parameter* p : ae.parameters())
        if (p->value.cols() == 1)
            p->value = randomMatrix(p->value.rows(), 1, rng, -0.3f, 0.3f);
    const Matrix X = randomMatrix(7, 4, rng, 0.05f, 0.95f);
    const Matrix T = randomMatrix(7, 4, rng, 0.05f, 0.95f);
    const Matrix mask = randomMatrix(7, 1, rng, 0.0f, 2.0f);
    const Matrix* m = masked ? &mask : nullptr;
    analyticGradients(ae, ae, X, T, m);
    const int n = checkModel(ae, ae, ae, X, T, m);
    CHECK(std::size_t(n) == ae.parameterCount());
}

TEST_CASE("Per-sample masks weight the gradient column by column", "[nn][gradient]")
{
    Random rng(9);
    Autoencoder ae(smallConfig(Activation::Tanh, Activation::Linear, Activation::Sigmoid, LossKind::SquaredError, true), 3);
    const Matrix X = randomMatrix(7, 3, rng, 0.1f, 0.9f);
    Matrix mask = randomMatrix(7, 3, rng, 0.0f, 1.0f);
    mask.col(1).setZero(); // sample 1 contributes nothing
    analyticGradients(ae, ae, X, X, &mask);
    checkModel(ae, ae, ae, X, X, &mask);
    // Zero mask everywhere: zero gradient.
    Matrix zero = Matrix::Zero(7, 3);
    analyticGradients(ae, ae, X, X, &zero);
    for (const Parameter* p : ae.parameters())
        CHECK(p->grad.cwiseAbs().maxCoeff() == 0.0f);
}

TEST_CASE("Cross-training hooks send gradients into encoder i and decoder j", "[nn][gradient]")
{
    const bool tied = GENERATE(true, false);
    CAPTURE(tied);
    Random rng(5);
    const auto config = smallConfig(Activation::Tanh, Activation::Linear, Activation::Sigmoid,
                                    LossKind::BinaryCrossEntropy, tied);
    AutoencoderSet set(config, 2, 11);
    const Matrix X = randomMatrix(7, 3, rng, 0.1f, 0.9f);
    const Matrix T = randomMatrix(7, 3, rng, 0.1f, 0.9f);
    Autoencoder& enc = set.member(0);
    Autoencoder& dec = set.member(1);
    analyticGradients(enc, dec, X, T, nullptr);
    checkModel(enc, enc, dec, X, T, nullptr);
    checkModel(dec, enc, dec, X, T, nullptr);
    // Encoder i's decoder biases and decoder j's encoder biases get nothing.
    const int L = enc.layerCount();
    const auto encParams = enc.parameters();
    const auto decParams = dec.parameters();
    const std::size_t nw = enc.weightTensorCount();
    for (int l = 0; l < L; ++l) {
        if (l >= enc.encoderLayerCount())
            CHECK(encParams[nw + std::size_t(l)]->grad.cwiseAbs().maxCoeff() == 0.0f);
        else
            CHECK(decParams[nw + std::size_t(l)]->grad.cwiseAbs().maxCoeff() == 0.0f);
    }
}

TEST_CASE("Loss values match hand computation", "[nn][loss]")
{
    Matrix Y(2, 2), T(2, 2);
    Y << 0.5f, 0.9f, 0.25f, 0.1f;
    T << 1.0f, 1.0f, 0.0f, 0.0f;
    // Squared error: per sample 0.5 * sum (y - t)^2; mean over the 2 samples.
    const float se = Loss::evaluate(LossKind::SquaredError, Y, T, nullptr, Activation::Linear, nullptr);
    const double s0 = 0.5 * (0.25 + 0.0625), s1 = 0.5 * (0.01 + 0.01);
    CHECK(se == Approx((s0 + s1) / 2));
    const float bce = Loss::evaluate(LossKind::BinaryCrossEntropy, Y, T, nullptr, Activation::Sigmoid, nullptr);
    const double b0 = -std::log(0.5) - std::log(0.75), b1 = -std::log(0.9) - std::log(0.9);
    CHECK(bce == Approx((b0 + b1) / 2));
    Matrix w(2, 1);
    w << 0.0f, 2.0f;
    const RowVector per = Loss::perSample(LossKind::SquaredError, Y, T, &w);
    CHECK(per(0) == Approx(2 * 0.5 * 0.0625));
    CHECK(per(1) == Approx(2 * 0.5 * 0.01));
    Matrix wrong(3, 1);
    CHECK_THROWS(Loss::perSample(LossKind::SquaredError, Y, T, &wrong));
}
