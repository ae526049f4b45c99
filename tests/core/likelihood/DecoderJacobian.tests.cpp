#include "latentset/likelihood/DecoderJacobian.h"

#include "latentset/nn/Autoencoder.h"
#include "latentset/nn/AutoencoderConfig.h"
#include "latentset/util/Random.h"

#include <catch2/catch.hpp>

using namespace latentset;

namespace {

// An autoencoder with random weights AND random biases (zero biases would
// put relu kinks exactly where finite differences look).
Autoencoder randomAutoencoder(const AutoencoderConfig& config, std::uint64_t seed)
{
    Autoencoder ae(config, seed);
    Random random(seed + 1);
    for (Parameter* p : ae.parameters())
        for (Index i = 0; i < p->value.size(); ++i)
            p->value.data()[i] += float(0.3 * random.normal());
    return ae;
}

// Central differences of the decoder, in double around a float decoder: the
// step is large enough (1e-2) that float rounding stays far below the tolerance.
Matrix finiteDifferenceJacobian(const Autoencoder& ae, const Vector& z)
{
    const double h = 1e-2;
    Matrix J(ae.config().inputSize, z.size());
    for (Index k = 0; k < z.size(); ++k) {
        Matrix plus = z, minus = z;
        plus(k, 0) += float(h);
        minus(k, 0) -= float(h);
        J.col(k) = ((ae.decode(plus) - ae.decode(minus)) / float(2 * h)).col(0);
    }
    return J;
}

void checkAgainstFiniteDifferences(const AutoencoderConfig& config, std::uint64_t seed)
{
    const Autoencoder ae = randomAutoencoder(config, seed);
    const DecoderJacobian jacobian(ae);
    REQUIRE(jacobian.latentSize() == config.latentSize);
    REQUIRE(jacobian.outputSize() == config.inputSize);
    Random random(seed + 2);
    Matrix Z(config.latentSize, 4);
    for (Index i = 0; i < Z.size(); ++i)
        Z.data()[i] = float(random.normal());
    const std::vector<Matrix> analytic = jacobian.jacobians(Z);
    REQUIRE(analytic.size() == 4);
    for (Index b = 0; b < Z.cols(); ++b) {
        const Matrix numeric = finiteDifferenceJacobian(ae, Z.col(b));
        const Matrix& exact = analytic[std::size_t(b)];
        REQUIRE(exact.rows() == numeric.rows());
        REQUIRE(exact.cols() == numeric.cols());
        const float scale = std::max(1e-3f, numeric.cwiseAbs().maxCoeff());
        INFO("config " << config.describe() << ", sample " << b);
        CHECK((exact - numeric).cwiseAbs().maxCoeff() / scale < 2e-3f);
        CHECK(exact.cwiseAbs().maxCoeff() > 0.0f); // not trivially zero
    }
}

} // namespace

TEST_CASE("Decoder Jacobian matches central finite differences: tied and untied, several activations",
          "[likelihood][jacobian]")
{
    for (bool tied : {true, false}) {
        SECTION(tied ? "tied" : "untied")
        {
            // The paper's activations (relu hidden, sigmoid output), one hidden layer.
            checkAgainstFiniteDifferences(AutoencoderConfig::make(12, {9}, 3, tied), 3);
            // Two hidden layers, tanh and linear outputs.
            AutoencoderConfig deep = AutoencoderConfig::make(10, {8, 6}, 4, tied);
            deep.decoderActivations = {Activation::Tanh, Activation::Sigmoid, Activation::Linear};
            deep.encoderActivations = {Activation::Relu, Activation::Tanh, Activation::Linear};
            checkAgainstFiniteDifferences(deep, 5);
            // No hidden layer: J = diag(f') W.
            AutoencoderConfig shallow = AutoencoderConfig::make(7, {}, 2, tied);
            shallow.decoderActivations = {Activation::Tanh};
            shallow.encoderActivations = {Activation::Linear};
            checkAgainstFiniteDifferences(shallow, 7);
        }
    }
}

TEST_CASE("Decoder Jacobian of a linear decoder is its weight matrix", "[likelihood][jacobian]")
{
    AutoencoderConfig config = AutoencoderConfig::make(5, {}, 2, false);
    config.decoderActivations = {Activation::Linear};
    config.encoderActivations = {Activation::Linear};
    const Autoencoder ae(config, 1);
    const DecoderJacobian jacobian(ae);
    const auto J = jacobian.jacobians(Matrix::Random(2, 3));
    for (const Matrix& j : J)
        CHECK((j - ae.effectiveWeight(1)).cwiseAbs().maxCoeff() == 0.0f);
}
