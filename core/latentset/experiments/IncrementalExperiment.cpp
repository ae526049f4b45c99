#include "latentset/experiments/IncrementalExperiment.h"

#include "latentset/data/DatasetCatalog.h"
#include "latentset/experiments/ClassSetExperimentSettings.h"
#include "latentset/experiments/FixedStepsTask.h"
#include "latentset/experiments/MemberHash.h"
#include "latentset/experiments/MemberTraining.h"
#include "latentset/experiments/ReplayMlpTask.h"
#include "latentset/nn/AutoencoderSet.h"
#include "latentset/nn/ConfusionMatrix.h"
#include "latentset/util/Error.h"
#include "latentset/util/Random.h"
#include "latentset/util/Stopwatch.h"
#include "latentset/util/ThreadPool.h"

#include <algorithm>
#include <cmath>

namespace latentset {

namespace {

// The decision among the members present: the smallest error; classes
// without a member are never chosen.
ConfusionMatrix decideAmong(const Matrix& errors, const std::vector<bool>& present, const Dataset& test)
{
    const int classes = int(present.size());
    std::vector<int> predicted(std::size_t(errors.cols()), 0);
    for (Index n = 0; n < errors.cols(); ++n) {
        int best = -1;
        for (int c = 0; c < classes; ++c)
            if (present[std::size_t(c)] && (best < 0 || errors(c, n) < errors(best, n)))
                best = c;
        predicted[std::size_t(n)] = best;
    }
    ConfusionMatrix m(classes);
    m.add(test.labels(), predicted);
    return m;
}

std::vector<double> recalls(const ConfusionMatrix& m)
{
    std::vector<double> r;
    for (int c = 0; c < m.classCount(); ++c)
        r.push_back(m.classAccuracy(c));
    return r;
}

double mlpAccuracy(const Mlp& mlp, const Dataset& test)
{
    std::int64_t right = 0;
    for (Index first = 0; first < test.size(); first += 1000) {
        const Index count = std::min<Index>(1000, test.size() - first);
        const auto p = mlp.predict(test.range(first, count));
        for (Index k = 0; k < count; ++k)
            right += p[std::size_t(k)] == test.label(first + k);
    }
    return test.empty() ? 0.0 : double(right) / double(test.size());
}

Dataset ofClasses(const Dataset& data, const std::vector<int>& classes)
{
    std::vector<Index> picks;
    for (int c : classes) {
        const auto idx = data.indicesOfClass(c);
        picks.insert(picks.end(), idx.begin(), idx.end());
    }
    std::sort(picks.begin(), picks.end());
    return data.subset(picks);
}

std::vector<Dataset> perClass(const Dataset& data, const std::vector<int>& classes)
{
    std::vector<Dataset> out;
    for (int c : classes)
        out.push_back(data.ofClass(c));
    return out;
}

} // namespace

MeanSd MeanSd::of(const std::vector<double>& values)
{
    std::vector<double> v;
    for (double x : values)
        if (x >= 0)
            v.push_back(x);
    MeanSd s;
    if (v.empty())
        return s;
    double sum = 0;
    for (double x : v)
        sum += x;
    s.mean = sum / double(v.size());
    double sq = 0;
    for (double x : v)
        sq += (x - s.mean) * (x - s.mean);
    s.sd = v.size() > 1 ? std::sqrt(sq / double(v.size() - 1)) : 0.0;
    return s;
}

MeanSd IncrementalResult::stat(double IncrementalRun::*field) const
{
    std::vector<double> v;
    for (const auto& r : runs)
        v.push_back(r.*field);
    return MeanSd::of(v);
}

IncrementalExperiment::IncrementalExperiment(IncrementalSettings settings) : settings_(std::move(settings)) {}

IncrementalExperiment::IncrementalExperiment(IncrementalSettings settings, DatasetSplits data)
    : settings_(std::move(settings)), given_(std::move(data))
{
}

void IncrementalExperiment::reach(const char* stage)
{
    if (observer_)
        observer_->stageReached(stage);
}

IncrementalResult IncrementalExperiment::run(ExperimentObserver* observer, StopToken stop)
{
    settings_.validate();
    observer_ = observer;
    result_ = IncrementalResult();
    Stopwatch clock;
    loadData();
    ThreadPool pool{settings_.threads};
    result_.threads = pool.threadCount();
    for (int k = 0; k < settings_.seeds && !result_.stopped; ++k) {
        result_.runs.emplace_back();
        result_.runs.back().seed = settings_.firstSeed + std::uint64_t(k);
        reach("seed");
        result_.stopped = !runSeed(result_.runs.back(), pool, stop);
        if (!result_.stopped)
            reach("seed done");
    }
    result_.seconds = clock.seconds();
    observer_ = nullptr;
    return result_;
}

void IncrementalExperiment::loadData()
{
    const std::string source = settings_.dataset.empty() ? DatasetCatalog::mnistDirectory() : settings_.dataset;
    splits_ = given_ ? *given_ : DatasetCatalog::load(source);
    if (splits_.train.empty() || splits_.test.empty())
        throw Error(source + ": needs both a training and a test split");
    const int classes = splits_.train.classCount();
    tasks_ = settings_.tasksFor(classes);
    for (const auto& task : tasks_)
        for (int c : task)
            if (c >= classes)
                throw Error(source + ": a task names class " + std::to_string(c) + ", the dataset has "
                            + std::to_string(classes));
    for (int c = 0; c < classes; ++c)
        if (splits_.train.indicesOfClass(c).empty())
            throw Error(source + ": class " + splits_.train.className(c) + " has no training images");
    config_ = settings_.model;
    config_.inputSize = splits_.train.pixelCount();
    result_.dataset = splits_.name.empty() ? source : splits_.name;
    result_.trainImages = splits_.train.size();
    result_.testImages = splits_.test.size();
    result_.classes = classes;
    result_.tasks = tasks_;
    reach("data");
}

bool IncrementalExperiment::runSeed(IncrementalRun& run, ThreadPool& pool, const StopToken& stop)
{
    if (settings_.set && !trainSet(run, pool, stop))
        return false;
    if (settings_.mlp && !(trainMlp(run, false, stop) && trainMlp(run, true, stop)))
        return false;
    if (settings_.joint && !trainJoint(run, pool, stop))
        return false;
    return settings_.repairSteps == 0 || repair(run, pool, stop);
}

bool IncrementalExperiment::trainSet(IncrementalRun& run, ThreadPool& pool, const StopToken& stop)
{
    const int classes = result_.classes;
    const Dataset& test = splits_.test;
    Stopwatch clock;
    AutoencoderSet initial(config_, classes, run.seed); // member c's weights depend on (seed, c) only
    members_.assign(std::size_t(classes), Autoencoder());
    run.hashAtOwnTask.assign(std::size_t(classes), 0);
    testErrors_ = Matrix::Zero(classes, test.size());
    present_.assign(std::size_t(classes), false);
    for (std::size_t t = 0; t < tasks_.size(); ++t) {
        const auto& task = tasks_[t];
        for (int c : task)
            members_[std::size_t(c)] = std::move(initial.member(c));
        MemberTrainingSettings ms;
        ms.batchSize = std::max<Index>(1, settings_.batchSize / Index(task.size()));
        ms.learningRate = settings_.learningRate;
        ms.seed = ClassSetExperimentSettings::batchOrderSeed(run.seed) + t;
        ms.steps = settings_.stepsPerTask;
        ms.threads = settings_.threads;
        if (!MemberTraining::train(config_, members_, task, perClass(splits_.train, task), ms, observer_, "set", stop))
            return false;
        for (int c : task) {
            run.hashAtOwnTask[std::size_t(c)] = MemberHash::of(members_[std::size_t(c)]);
            testErrors_.row(c) = MemberTraining::errors(config_, members_, c, 1, test, pool);
            present_[std::size_t(c)] = true;
        }
        const ConfusionMatrix m = decideAmong(testErrors_, present_, test);
        run.setAfterTask.push_back(m.accuracy());
        run.setPerClass = recalls(m);
        reach("set task");
    }
    run.setAccuracy = run.setAfterTask.back();
    run.hashAtEnd.clear();
    run.earlierMembersUnchanged = true;
    for (int c = 0; c < classes; ++c) {
        run.hashAtEnd.push_back(present_[std::size_t(c)] ? MemberHash::of(members_[std::size_t(c)]) : 0);
        run.earlierMembersUnchanged = run.earlierMembersUnchanged && run.hashAtEnd.back() == run.hashAtOwnTask[std::size_t(c)];
    }
    run.setSeconds = clock.seconds();
    return true;
}

bool IncrementalExperiment::trainMlp(IncrementalRun& run, bool replay, const StopToken& stop)
{
    const Dataset& train = splits_.train;
    Stopwatch clock;
    Mlp mlp(train.pixelCount(), settings_.mlpHidden, result_.classes, ClassSetExperimentSettings::mlpWeightSeed(run.seed));
    OptimizerSettings adam;
    adam.learningRate = settings_.learningRate;
    adam.schedule = OptimizerSettings::Schedule::Constant;
    std::vector<Index> stored;
    Random memoryRng(ClassSetExperimentSettings::mlpBatchOrderSeed(run.seed) ^ 0x4e4d);
    auto& afterTask = replay ? run.replayAfterTask : run.finetuneAfterTask;
    for (std::size_t t = 0; t < tasks_.size(); ++t) {
        std::sort(stored.begin(), stored.end());
        Dataset memory = replay && !stored.empty() ? train.subset(stored) : Dataset();
        auto task = std::make_shared<ReplayMlpTask>(std::move(mlp), ofClasses(train, tasks_[t]), std::move(memory),
                                                    settings_.batchSize, settings_.batchSize, adam,
                                                    ClassSetExperimentSettings::mlpBatchOrderSeed(run.seed) + t);
        const bool finished = FixedStepsTask::train(task, std::size_t(settings_.stepsPerTask), settings_.threads,
                                                    observer_, replay ? "replay" : "finetune", stop);
        mlp = std::move(task->mlp());
        if (!finished)
            return false;
        afterTask.push_back(mlpAccuracy(mlp, splits_.test));
        for (int c : tasks_[t]) {
            // A seeded random choice of this class's images for the memory.
            auto idx = train.indicesOfClass(c);
            for (std::size_t k = idx.size(); k > 1; --k)
                std::swap(idx[k - 1], idx[std::size_t(memoryRng.below(k))]);
            idx.resize(std::min<std::size_t>(idx.size(), std::size_t(settings_.replayPerClass)));
            stored.insert(stored.end(), idx.begin(), idx.end());
        }
        reach(replay ? "replay task" : "finetune task");
    }
    (replay ? run.replayAccuracy : run.finetuneAccuracy) = afterTask.back();
    (replay ? run.replaySeconds : run.finetuneSeconds) = clock.seconds();
    return true;
}

bool IncrementalExperiment::trainJoint(IncrementalRun& run, ThreadPool& pool, const StopToken& stop)
{
    const int classes = result_.classes;
    Stopwatch clock;
    AutoencoderSet initial(config_, classes, run.seed);
    std::vector<Autoencoder> joint;
    std::vector<int> all;
    for (int c = 0; c < classes; ++c) {
        joint.push_back(std::move(initial.member(c)));
        all.push_back(c);
    }
    MemberTrainingSettings ms;
    // The same images per member and step as the incremental run.
    ms.batchSize = std::max<Index>(1, settings_.batchSize / Index(tasks_.front().size()));
    ms.learningRate = settings_.learningRate;
    ms.seed = ClassSetExperimentSettings::batchOrderSeed(run.seed);
    ms.steps = settings_.stepsPerTask;
    ms.threads = settings_.threads;
    if (!MemberTraining::train(config_, joint, all, perClass(splits_.train, all), ms, observer_, "joint", stop))
        return false;
    const Matrix errors = MemberTraining::errors(config_, joint, 0, classes, splits_.test, pool);
    run.jointSetAccuracy = decideAmong(errors, std::vector<bool>(std::size_t(classes), true), splits_.test).accuracy();
    run.jointSeconds = clock.seconds();
    reach("joint");
    return true;
}

bool IncrementalExperiment::repair(IncrementalRun& run, ThreadPool& pool, const StopToken& stop)
{
    const int classes = result_.classes;
    Stopwatch clock;
    int member = settings_.repairMember;
    if (member < 0) {
        // The weakest member: its class has the lowest test accuracy (among the classes learned).
        for (int c = 0; c < classes; ++c)
            if (present_[std::size_t(c)] && (member < 0 || run.setPerClass[std::size_t(c)] < run.setPerClass[std::size_t(member)]))
                member = c;
    }
    if (member >= classes || !present_[std::size_t(member)])
        throw Error("repair: no member " + std::to_string(member) + " in the set");
    run.repairMember = member;
    run.repairPerClassBefore = run.setPerClass;
    run.repairAccuracyBefore = run.setAccuracy;
    std::vector<std::uint64_t> before;
    for (const auto& m : members_)
        before.push_back(MemberHash::of(m));
    MemberTrainingSettings ms;
    ms.batchSize = std::max<Index>(1, settings_.batchSize / Index(tasks_.front().size()));
    ms.learningRate = settings_.learningRate;
    ms.seed = ClassSetExperimentSettings::batchOrderSeed(run.seed) ^ 0x7e9a1ULL;
    ms.steps = settings_.repairSteps;
    ms.threads = settings_.threads;
    if (!MemberTraining::train(config_, members_, {member}, perClass(splits_.train, {member}), ms, observer_, "repair",
                               stop))
        return false;
    run.repairOthersUnchanged = true;
    for (int c = 0; c < classes; ++c)
        if (c != member)
            run.repairOthersUnchanged = run.repairOthersUnchanged && MemberHash::of(members_[std::size_t(c)]) == before[std::size_t(c)];
    testErrors_.row(member) = MemberTraining::errors(config_, members_, member, 1, splits_.test, pool);
    const ConfusionMatrix m = decideAmong(testErrors_, present_, splits_.test);
    run.repairPerClassAfter = recalls(m);
    run.repairAccuracyAfter = m.accuracy();
    run.repairSeconds = clock.seconds();
    reach("repair");
    return true;
}

} // namespace latentset
