#include "latentset/experiments/ConceptExperiment.h"

#include "latentset/concept/ContextLikelihoodMap.h"
#include "latentset/concept/Correlation.h"
#include "latentset/concept/CubeWorldView.h"
#include "latentset/cube/CubeRenderer.h"
#include "latentset/experiments/LevelTwoProgress.h"
#include "latentset/experiments/MnistData.h"
#include "latentset/nn/Trainer.h"
#include "latentset/util/Error.h"
#include "latentset/util/Random.h"
#include "latentset/util/Stopwatch.h"
#include "latentset/util/ThreadPool.h"

#include <algorithm>

namespace latentset {

namespace {

// Cubes at random angles with `digit` on every face: glyphs, angles, maps.
struct Cubes {
    Matrix glyphs;
    Vector theta;
    Matrix maps;
};

Cubes makeCubes(const Dataset& digits, int digit, int count, std::uint64_t seed, const ContextLikelihoodMap& map,
                const CubeRenderer& renderer)
{
    const auto indices = digits.indicesOfClass(digit);
    if (indices.empty())
        throw Error("concept: no images of digit " + std::to_string(digit) + " in " + digits.name());
    Random random(seed);
    Cubes c;
    c.glyphs.resize(digits.pixelCount(), count);
    c.theta.resize(count);
    for (int j = 0; j < count; ++j) {
        // Every image once before any repeats (the paper used all training 5s).
        c.glyphs.col(j) = digits.imageVector(indices[std::size_t(j) % indices.size()]);
        c.theta[j] = float(random.uniform() * 90.0);
    }
    // In chunks, so memory stays small.
    c.maps.resize(map.world().size(), count);
    const int chunk = 256;
    for (int start = 0; start < count; start += chunk) {
        const int n = std::min(chunk, count - start);
        c.maps.middleCols(start, n) = ConceptModel::cubeMaps(map, renderer, c.glyphs.middleCols(start, n),
                                                             c.theta.segment(start, n), &ThreadPool::shared());
    }
    return c;
}

} // namespace

ConceptExperiment::ConceptExperiment(ConceptExperimentSettings settings, std::shared_ptr<const CubeModel> world)
    : settings_(std::move(settings)), world_(std::move(world))
{
    if (!world_)
        throw Error("concept: no cube world");
}

ConceptResult ConceptExperiment::run(ExperimentObserver* observer, StopToken stop)
{
    settings_.validate();
    result_ = ConceptResult();
    const CubeWorldView view(world_->members, *world_->contexts);
    const ContextLikelihoodMap map(view, settings_.map);
    const CubeRenderer renderer(world_->contexts->geometry());
    const DatasetSplits mnist = MnistData::splits();
    const int digit = settings_.digit;
    result_.cubes = settings_.cubes == 0 ? int(mnist.train.indicesOfClass(digit).size()) : settings_.cubes;
    result_.heldOut = settings_.heldOut;
    if (observer)
        observer->stageReached("rendering");
    Stopwatch clock;
    const std::uint64_t seed = settings_.level2.seed;
    const Cubes train = makeCubes(mnist.train, digit, result_.cubes, seed, map, renderer);
    const Cubes test = makeCubes(mnist.test, digit, result_.heldOut, seed + 1000, map, renderer);
    result_.mapSeconds = clock.seconds();
    if (observer)
        observer->stageReached("rendered");

    clock.restart();
    auto model = std::make_shared<ConceptModel>(view.size(), settings_.level2);
    result_.finalLoss = model->train(train.maps, LevelTwoProgress::reporter(observer, stop, result_.stopped));
    const Vector u = model->latent(test.maps);
    result_.spearman = Correlation::spearman(u, test.theta);
    result_.spearmanTrain = Correlation::spearman(model->latent(train.maps), train.theta);
    model->setCalibration(u, test.theta);
    model->setMapOptions(settings_.map);
    result_.trainSeconds = clock.seconds();
    result_.unitMin = u.minCoeff();
    result_.unitMax = u.maxCoeff();
    result_.model = model;
    if (observer)
        observer->stageReached("trained");
    return result_;
}

} // namespace latentset
