#include "latentset/data/Dataset.h"
#include "latentset/nn/ClassSetTask.h"
#include "latentset/nn/ConfusionMatrix.h"
#include "latentset/nn/Mlp.h"
#include "latentset/nn/SetClassifier.h"
#include "latentset/util/Error.h"
#include "latentset/util/Random.h"
#include "latentset/util/ThreadPool.h"

#include <catch2/catch.hpp>

using namespace latentset;

namespace {

// Four classes of 6x6 images: horizontal bar, vertical bar, diagonal,
// anti-diagonal, at random offsets, with pixel noise.
Dataset shapes(int perClass, std::uint64_t seed)
{
    Random rng(seed);
    std::vector<std::uint8_t> pixels;
    std::vector<int> labels;
    for (int i = 0; i < perClass * 4; ++i) {
        const int c = i % 4;
        const int k = int(rng.below(6));
        for (int y = 0; y < 6; ++y)
            for (int x = 0; x < 6; ++x) {
                bool on = false;
                switch (c) {
                case 0: on = y == k; break;
                case 1: on = x == k; break;
                case 2: on = (x + k) % 6 == y; break;
                case 3: on = (x + y + k) % 6 == 5; break;
                }
                pixels.push_back(std::uint8_t((on ? 200.0 : 10.0) + rng.uniform() * 50.0));
            }
        labels.push_back(c);
    }
    return Dataset(6, 6, std::move(pixels), std::move(labels), {}, "shapes");
}

} // namespace

TEST_CASE("A small class set trained on generated data classifies well above chance", "[nn][classifier]")
{
    const Dataset train = shapes(60, 1);
    const Dataset test = shapes(40, 2);
    std::vector<Dataset> parts;
    for (int c = 0; c < 4; ++c)
        parts.push_back(train.ofClass(c));
    ClassSetSettings s;
    s.batchSize = 16;
    s.optimizer.learningRate = 1e-2f;
    s.seed = 4;
    ClassSetTask task(AutoencoderSet(AutoencoderConfig::make(36, {24}, 2, true), 4, 9), parts, s);
    ThreadPool pool(2);
    for (int step = 0; step < 300; ++step)
        task.step(pool, 0, 1);
    SetClassifier classifier(std::make_shared<const AutoencoderSet>(task.set().inferenceCopy()));
    ConfusionMatrix m(4);
    m.add(test.labels(), classifier.classify(test, &pool, false));
    INFO(m.toText());
    CHECK(m.accuracy() > 0.8); // chance is 0.25
    classifier.calibrate(train, &pool);
    CHECK(classifier.calibrated());
    ConfusionMatrix n(4);
    n.add(test.labels(), classifier.classify(test, &pool, true));
    CHECK(n.accuracy() > 0.8);
}

TEST_CASE("The MLP baseline learns generated data, deterministically per thread count", "[nn][mlp]")
{
    const Dataset train = shapes(60, 1);
    const Dataset test = shapes(40, 2);
    auto run = [&](unsigned threads) {
        Mlp mlp(36, 32, 4, 3);
        ThreadPool pool(threads);
        OptimizerSettings o;
        o.learningRate = 5e-3f;
        const Matrix X = train.all();
        float first = 0, last = 0;
        for (int step = 0; step < 150; ++step) {
            last = mlp.trainStep(X, train.labels(), o, o.learningRate, &pool);
            if (step == 0)
                first = last;
        }
        CHECK(last < 0.2f * first);
        return mlp;
    };
    const Mlp a = run(2), b = run(2), c = run(1);
    const Matrix T = test.all();
    CHECK(a.probabilities(T) == b.probabilities(T));
    CHECK(a.probabilities(T).isApprox(c.probabilities(T), 1e-3f));
    ConfusionMatrix m(4);
    m.add(test.labels(), a.predict(T));
    CHECK(m.accuracy() > 0.9);
}

TEST_CASE("Mlp gradient matches finite differences", "[nn][mlp][gradient]")
{
    Random rng(2);
    Mlp mlp(5, 4, 3, 8);
    Matrix X(5, 6);
    for (Index i = 0; i < X.size(); ++i)
        X.data()[i] = rng.uniformF(0, 1);
    const std::vector<int> y{0, 1, 2, 1, 0, 2};
    auto loss = [&](const Mlp& m) {
        const Matrix P = m.probabilities(X);
        double l = 0;
        for (Index j = 0; j < 6; ++j)
            l -= std::log(double(P(y[std::size_t(j)], j)));
        return l / 6;
    };
    // SGD with lr 0 and momentum 0 leaves weights alone but fills grad.
    OptimizerSettings sgd;
    sgd.kind = OptimizerSettings::Kind::SgdMomentum;
    sgd.momentum = 0;
    ThreadPool pool(2);
    mlp.trainStep(X, y, sgd, 0.0f, &pool);
    const float h = 1e-3f;
    for (Parameter* p : mlp.parameters())
        for (Index k = 0; k < p->value.size(); ++k) {
            const float saved = p->value.data()[k];
            p->value.data()[k] = saved + h;
            const double up = loss(mlp);
            p->value.data()[k] = saved - h;
            const double down = loss(mlp);
            p->value.data()[k] = saved;
            CHECK(p->grad.data()[k] == Approx((up - down) / (2 * h)).margin(2e-3).epsilon(2e-2));
        }
}

TEST_CASE("ConfusionMatrix counts and accuracies", "[nn][confusion]")
{
    ConfusionMatrix m(3);
    m.add({0, 0, 1, 2, 2, 2}, {0, 1, 1, 2, 2, 0});
    CHECK(m.total() == 6);
    CHECK(m.count(0, 1) == 1);
    CHECK(m.accuracy() == Approx(4.0 / 6));
    CHECK(m.classAccuracy(2) == Approx(2.0 / 3));
    CHECK(m.toText({"a", "b", "c"}).find("66.67") != std::string::npos);
    CHECK_THROWS_AS(m.add(3, 0), Error);
}

TEST_CASE("Calibration undoes a member whose errors are on another scale", "[nn][classifier]")
{
    // Three members; member 0's errors are all 3x larger, so the raw rule
    // never picks it. Calibration on labelled errors should recover it.
    auto set = std::make_shared<const AutoencoderSet>(AutoencoderConfig::make(4, {3}, 2, true), 3, 1);
    SetClassifier classifier(set);
    Random rng(3);
    const int n = 300;
    Matrix errors(3, n);
    std::vector<int> labels(n);
    for (int j = 0; j < n; ++j) {
        labels[std::size_t(j)] = j % 3;
        for (int i = 0; i < 3; ++i)
            errors(i, j) = float((i == j % 3 ? 10.0 : 16.0) + 4.0 * rng.uniform());
        errors(0, j) *= 3.0f;
    }
    ConfusionMatrix raw(3), calibrated(3);
    raw.add(labels, classifier.decide(errors, false));
    classifier.calibrate(errors, labels);
    calibrated.add(labels, classifier.decide(errors, true));
    CHECK(raw.classAccuracy(0) == 0.0);
    CHECK(calibrated.accuracy() > 0.95);
    CHECK(classifier.scale()(0) < classifier.scale()(1));
}

TEST_CASE("Set classifier errors: squared error by default, the training loss on request, wrong sizes refused", "[nn][classifier]")
{
    auto set = std::make_shared<const AutoencoderSet>(AutoencoderConfig::make(6, {5}, 2, true), 3, 4);
    SetClassifier classifier(set);
    Random rng(5);
    Matrix X(6, 4);
    for (Index j = 0; j < X.cols(); ++j)
        for (Index i = 0; i < X.rows(); ++i)
            X(i, j) = float(rng.uniform());
    CHECK(classifier.errorMeasure() == LossKind::SquaredError);
    const Matrix sse = classifier.errors(X);
    CHECK(sse.isApprox(set->reconstructionErrors(X, nullptr, LossKind::SquaredError)));
    classifier.setErrorMeasure(set->config().loss);
    CHECK(classifier.errors(X).isApprox(set->reconstructionErrors(X)));
    CHECK_FALSE(classifier.errors(X).isApprox(sse));
    try {
        (void)classifier.errors(Matrix::Zero(5, 1));
        FAIL("a 5-pixel image was accepted by a 6-pixel set");
    } catch (const Error& e) {
        CHECK(std::string(e.what()).find("5 pixels") != std::string::npos);
    }
}
