// Mlp::trainStep's fused pass (the threads' gradients summed, then Adam, in
// chunks shared among the pool's threads) gives the bits of the general
// path: Optimizer::update on the same summed gradient, on one thread.
#include "latentset/nn/Mlp.h"
#include "latentset/nn/Optimizer.h"
#include "latentset/util/Random.h"
#include "latentset/util/ThreadPool.h"

#include <catch2/catch.hpp>

#include <cstring>

using namespace latentset;

namespace {

bool sameBits(const Matrix& a, const Matrix& b)
{
    return a.rows() == b.rows() && a.cols() == b.cols()
           && std::memcmp(a.data(), b.data(), std::size_t(a.size()) * sizeof(float)) == 0;
}

} // namespace

TEST_CASE("The MLP's fused step updates like Optimizer::update on the same gradient, bit for bit", "[nn][mlp]")
{
    // Tensors of more than one 4096-float chunk and not a multiple of 16
    // floats (the vector tail), on 2 threads.
    const Index in = 97, hidden = 75, classes = 3, batch = 12;
    Random rng(11);
    Matrix X(in, batch);
    for (Index i = 0; i < X.size(); ++i)
        X.data()[i] = rng.uniformF(0.0f, 1.0f);
    std::vector<int> labels;
    for (Index j = 0; j < batch; ++j)
        labels.push_back(int(j % classes));
    ThreadPool pool(2);
    OptimizerSettings settings;
    settings.learningRate = 3e-3f;
    Mlp mlp(in, hidden, classes, 5);
    for (int step = 0; step < 4; ++step) {
        Mlp before = mlp;
        (void)mlp.trainStep(X, labels, settings, settings.learningRate, &pool);
        // The reference: the general path's Adam on the gradient the step summed.
        auto ref = before.parameters();
        const auto got = mlp.parameters();
        for (std::size_t i = 0; i < ref.size(); ++i) {
            ref[i]->ensureTrainingState();
            ref[i]->grad = got[i]->grad;
        }
        before.setStepCount(before.stepCount() + 1);
        Optimizer::update(ref, {true, true, false, false}, settings, before.stepCount(), settings.learningRate);
        for (std::size_t i = 0; i < ref.size(); ++i) {
            CHECK(sameBits(ref[i]->value, got[i]->value));
            CHECK(sameBits(ref[i]->m, got[i]->m));
            CHECK(sameBits(ref[i]->v, got[i]->v));
        }
        CHECK(mlp.stepCount() == before.stepCount());
    }
    // The loss fell: the step trains.
    const float first = Mlp(in, hidden, classes, 5).trainStep(X, labels, settings, settings.learningRate, &pool);
    CHECK(mlp.trainStep(X, labels, settings, settings.learningRate, &pool) < first);
}
