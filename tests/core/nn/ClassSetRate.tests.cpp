// ClassSetTask::setLearningRate: a base rate set between steps is the rate
// the next steps use (same bits as a task built with it, schedule applied on
// top), and bad rates throw.
#include "latentset/data/Dataset.h"
#include "latentset/nn/ClassSetTask.h"
#include "latentset/util/Error.h"
#include "latentset/util/Random.h"
#include "latentset/util/ThreadPool.h"

#include <catch2/catch.hpp>

using namespace latentset;

namespace {
// Two classes of 4x4 noise images, brighter for class 1.
std::vector<Dataset> rateParts()
{
    Random rng(5);
    std::vector<std::uint8_t> pixels;
    std::vector<int> labels;
    for (int i = 0; i < 40; ++i) {
        for (int p = 0; p < 16; ++p)
            pixels.push_back(std::uint8_t(rng.uniform() * 120.0 + (i % 2) * 100.0));
        labels.push_back(i % 2);
    }
    const Dataset d(4, 4, std::move(pixels), std::move(labels), {}, "rate noise");
    return {d.ofClass(0), d.ofClass(1)};
}

ClassSetTask rateTask(float rate)
{
    ClassSetSettings s;
    s.batchSize = 8;
    s.optimizer.learningRate = rate;
    s.optimizer.schedule = OptimizerSettings::Schedule::Cosine;
    s.seed = 2;
    return ClassSetTask(AutoencoderSet(AutoencoderConfig::make(16, {8}, 2, true), 2, 7), rateParts(), s);
}
} // namespace

TEST_CASE("ClassSetTask: setLearningRate changes the base rate of the next steps", "[nn]")
{
    ClassSetTask changed = rateTask(1e-2f);
    ClassSetTask slow = rateTask(1e-4f);
    ClassSetTask fast = rateTask(1e-2f);
    CHECK(changed.learningRate() == 1e-2f);
    changed.setLearningRate(1e-4f);
    CHECK(changed.learningRate() == 1e-4f);
    CHECK(changed.settings().optimizer.learningRate == 1e-2f); // as built
    ThreadPool pool(2);
    for (int k = 0; k < 5; ++k) {
        const double progress = 0.1 * k;
        changed.step(pool, progress, 1.0);
        slow.step(pool, progress, 1.0);
        fast.step(pool, progress, 1.0);
    }
    const Matrix x = Matrix::Constant(16, 2, 0.5f);
    const Matrix a = changed.set().member(1).reconstruct(x);
    CHECK((a - slow.set().member(1).reconstruct(x)).cwiseAbs().maxCoeff() == 0.0f);
    CHECK((a - fast.set().member(1).reconstruct(x)).cwiseAbs().maxCoeff() > 1e-5f);

    CHECK_THROWS_AS(changed.setLearningRate(0.0f), Error);
    CHECK(changed.learningRate() == 1e-4f);
}
