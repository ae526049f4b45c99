#include "latentset/experiments/MapsExperiment.h"

#include "latentset/concept/ContextLikelihoodMap.h"
#include "latentset/concept/CubeWorldView.h"
#include "latentset/cube/CubeRenderer.h"
#include "latentset/experiments/MnistData.h"
#include "latentset/util/Error.h"
#include "latentset/util/Stopwatch.h"
#include "latentset/util/ThreadPool.h"

namespace latentset {

MapsExperiment::MapsExperiment(MapsSettings settings, std::shared_ptr<const CubeModel> world)
    : settings_(std::move(settings)), world_(std::move(world))
{
    if (!world_)
        throw Error("maps: no cube world");
}

MapsResult MapsExperiment::run(ExperimentObserver* observer, StopToken)
{
    settings_.validate();
    const CubeWorldView view(world_->members, *world_->contexts);
    const ContextLikelihoodMap map(view, settings_.map);
    const CubeRenderer renderer(world_->contexts->geometry());
    const DatasetSplits mnist = MnistData::splits();
    const Dataset& data = settings_.testSplit ? mnist.test : mnist.train;
    MapsResult result;
    result.split = settings_.testSplit ? "test" : "train";
    // The first `samples` images of each digit, in the split's order.
    for (int d : settings_.digits) {
        const auto indices = data.indicesOfClass(d);
        if (indices.empty())
            throw Error("maps: no image of digit " + std::to_string(d) + " in " + data.name());
        Matrix g(data.pixelCount(), settings_.samples);
        for (int k = 0; k < settings_.samples; ++k)
            g.col(k) = data.imageVector(indices[std::size_t(k) % indices.size()]);
        result.groups.push_back(g);
    }
    Stopwatch clock;
    result.sweep = MapSweep::run(map, renderer, result.groups, settings_.thetas, settings_.offset, &ThreadPool::shared());
    result.seconds = clock.seconds();
    if (observer)
        observer->stageReached("swept");
    return result;
}

} // namespace latentset
