#include "latentset/experiments/WorldEstimateExperiment.h"

#include "latentset/util/Error.h"
#include "latentset/util/Stopwatch.h"
#include "latentset/util/ThreadPool.h"
#include "latentset/world/ParameterEstimator.h"
#include "latentset/world/WorldIdentification.h"
#include "latentset/world/WorldLikelihood.h"
#include "latentset/world/WorldSampler.h"

#include <algorithm>
#include <cmath>
#include <map>

namespace latentset {

namespace {

double mean(const std::vector<double>& v)
{
    double s = 0;
    for (double x : v)
        s += x;
    return v.empty() ? 0.0 : s / double(v.size());
}

// Absolute errors of the three estimates on one axis, one entry per item.
struct ErrorLists {
    std::vector<double> map, mean, interpolated;
};

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v.empty() ? 0.0 : v[v.size() / 2];
}

AxisErrors summarise(const ContextAxis& axis, double binWidth, const ErrorLists& e)
{
    AxisErrors a;
    a.name = axis.name;
    a.circular = axis.circular;
    a.binWidth = binWidth;
    a.maeMap = mean(e.map);
    a.maeMean = mean(e.mean);
    a.maeInterpolated = mean(e.interpolated);
    a.medianInterpolated = median(e.interpolated);
    const auto within = std::count_if(e.interpolated.begin(), e.interpolated.end(),
                                      [&](double x) { return x <= binWidth / 2; });
    const auto beyond = std::count_if(e.interpolated.begin(), e.interpolated.end(),
                                      [&](double x) { return axis.circular && x > axis.period / 4; });
    const double n = std::max<double>(1.0, double(e.interpolated.size()));
    a.withinHalfBin = double(within) / n;
    a.beyondQuarter = double(beyond) / n;
    return a;
}

std::vector<LabelError> perLabel(const ContextWorld& world, const std::vector<ShownItem>& shown,
                                 const std::vector<double>& errors)
{
    std::map<int, LabelError> by;
    for (std::size_t k = 0; k < errors.size(); ++k) {
        const int label = world.itemLabel(shown[k].item);
        if (label < 0)
            continue;
        LabelError& e = by[label];
        e.label = world.labelName(label);
        ++e.items;
        e.meanAbsError += errors[k];
    }
    std::vector<LabelError> out;
    for (auto& [label, e] : by) {
        e.meanAbsError /= e.items;
        out.push_back(e);
    }
    return out;
}

} // namespace

WorldEstimateExperiment::WorldEstimateExperiment(WorldEstimateSettings settings, std::shared_ptr<const WorldModel> model,
                                                 std::shared_ptr<const ContextWorld> test)
    : settings_(std::move(settings)), model_(std::move(model)), test_(std::move(test))
{
    if (!model_ || !test_)
        throw Error("estimate: no world model or no held-out items");
    model_->checkFits(*test_);
    if (!(model_->noiseVariance > 0))
        throw Error("estimate: the model carries no noise variance (train it again with 'world train')");
}

WorldEstimateResult WorldEstimateExperiment::run(ExperimentObserver* observer, StopToken stop)
{
    settings_.validate();
    result_ = WorldEstimateResult();
    Stopwatch clock;
    const ContextWorld& world = *test_;
    const ParameterEstimator estimator = ParameterEstimator::forWorld(world);
    const WorldSampler sampler(world, estimator, !settings_.onGrid);
    result_.offGrid = sampler.offGrid();
    const std::vector<ShownItem> shown = sampler.draw(settings_.items, settings_.seed);
    const WorldLikelihood likelihood(model_->members, world, model_->noiseVariance);
    const std::size_t axes = world.axes().size();
    std::vector<ErrorLists> errors(axes);
    int nearestHits = 0;
    constexpr std::size_t kBatch = 64; // frames per likelihood pass
    for (std::size_t first = 0; first < shown.size(); first += kBatch) {
        if (stop.stop_requested()) {
            result_.stopped = true;
            break;
        }
        const std::size_t count = std::min(kBatch, shown.size() - first);
        const Matrix frames = sampler.frames(std::span(shown).subspan(first, count));
        const Matrix logL = likelihood.logLikelihoods(frames, &ThreadPool::shared());
        for (std::size_t k = 0; k < count; ++k) {
            const ShownItem& s = shown[first + k];
            const ParameterEstimate e = estimator.estimate(logL.col(Index(k)));
            nearestHits += e.mapContext == sampler.nearestContext(s.truth);
            for (std::size_t a = 0; a < axes; ++a) {
                const double t = s.truth[a];
                errors[a].map.push_back(estimator.error(int(a), e.axes[a].map, t));
                errors[a].mean.push_back(estimator.error(int(a), e.axes[a].mean, t));
                errors[a].interpolated.push_back(estimator.error(int(a), e.axes[a].interpolated, t));
            }
        }
        result_.items += int(count);
    }
    for (std::size_t a = 0; a < axes; ++a)
        result_.axes.push_back(summarise(world.axes()[a], estimator.binWidth(int(a)), errors[a]));
    result_.perLabel = perLabel(world, shown, errors.front().interpolated);
    result_.nearestContextAccuracy = result_.items ? double(nearestHits) / result_.items : 0.0;
    if (!result_.stopped) {
        constexpr Index kGallery = 200; // items encoded in every context
        const WorldIdentification identification(model_->members, world, kGallery, &ThreadPool::shared());
        result_.identificationGallery = int(identification.gallerySize());
        result_.itemIdentification = identification.accuracy(settings_.items, settings_.seed + 2000);
    }
    result_.seconds = clock.seconds();
    if (observer)
        observer->stageReached("estimated");
    return result_;
}

} // namespace latentset
