#include "latentset/experiments/WorldConceptExperiment.h"

#include "latentset/experiments/LevelTwoProgress.h"
#include "latentset/nn/Loss.h"
#include "latentset/util/Error.h"
#include "latentset/util/Stopwatch.h"
#include "latentset/util/ThreadPool.h"
#include "latentset/world/ParameterEstimator.h"
#include "latentset/world/WorldLikelihood.h"
#include "latentset/world/WorldSampler.h"

#include <algorithm>

namespace latentset {

namespace {

// Inputs of one split: what was shown, their log-likelihood vectors and maps.
struct Inputs {
    std::vector<ShownItem> shown;
    Matrix logL, maps;
};

// false if stopped before every input was mapped.
bool mapInputs(const WorldSampler& sampler, const WorldLikelihood& likelihood, int count, std::uint64_t seed,
               Inputs& out, const StopToken& stop)
{
    out.shown = sampler.draw(count, seed);
    out.logL.resize(likelihood.logLikelihoods(sampler.frames(std::span(out.shown).first(1))).rows(), count);
    constexpr std::size_t kBatch = 256; // frames per likelihood pass: memory stays small
    for (std::size_t first = 0; first < out.shown.size(); first += kBatch) {
        if (stop.stop_requested())
            return false;
        const std::size_t n = std::min(kBatch, out.shown.size() - first);
        out.logL.middleCols(Index(first), Index(n))
            = likelihood.logLikelihoods(sampler.frames(std::span(out.shown).subspan(first, n)), &ThreadPool::shared());
    }
    out.maps = WorldConcept::normalizedMaps(out.logL);
    return true;
}

Matrix parameterMatrix(const std::vector<ShownItem>& shown, std::size_t axes)
{
    Matrix p(Index(axes), Index(shown.size()));
    for (std::size_t k = 0; k < shown.size(); ++k)
        for (std::size_t a = 0; a < axes; ++a)
            p(Index(a), Index(k)) = float(shown[k].truth[a]);
    return p;
}

} // namespace

WorldConceptExperiment::WorldConceptExperiment(WorldConceptSettings settings, std::shared_ptr<const WorldModel> model,
                                               WorldSource source)
    : settings_(std::move(settings)), model_(std::move(model)), source_(std::move(source))
{
    if (!model_ || source_.empty())
        throw Error("world concept: no world model or no items");
    if (model_->spec.kind == "cube")
        throw Error("world concept: the cube world's concept is the turn of a whole cube with a glyph on every "
                    "face; train it with 'latentset-cli concept train'");
    model_->checkFits(*source_.train);
    model_->checkFits(*source_.test);
    if (!(model_->noiseVariance > 0))
        throw Error("world concept: the model carries no noise variance (train it again with 'world train')");
}

WorldConceptResult WorldConceptExperiment::run(ExperimentObserver* observer, StopToken stop)
{
    settings_.validate();
    result_ = WorldConceptResult();
    const ContextWorld& world = *source_.train;
    const ParameterEstimator estimator = ParameterEstimator::forWorld(world);
    const std::size_t axes = world.axes().size();
    const WorldSampler trainSampler(world, estimator, !settings_.onGrid);
    const WorldSampler testSampler(*source_.test, estimator, !settings_.onGrid);
    const WorldLikelihood likelihood(model_->members, world, model_->noiseVariance);
    result_.offGrid = trainSampler.offGrid();
    result_.units = settings_.units > 0 ? settings_.units : WorldConcept::unitsFor(world.axes());

    if (observer)
        observer->stageReached("mapping");
    Stopwatch clock;
    Inputs train, test;
    if (!mapInputs(trainSampler, likelihood, settings_.samples, settings_.seed, train, stop)
        || !mapInputs(testSampler, likelihood, settings_.heldOut, settings_.seed + 1000, test, stop)) {
        result_.stopped = true;
        return result_;
    }
    result_.samples = settings_.samples;
    result_.heldOut = settings_.heldOut;
    result_.mapSeconds = clock.seconds();
    if (observer)
        observer->stageReached("mapped");

    clock.restart();
    ConceptSettings level2 = settings_.level2;
    level2.units = result_.units;
    ConceptModel network(world.contextCount(), level2);
    result_.finalLoss = network.train(train.maps, LevelTwoProgress::reporter(observer, stop, result_.stopped));
    auto trained = std::make_shared<WorldConcept>(std::move(network), world.axes());
    trained->setCalibration(trained->codes(train.maps), parameterMatrix(train.shown, axes));
    result_.trainSeconds = clock.seconds();

    // Held-out: the units' read-out, the full vector's estimate, guessing.
    const Matrix codes = trained->codes(test.maps);
    result_.heldOutLoss = Loss::evaluate(LossKind::BinaryCrossEntropy, trained->decode(codes), test.maps, nullptr,
                                         Activation::Sigmoid, nullptr);
    std::vector<ConceptAxisErrors> errors(axes);
    const std::size_t n = test.shown.size();
    result_.heldOutTruth = parameterMatrix(test.shown, axes);
    result_.heldOutRead.resize(Index(axes), Index(n));
    result_.heldOutCodes = codes;
    for (std::size_t k = 0; k < n; ++k) {
        const std::vector<double>& truth = test.shown[k].truth;
        const std::vector<double> read = trained->parametersAt(codes.col(Index(k)), settings_.neighbours);
        result_.heldOutItems.push_back(test.shown[k].item);
        const ParameterEstimate e = estimator.estimate(test.logL.col(Index(k)));
        // Guessing: another held-out input's value (the inputs are drawn independently).
        const std::vector<double>& other = test.shown[(k + n / 2) % n].truth;
        for (std::size_t a = 0; a < axes; ++a) {
            result_.heldOutRead(Index(a), Index(k)) = float(read[a]);
            const double half = estimator.binWidth(int(a)) / 2;
            const double fromUnits = estimator.error(int(a), read[a], truth[a]);
            const double fromVector = estimator.error(int(a), e.axes[a].interpolated, truth[a]);
            errors[a].maeUnits += fromUnits;
            errors[a].maeLikelihood += fromVector;
            errors[a].withinHalfBinUnits += fromUnits <= half ? 1 : 0;
            errors[a].withinHalfBinLikelihood += fromVector <= half ? 1 : 0;
            errors[a].maeChance += estimator.error(int(a), other[a], truth[a]);
        }
    }
    for (std::size_t a = 0; a < axes; ++a) {
        ConceptAxisErrors& e = errors[a];
        e.name = world.axes()[a].name;
        e.circular = world.axes()[a].circular;
        e.binWidth = estimator.binWidth(int(a));
        e.maeUnits /= double(n);
        e.maeLikelihood /= double(n);
        e.maeChance /= double(n);
        e.withinHalfBinUnits /= double(n);
        e.withinHalfBinLikelihood /= double(n);
    }
    result_.axes = std::move(errors);
    result_.worldConcept = trained;
    if (observer)
        observer->stageReached("trained");
    return result_;
}

} // namespace latentset
