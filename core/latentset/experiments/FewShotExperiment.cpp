#include "latentset/experiments/FewShotExperiment.h"

#include "latentset/data/DatasetCatalog.h"
#include "latentset/experiments/ClassSetExperimentSettings.h"
#include "latentset/experiments/FixedStepsTask.h"
#include "latentset/experiments/MemberTraining.h"
#include "latentset/experiments/StratifiedSubset.h"
#include "latentset/nn/AutoencoderSet.h"
#include "latentset/nn/MlpTask.h"
#include "latentset/util/Error.h"
#include "latentset/util/Stopwatch.h"
#include "latentset/util/ThreadPool.h"

#include <algorithm>
#include <numeric>

namespace latentset {

namespace {

MeanSd statOf(const FewShotResult& r, std::size_t size, double FewShotPoint::*field)
{
    std::vector<double> v;
    for (const auto& p : r.points)
        if (p.perClass == r.sizes[size])
            v.push_back(p.*field);
    return MeanSd::of(v);
}

double accuracyOf(const std::vector<int>& predicted, const Dataset& test)
{
    std::int64_t right = 0;
    for (Index n = 0; n < test.size(); ++n)
        right += predicted[std::size_t(n)] == test.label(n);
    return test.empty() ? 0.0 : double(right) / double(test.size());
}

} // namespace

MeanSd FewShotResult::set(std::size_t size) const { return statOf(*this, size, &FewShotPoint::setAccuracy); }
MeanSd FewShotResult::mlp(std::size_t size) const { return statOf(*this, size, &FewShotPoint::mlpAccuracy); }

FewShotExperiment::FewShotExperiment(FewShotSettings settings) : settings_(std::move(settings)) {}

FewShotExperiment::FewShotExperiment(FewShotSettings settings, DatasetSplits data)
    : settings_(std::move(settings)), given_(std::move(data))
{
}

FewShotResult FewShotExperiment::run(ExperimentObserver* observer, StopToken stop)
{
    settings_.validate();
    observer_ = observer;
    result_ = FewShotResult();
    Stopwatch clock;
    loadData();
    ThreadPool pool{settings_.threads};
    for (Index n : settings_.sizes) {
        for (int k = 0; k < settings_.seeds && !result_.stopped; ++k) {
            result_.points.emplace_back();
            FewShotPoint& point = result_.points.back();
            point.perClass = n;
            point.seed = settings_.firstSeed + std::uint64_t(k);
            result_.stopped = !runPoint(point, pool, stop);
            if (!result_.stopped && observer_)
                observer_->stageReached("point");
        }
    }
    result_.seconds = clock.seconds();
    observer_ = nullptr;
    return result_;
}

void FewShotExperiment::loadData()
{
    const std::string source = settings_.dataset.empty() ? DatasetCatalog::mnistDirectory() : settings_.dataset;
    splits_ = given_ ? *given_ : DatasetCatalog::load(source);
    if (splits_.train.empty() || splits_.test.empty())
        throw Error(source + ": needs both a training and a test split");
    const Index count = settings_.testLimit > 0 ? std::min(settings_.testLimit, splits_.test.size()) : splits_.test.size();
    std::vector<Index> first(static_cast<std::size_t>(count));
    std::iota(first.begin(), first.end(), Index(0));
    test_ = splits_.test.subset(first);
    result_.dataset = splits_.name.empty() ? source : splits_.name;
    result_.sizes = settings_.sizes;
    if (observer_)
        observer_->stageReached("data");
}

bool FewShotExperiment::runPoint(FewShotPoint& point, ThreadPool& pool, const StopToken& stop)
{
    Stopwatch clock;
    const Dataset train = StratifiedSubset::of(splits_.train, point.perClass, point.seed);
    point.trainImages = train.size();
    const int classes = splits_.train.classCount();
    AutoencoderConfig config = settings_.model;
    config.inputSize = train.pixelCount();
    // The set: every member on its class's images of the subset.
    AutoencoderSet initial(config, classes, point.seed);
    std::vector<Autoencoder> members;
    std::vector<int> all;
    std::vector<Dataset> perClass;
    Index smallest = train.size();
    for (int c = 0; c < classes; ++c) {
        members.push_back(std::move(initial.member(c)));
        all.push_back(c);
        perClass.push_back(train.ofClass(c));
        smallest = std::min(smallest, perClass.back().size());
    }
    MemberTrainingSettings ms;
    ms.batchSize = std::max<Index>(1, std::min(settings_.memberBatch, smallest));
    ms.learningRate = settings_.learningRate;
    ms.seed = ClassSetExperimentSettings::batchOrderSeed(point.seed);
    ms.steps = settings_.steps;
    ms.threads = settings_.threads;
    if (!MemberTraining::train(config, members, all, std::move(perClass), ms, observer_, "set", stop))
        return false;
    const Matrix errors = MemberTraining::errors(config, members, 0, classes, test_, pool);
    std::vector<int> decided(std::size_t(errors.cols()));
    for (Index n = 0; n < errors.cols(); ++n) {
        Index best = 0;
        errors.col(n).minCoeff(&best);
        decided[std::size_t(n)] = int(best);
    }
    point.setAccuracy = accuracyOf(decided, test_);
    // The MLP on the same images, the same number of steps.
    OptimizerSettings adam;
    adam.learningRate = settings_.learningRate;
    adam.schedule = OptimizerSettings::Schedule::Constant;
    auto task = std::make_shared<MlpTask>(Mlp(train.pixelCount(), settings_.mlpHidden, classes,
                                              ClassSetExperimentSettings::mlpWeightSeed(point.seed)),
                                          train, std::min(settings_.mlpBatch, train.size()), adam,
                                          ClassSetExperimentSettings::mlpBatchOrderSeed(point.seed));
    if (!FixedStepsTask::train(task, std::size_t(settings_.steps), settings_.threads, observer_, "mlp", stop))
        return false;
    std::vector<int> mlpDecided;
    for (Index first = 0; first < test_.size(); first += 1000) {
        const auto p = task->mlp().predict(test_.range(first, std::min<Index>(1000, test_.size() - first)));
        mlpDecided.insert(mlpDecided.end(), p.begin(), p.end());
    }
    point.mlpAccuracy = accuracyOf(mlpDecided, test_);
    point.seconds = clock.seconds();
    return true;
}

} // namespace latentset
