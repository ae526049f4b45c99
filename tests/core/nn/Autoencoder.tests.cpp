#include "latentset/nn/Autoencoder.h"
#include "latentset/nn/AutoencoderSet.h"
#include "latentset/util/Error.h"
#include "latentset/util/Random.h"
#include "latentset/util/ThreadPool.h"

#include <catch2/catch.hpp>

#include <cmath>

using namespace latentset;

TEST_CASE("A hand-computed forward pass", "[nn][forward]")
{
    // 2 -> 1 (relu) -> 1 latent (linear) -> 1 (relu, tied) -> 2 (sigmoid, tied)
    AutoencoderConfig c = AutoencoderConfig::make(2, {1}, 1, true);
    Autoencoder ae(c, 1);
    auto p = ae.parameters(); // weights: W0 (1x2), W1 (1x1); biases: b0..b3
    REQUIRE(p.size() == 6);
    p[0]->value << 1.0f, -2.0f;
    p[1]->value << 3.0f;
    p[2]->value << 0.5f;
    p[3]->value << -1.0f;
    p[4]->value << 0.25f;
    p[5]->value << 0.0f, 1.0f;
    Matrix X(2, 2);
    X << 2.0f, 0.0f, 0.5f, 1.0f; // columns (2, 0.5) and (0, 1)
    // Sample 0: h = relu(2 - 1 + 0.5) = 1.5; z = 3*1.5 - 1 = 3.5;
    //   h' = relu(3*3.5 + 0.25) = 10.75; y = sigmoid(W0^T h' + b3)
    //      = sigmoid(10.75, -21.5 + 1)
    // Sample 1: h = relu(0 - 2 + 0.5) = 0; z = -1; h' = relu(-3 + .25) = 0; y = sigmoid(0, 1)
    const Matrix Z = ae.encode(X);
    CHECK(Z(0, 0) == Approx(3.5f));
    CHECK(Z(0, 1) == Approx(-1.0f));
    const Matrix R = ae.reconstruct(X);
    auto sig = [](double a) { return 1.0 / (1.0 + std::exp(-a)); };
    CHECK(R(0, 0) == Approx(sig(10.75)));
    CHECK(R(1, 0) == Approx(sig(-20.5)).margin(1e-9));
    CHECK(R(0, 1) == Approx(0.5));
    CHECK(R(1, 1) == Approx(sig(1.0)));
    // Effective weights: tied decoder layers are transposes.
    CHECK(ae.weightTransposed(3));
    CHECK(ae.effectiveWeight(3).rows() == 2);
    CHECK(ae.effectiveWeight(3)(1, 0) == -2.0f);
    CHECK(ae.bias(2)(0) == 0.25f);
    CHECK_THROWS_AS(ae.encode(Matrix::Zero(3, 1)), Error);
}

TEST_CASE("Paper config has the paper's shape and FLOP count", "[nn]")
{
    const auto c = AutoencoderConfig::paperMnist();
    CHECK(c.layerSizes() == std::vector<Index>{784, 2048, 16, 2048, 784});
    CHECK(c.tied);
    Autoencoder ae(c, 1);
    CHECK(ae.parameterCount() == std::size_t(784 * 2048 + 2048 * 16 + 2048 + 16 + 2048 + 784));
    // Forward + dW for every layer, dX for all but the first (2 FLOPs per MAC).
    const double expected = 2.0 * (784.0 * 2048 * 2 + 2048.0 * 16 * 3 + 16.0 * 2048 * 3 + 2048.0 * 784 * 3);
    CHECK(ae.trainingFlopsPerSample() == Approx(expected));
}

TEST_CASE("Training is reproducible from the seed and reduces the loss", "[nn][train]")
{
    auto run = [](std::uint64_t seed) {
        AutoencoderConfig c = AutoencoderConfig::make(16, {12}, 4, true);
        AutoencoderSet set(c, 2, seed);
        Random rng(seed);
        Matrix X(16, 8);
        for (Index j = 0; j < X.cols(); ++j)
            for (Index i = 0; i < X.rows(); ++i)
                X(i, j) = float(rng.uniform());
        OptimizerSettings s;
        ThreadPool pool(2);
        std::vector<float> first, last;
        for (int step = 0; step < 200; ++step) {
            auto l = set.trainStepAll({&X, &X}, {}, {}, s, 1e-2f, pool);
            if (step == 0)
                first = l;
            last = l;
        }
        return std::make_tuple(set.member(1).reconstruct(X), first, last);
    };
    const auto [a, firstA, lastA] = run(5);
    const auto [b, firstB, lastB] = run(5);
    const auto [c, firstC, lastC] = run(6);
    CHECK(a == b); // bit for bit
    CHECK(!(a == c));
    CHECK(lastA[0] < 0.8f * firstA[0]);
    CHECK(lastA[1] < 0.8f * firstA[1]);
}
