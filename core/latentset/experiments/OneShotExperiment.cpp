#include "latentset/experiments/OneShotExperiment.h"

#include "latentset/concept/CubeWorldView.h"
#include "latentset/data/BuiltinGlyphs.h"
#include "latentset/util/Error.h"
#include "latentset/util/Random.h"
#include "latentset/util/ThreadPool.h"

#include <algorithm>

namespace latentset {

OneShotExperiment::OneShotExperiment(OneShotSettings settings, std::shared_ptr<const CubeModel> world, GlyphSource glyphs)
    : settings_(std::move(settings)), world_(std::move(world)), glyphs_(std::move(glyphs))
{
    if (!world_)
        throw Error("one-shot: no cube world");
    if (!glyphs_)
        glyphs_ = [](const std::string& word) { return CoreGlyphs::resolve(word); };
}

int OneShotExperiment::maxPairs()
{
    const int n = int(BuiltinGlyphs::shapeNames().size());
    return n * (n - 1) / 2;
}

std::vector<std::pair<int, int>> OneShotExperiment::choosePairs() const
{
    // Distinct random pairs of built-in shapes (V and plus excluded).
    const int n = int(BuiltinGlyphs::shapeNames().size());
    Random random(settings_.seed);
    std::vector<std::pair<int, int>> chosen;
    while (int(chosen.size()) < settings_.pairs) {
        int i = int(random.below(std::uint64_t(n))), j = int(random.below(std::uint64_t(n)));
        if (i == j)
            continue;
        if (i > j)
            std::swap(i, j);
        if (std::find(chosen.begin(), chosen.end(), std::make_pair(i, j)) == chosen.end())
            chosen.emplace_back(i, j);
    }
    return chosen;
}

OneShotExperimentResult OneShotExperiment::run(ExperimentObserver* observer, StopToken stop)
{
    settings_.validate();
    result_ = OneShotExperimentResult();
    const CubeWorldView view(world_->members, *world_->contexts);
    const OneShotTest test(view);
    ThreadPool& pool = ThreadPool::shared();
    result_.shown = test.run(glyphs_(settings_.glyphA), glyphs_(settings_.glyphB), settings_.source, &pool);
    result_.farContext = std::min(99, result_.shown.contexts - 1); // the paper's example pair uses context 99
    if (observer)
        observer->stageReached("shown");
    if (settings_.pairs <= 0)
        return result_;
    if (settings_.pairs > maxPairs())
        throw Error("only " + std::to_string(maxPairs()) + " pairs of built-in shapes exist");
    const auto names = BuiltinGlyphs::shapeNames();
    std::vector<int> values;
    for (const auto& [i, j] : choosePairs()) {
        if (stop.stop_requested()) {
            result_.stopped = true;
            return result_;
        }
        const std::string& a = names[std::size_t(i)];
        const std::string& b = names[std::size_t(j)];
        result_.pairs.push_back({a, b, test.run(BuiltinGlyphs::render(a), BuiltinGlyphs::render(b), settings_.source, &pool)});
        values.push_back(result_.pairs.back().result.score);
        if (observer)
            observer->stageReached("pair");
    }
    std::sort(values.begin(), values.end());
    double mean = 0;
    for (int v : values)
        mean += v;
    result_.pairsMean = mean / double(values.size());
    result_.pairsMedian = values[values.size() / 2];
    result_.pairsMin = values.front();
    result_.pairsMax = values.back();
    result_.pairsPerfect = int(std::count(values.begin(), values.end(), result_.shown.contexts));
    if (observer)
        observer->stageReached("pairs");
    return result_;
}

} // namespace latentset
