// SharedLatentTask::setLearningRate: a rate set between rounds is the rate
// the next rounds use (same bits as a task built with it), and bad rates throw.
#include "latentset/cube/SharedLatentTask.h"
#include "latentset/data/BuiltinGlyphs.h"
#include "latentset/util/Error.h"
#include "latentset/util/ThreadPool.h"

#include <catch2/catch.hpp>

using namespace latentset;

namespace {
std::shared_ptr<const CubeDataset> rateWorld()
{
    CubeContextsConfig config = CubeContextsConfig::forCount(4);
    config.cube.imageSize = 32;
    config.cube.subsamples = 2;
    auto contexts = std::make_shared<const CubeContexts>(config);
    std::vector<std::uint8_t> pixels;
    std::vector<int> labels;
    for (const std::string& name : BuiltinGlyphs::names()) {
        const Vector g = BuiltinGlyphs::render(name);
        for (int i = 0; i < 784; ++i)
            pixels.push_back(std::uint8_t(255.0f * g(i) + 0.5f));
        labels.push_back(int(labels.size()));
    }
    return std::make_shared<const CubeDataset>(contexts, Dataset(28, 28, pixels, labels, {}, "built-in glyphs"));
}

SharedLatentSettings rateSettings(float rate)
{
    SharedLatentSettings s;
    s.hidden = 16;
    s.latent = 4;
    s.batchSize = 8;
    s.crossPerSelf = 1;
    s.learningRate = rate;
    s.seed = 9;
    return s;
}

Matrix output(const SharedLatentTask& task, const CubeDataset& data)
{
    const Matrix x = data.memberInput(1, data.glyphs(std::vector<Index>{0, 1, 2}));
    return task.members().member(1).reconstruct(x);
}
} // namespace

TEST_CASE("SharedLatentTask: setLearningRate changes the rate of the next rounds", "[cube]")
{
    auto data = rateWorld();
    ThreadPool pool(2);
    SharedLatentTask changed(data, rateSettings(3e-3f));
    SharedLatentTask slow(data, rateSettings(1e-4f));
    SharedLatentTask fast(data, rateSettings(3e-3f));
    CHECK(changed.learningRate() == 3e-3f);
    changed.setLearningRate(1e-4f);
    CHECK(changed.learningRate() == 1e-4f);
    CHECK(changed.settings().learningRate == 3e-3f); // the initial rate is kept as built
    for (int r = 0; r < 4; ++r) {
        changed.round(pool);
        slow.round(pool);
        fast.round(pool);
    }
    const Matrix a = output(changed, *data), b = output(slow, *data), c = output(fast, *data);
    CHECK((a - b).cwiseAbs().maxCoeff() == 0.0f); // same bits as built with the new rate
    CHECK((a - c).cwiseAbs().maxCoeff() > 1e-5f);  // and not the old rate's

    CHECK_THROWS_AS(changed.setLearningRate(0.0f), Error);
    CHECK_THROWS_AS(changed.setLearningRate(-1.0f), Error);
    CHECK(changed.learningRate() == 1e-4f);
}
