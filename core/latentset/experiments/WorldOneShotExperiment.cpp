#include "latentset/experiments/WorldOneShotExperiment.h"

#include "latentset/data/BuiltinGlyphs.h"
#include "latentset/experiments/CoreGlyphs.h"
#include "latentset/util/Error.h"
#include "latentset/util/Random.h"
#include "latentset/util/ThreadPool.h"

#include <algorithm>

namespace latentset {

WorldOneShotExperiment::WorldOneShotExperiment(WorldOneShotSettings settings, std::shared_ptr<const WorldModel> model,
                                               std::shared_ptr<const ContextWorld> world, GlyphSource glyphs)
    : settings_(std::move(settings)), model_(std::move(model)), world_(std::move(world)), glyphs_(std::move(glyphs))
{
    if (!model_ || !world_)
        throw Error("one-shot: no world model");
    model_->checkFits(*world_);
    if (!glyphs_)
        glyphs_ = [](const std::string& word) { return CoreGlyphs::resolve(word); };
}

std::vector<std::pair<std::string, std::string>>
WorldOneShotExperiment::choosePairs(const std::vector<std::string>& names) const
{
    const int n = int(names.size());
    const int most = n * (n - 1) / 2;
    if (settings_.pairs > most)
        throw Error("one-shot: only " + std::to_string(most) + " distinct pairs exist, " + std::to_string(settings_.pairs)
                    + " asked for");
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
    std::vector<std::pair<std::string, std::string>> out;
    for (const auto& [i, j] : chosen)
        out.emplace_back(names[std::size_t(i)], names[std::size_t(j)]);
    return out;
}

WorldOneShot::Views WorldOneShotExperiment::views(const std::string& a, const std::string& b) const
{
    if (world_->glyphSize() > 0)
        return WorldOneShot::glyphs(*world_, glyphs_(a), glyphs_(b));
    // Items by name (a paired folder's held-out items).
    auto index = [&](const std::string& name) {
        for (Index i = 0; i < world_->itemCount(); ++i)
            if (world_->itemName(i) == name)
                return i;
        throw Error("one-shot: '" + name + "' is not a held-out item of the world");
    };
    return WorldOneShot::items(*world_, index(a), index(b));
}

WorldOneShotResult WorldOneShotExperiment::run(ExperimentObserver* observer, StopToken stop)
{
    settings_.validate();
    result_ = WorldOneShotResult();
    const WorldOneShot test(model_->members, *world_);
    ThreadPool& pool = ThreadPool::shared();
    std::vector<std::string> names;
    if (world_->glyphSize() > 0) {
        names = settings_.pairWords.empty() ? BuiltinGlyphs::shapeNames() : settings_.pairWords;
        result_.shown.a = settings_.glyphA;
        result_.shown.b = settings_.glyphB;
    } else {
        for (Index i = 0; i < world_->itemCount(); ++i)
            names.push_back(world_->itemName(i));
        if (names.size() < 2)
            throw Error("one-shot: the world has fewer than 2 held-out items");
        result_.shown.a = names[0];
        result_.shown.b = names[1];
    }
    result_.shown.score = test.run(views(result_.shown.a, result_.shown.b), settings_.source, &pool);
    if (observer)
        observer->stageReached("shown");
    if (settings_.pairs == 0)
        return result_;
    std::vector<double> percents;
    for (const auto& [a, b] : choosePairs(names)) {
        if (stop.stop_requested()) {
            result_.stopped = true;
            return result_;
        }
        result_.pairs.push_back({a, b, test.run(views(a, b), settings_.source, &pool)});
        percents.push_back(result_.pairs.back().score.percent);
        if (observer)
            observer->stageReached("pair");
    }
    double sum = 0;
    for (double p : percents)
        sum += p;
    result_.meanScore = sum / double(percents.size());
    const auto weakest = std::min_element(result_.pairs.begin(), result_.pairs.end(), [](const auto& x, const auto& y) {
        return x.score.percent < y.score.percent;
    });
    result_.minScore = weakest->score.percent;
    result_.weakestA = weakest->a;
    result_.weakestB = weakest->b;
    if (observer)
        observer->stageReached("pairs");
    return result_;
}

} // namespace latentset
