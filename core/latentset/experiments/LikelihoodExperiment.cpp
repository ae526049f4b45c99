#include "latentset/experiments/LikelihoodExperiment.h"

#include "latentset/data/DatasetCatalog.h"
#include "latentset/experiments/ClassSetExperimentSettings.h"
#include "latentset/likelihood/AnomalyThreshold.h"
#include "latentset/likelihood/Auroc.h"
#include "latentset/likelihood/LikelihoodEstimator.h"
#include "latentset/nn/ClassSetTask.h"
#include "latentset/nn/ModelFile.h"
#include "latentset/util/ChunkFile.h"
#include "latentset/util/Error.h"
#include "latentset/util/Random.h"
#include "latentset/util/Stopwatch.h"
#include "latentset/util/ThreadPool.h"

#include <algorithm>

namespace latentset {

namespace {

// Every image turned by 90 degrees (counter-clockwise).
Matrix rotated90(const Matrix& images, int width, int height)
{
    Matrix out(images.rows(), images.cols());
    for (Index b = 0; b < images.cols(); ++b)
        for (int y = 0; y < width; ++y)      // output is height x width -> width rows
            for (int x = 0; x < height; ++x) // and height columns
                out(Index(y) * height + x, b) = images(Index(x) * width + (width - 1 - y), b);
    return out;
}

Matrix uniformNoise(Index pixels, Index count, std::uint64_t seed)
{
    Random random(seed);
    Matrix out(pixels, count);
    for (Index i = 0; i < out.size(); ++i)
        out.data()[i] = float(random.uniform());
    return out;
}

double accuracy(const std::vector<int>& decisions, const std::vector<int>& labels)
{
    std::size_t correct = 0;
    for (std::size_t i = 0; i < labels.size(); ++i)
        correct += decisions[i] == labels[i] ? 1 : 0;
    return labels.empty() ? 0.0 : double(correct) / double(labels.size());
}

std::vector<int> firstLabels(const Dataset& d, Index count)
{
    return std::vector<int>(d.labels().begin(), d.labels().begin() + count);
}

double threadCpuMilliseconds()
{
    timespec t{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return double(t.tv_sec) * 1e3 + double(t.tv_nsec) * 1e-6;
}

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    const std::size_t h = v.size() / 2;
    return v.size() % 2 ? v[h] : 0.5 * (v[h - 1] + v[h]);
}

LikelihoodResult::Speed timeOnce(const LikelihoodEstimator& e, const Matrix& inputs)
{
    const double count = double(inputs.cols());
    LikelihoodResult::Speed sp;
    Stopwatch clock;
    double cpuStart = threadCpuMilliseconds();
    (void)e.evaluate(inputs, nullptr);
    sp.batch = (threadCpuMilliseconds() - cpuStart) / count;
    sp.batchWall = clock.milliseconds() / count;
    clock.restart();
    cpuStart = threadCpuMilliseconds();
    for (Index i = 0; i < inputs.cols(); ++i)
        (void)e.evaluate(inputs.col(i), nullptr);
    sp.single = (threadCpuMilliseconds() - cpuStart) / count;
    sp.singleWall = clock.milliseconds() / count;
    return sp;
}

// The quick training's epochs, relayed as the "quick-train" phase.
class QuickRelay : public TrainerObserver {
public:
    explicit QuickRelay(ExperimentObserver* observer) : observer_(observer) {}
    void epochFinished(const EpochSummary& s) override
    {
        if (observer_)
            observer_->epochFinished("quick-train", s);
    }

private:
    ExperimentObserver* observer_;
};

} // namespace

LikelihoodExperiment::LikelihoodExperiment(LikelihoodExperimentSettings settings) : settings_(std::move(settings)) {}

LikelihoodExperiment::~LikelihoodExperiment() = default;

void LikelihoodExperiment::reach(const char* stage)
{
    if (observer_)
        observer_->stageReached(stage);
}

LikelihoodResult LikelihoodExperiment::run(ExperimentObserver* observer, StopToken stop)
{
    settings_.validate();
    observer_ = observer;
    result_ = LikelihoodResult();
    stopped_ = false;
    ThreadPool pool(settings_.threads);
    loadData();
    loadModel(pool, stop);
    const auto steps = {&LikelihoodExperiment::fit, &LikelihoodExperiment::evaluateTest,
                        &LikelihoodExperiment::evaluateAnomalies, &LikelihoodExperiment::measureSpeed};
    for (auto step : steps) {
        if (stop.stop_requested() || stopped_) {
            stopped_ = true;
            break;
        }
        (this->*step)(pool);
    }
    if (!stopped_ && settings_.save) {
        save();
        result_.saved = true;
        reach("saved");
    }
    observer_ = nullptr;
    return result_;
}

void LikelihoodExperiment::loadData()
{
    digits_ = DatasetCatalog::load(settings_.dataset);
    if (digits_.test.empty())
        throw Error(settings_.dataset + ": no test split");
    digits_.carveValidation(settings_.validation);
    result_.dataset = digits_.name;
    result_.trainImages = digits_.train.size();
    result_.validationImages = digits_.validation.size();
    result_.testImages = digits_.test.size();
    result_.evaluated = settings_.limit > 0 ? std::min(settings_.limit, digits_.test.size()) : digits_.test.size();
    reach("data");
}

void LikelihoodExperiment::loadModel(ThreadPool& pool, const StopToken& stop)
{
    if (settings_.quickTrainEpochs > 0) {
        // A throwaway set of the paper's shape, trained like the class-set
        // experiment (nn/Trainer, ClassSetTask, the same seed rule).
        const Dataset& train = digits_.train;
        ClassSetExperimentSettings quick;
        quick.model.hiddenSizes = {settings_.quickHidden};
        quick.model.inputSize = train.pixelCount();
        quick.batchSize = 128;
        quick.optimizer = OptimizerSettings{};
        quick.seed = settings_.seed;
        std::vector<Dataset> perClass;
        for (int c = 0; c < train.classCount(); ++c)
            perClass.push_back(train.ofClass(c));
        auto task = std::make_shared<ClassSetTask>(AutoencoderSet(quick.model, train.classCount(), quick.memberSeed()),
                                                   std::move(perClass), quick.taskSettings());
        TrainerSettings ts;
        ts.epochs = std::size_t(settings_.quickTrainEpochs);
        ts.threads = pool.threadCount();
        ts.progressInterval = 1e9;
        QuickRelay relay(observer_);
        Trainer trainer(task, ts, &relay);
        const TrainerStopLink link(stop, trainer);
        const TrainerState state = trainer.run();
        if (state == TrainerState::Cancelled)
            stopped_ = true;
        else if (state != TrainerState::Finished)
            throw Error(trainer.message());
        set_ = std::make_shared<const AutoencoderSet>(task->set().inferenceCopy());
    } else {
        const ChunkFile file = ChunkFile::load(settings_.model);
        set_ = std::make_shared<const AutoencoderSet>(ModelFile::readSet(file).inferenceCopy());
        fromFile_ = LikelihoodModel::readFrom(file);
        if (fromFile_)
            fromFile_->checkFits(*set_, settings_.model);
    }
    const AutoencoderSet& set = *set_;
    if (set.config().inputSize != digits_.test.pixelCount())
        throw Error(settings_.model + ": the set takes " + std::to_string(set.config().inputSize)
                    + " pixels, the dataset has " + std::to_string(digits_.test.pixelCount()));
    if (set.size() != digits_.train.classCount())
        throw Error(settings_.model + ": the set has " + std::to_string(set.size()) + " members, the dataset "
                    + std::to_string(digits_.train.classCount()) + " classes");
    result_.members = set.size();
    result_.memberDescription = set.config().describe();
    result_.threads = pool.threadCount();
    reach("model");
}

void LikelihoodExperiment::fit(ThreadPool& pool)
{
    Stopwatch fitClock;
    const AutoencoderSet& set = *set_;
    result_.reused = fromFile_.has_value() && !settings_.refit && !fromFile_->calibration().isEmpty();
    LikelihoodModel likelihood;
    if (result_.reused) {
        likelihood = *fromFile_;
    } else {
        std::vector<Matrix> perClass;
        for (int c = 0; c < set.size(); ++c)
            perClass.push_back(digits_.train.batch(digits_.train.indicesOfClass(c)));
        likelihood = LikelihoodModel::fit(set, perClass, settings_.likelihood, &pool);
    }
    model_ = std::make_shared<LikelihoodModel>(likelihood);
    result_.model = model_;
    estimator_ = std::make_unique<LikelihoodEstimator>(set_, model_, settings_.path);
    for (int c = 0; c < set.size(); ++c)
        result_.sparseMembers += estimator_->usesSparsePath(c) ? 1 : 0;
    result_.sparseCacheMb = double(estimator_->sparseCacheBytes()) / 1e6;
    // Path auto: which path is faster here is measured (a few test images,
    // once per CPU, build and shape; cached in the user's cache folder).
    if (settings_.path == LikelihoodEstimator::Path::Automatic && result_.sparseMembers > 0) {
        Stopwatch clock;
        result_.pathChoice = estimator_->calibrate(digits_.test.range(0, std::min<Index>(48, digits_.test.size())));
        result_.pathChoiceMs = clock.milliseconds();
    }
    reach("path");
    // Validation: eq. 5's constants and the anomaly threshold (1 % false alarms).
    if (!result_.reused || settings_.recalibrate) {
        const LikelihoodTerms validation = estimator_->evaluate(digits_.validation.all(), &pool);
        validationMeanError_ = validation.squaredError.colwise().minCoeff().mean();
        Calibration::Options options;
        options.ridge = settings_.calibrationRidge;
        const Calibration calibration = Calibration::fit(validation, digits_.validation.labels(), options);
        model_->setCalibration(calibration);
        model_->setAnomalyThreshold(
            AnomalyThreshold::fromNormalScores(LikelihoodEstimator::anomalyScores(validation.logLikelihood()), 0.01));
        result_.fittedCalibration = true;
        result_.fitSeconds = fitClock.seconds();
        result_.initialLoss = calibration.initialLoss();
        result_.finalLoss = calibration.finalLoss();
        result_.temperature = calibration.temperature();
    }
    for (int c = 0; c < set.size(); ++c)
        result_.sigmas.push_back(model_->sigma(c));
    result_.pooledSigma = model_->settings().pooledSigma;
    result_.pooledSigmaValue = model_->pooledSigma();
    reach("fitted");
}

void LikelihoodExperiment::evaluateTest(ThreadPool& pool)
{
    const Index testCount = result_.evaluated;
    Stopwatch batchClock;
    result_.sets.push_back({"mnist_test", estimator_->evaluate(digits_.test.range(0, testCount), &pool),
                            firstLabels(digits_.test, testCount)});
    result_.imagesPerSecond = double(testCount) / batchClock.seconds();
    const LikelihoodTerms& test = result_.sets.front().terms;
    const std::vector<int>& labels = result_.sets.front().labels;
    const Eigen::MatrixXd noiseNorm = Eigen::MatrixXd(test.reconstruction).colwise() + test.noiseNormaliser;
    result_.accRecon = accuracy(LikelihoodEstimator::decide(-test.squaredError), labels);
    result_.accSigma = accuracy(LikelihoodEstimator::decide(noiseNorm), labels);
    result_.accPz = accuracy(LikelihoodEstimator::decide(noiseNorm + test.logPz), labels);
    result_.accFull = accuracy(LikelihoodEstimator::decide(test.logLikelihood()), labels);
    result_.accCalibrated = accuracy(LikelihoodEstimator::decide(model_->calibration().apply(test)), labels);
    // Eq. 5 scored on data the set has certainly not seen: each test image
    // gets constants fitted on the other test folds (docs/likelihood.md).
    if (testCount >= 10 * result_.crossFolds)
        result_.accCrossFit = accuracy(LikelihoodEstimator::decide(Calibration::crossFitted(
                                           test, labels, result_.crossFolds, Calibration::Options{})),
                                       labels);
    // A set trained on its "validation" images reconstructs them better than
    // unseen ones (docs/likelihood.md, "Calibration and seen data").
    if (validationMeanError_ >= 0) {
        result_.validationMeanError = validationMeanError_;
        result_.testMeanError = test.squaredError.colwise().minCoeff().mean();
        result_.validationTestErrorRatio = validationMeanError_ / result_.testMeanError;
    }
    result_.singularFraction = double(test.singular.sum()) / double(std::max<Index>(1, test.singular.size()));
    reach("test");
}

void LikelihoodExperiment::evaluateAnomalies(ThreadPool& pool)
{
    const Index testCount = result_.evaluated;
    const LikelihoodTerms& test = result_.sets.front().terms;
    const auto normalScores = LikelihoodEstimator::anomalyScores(test.logLikelihood());
    const auto normalRecon = LikelihoodEstimator::anomalyScores(-test.squaredError);
    const int w = digits_.test.width(), h = digits_.test.height();
    std::vector<std::pair<LikelihoodResult::Anomaly, Matrix>> anomalies;
    try {
        const DatasetSplits fashion = DatasetCatalog::load(settings_.fashion);
        const Index count = settings_.limit > 0 ? std::min(settings_.limit, fashion.test.size()) : fashion.test.size();
        if (fashion.test.pixelCount() != digits_.test.pixelCount())
            throw Error(settings_.fashion + ": images are not the size of the digits");
        anomalies.push_back({{"auroc_fashion", "Fashion-MNIST test"}, fashion.test.range(0, count)});
    } catch (const Error& e) {
        if (observer_)
            observer_->note(std::string("Fashion-MNIST skipped: ") + e.what());
    }
    anomalies.push_back({{"auroc_noise", "uniform noise"}, uniformNoise(digits_.test.pixelCount(), testCount, settings_.seed)});
    anomalies.push_back({{"auroc_rotated", "MNIST test rotated 90 deg"}, rotated90(digits_.test.range(0, testCount), w, h)});
    result_.anomalyThreshold = model_->anomalyThreshold();
    for (auto& [a, images] : anomalies) {
        result_.sets.push_back({a.key.substr(6), estimator_->evaluate(images, &pool),
                                std::vector<int>(std::size_t(images.cols()), -1)});
        const LikelihoodTerms& t = result_.sets.back().terms;
        const auto scores = LikelihoodEstimator::anomalyScores(t.logLikelihood());
        a.count = images.cols();
        a.auroc = Auroc::compute(normalScores, scores);
        a.aurocRecon = Auroc::compute(normalRecon, LikelihoodEstimator::anomalyScores(-t.squaredError));
        a.flagged = AnomalyThreshold::flaggedFraction(scores, model_->anomalyThreshold());
        result_.anomalies.push_back(a);
    }
    result_.normalFlagged = AnomalyThreshold::flaggedFraction(normalScores, model_->anomalyThreshold());
    reach("anomalies");
}

// CPU time of this thread (the machines are shared, so wall time also counts
// other processes; it is reported beside). Two figures, both on ONE thread:
// ms_per_input, one input inside a batch (the members' weights are read once
// per chunk of inputs), and ms_single_input, one input alone, which must
// fetch every member's weights from memory: bound by memory traffic, which
// the sparse path cuts (docs/likelihood.md). With the sparse path available
// the other path(s) are timed too, in the same process and alternating run
// by run: the dense path always, and under path auto also the sparse path
// forced, so "auto" can be compared with the better of the two.
void LikelihoodExperiment::measureSpeed(ThreadPool& pool)
{
    result_.speedCount = std::min(settings_.speedSamples, digits_.test.size());
    const Matrix inputs = digits_.test.range(0, result_.speedCount);
    result_.compareDense = result_.sparseMembers > 0;
    result_.compareSparse = result_.compareDense && settings_.path == LikelihoodEstimator::Path::Automatic;
    std::optional<LikelihoodEstimator> dense, sparse;
    if (result_.compareDense)
        dense.emplace(set_, model_, LikelihoodEstimator::Path::Dense);
    if (result_.compareSparse)
        sparse.emplace(set_, model_, LikelihoodEstimator::Path::Sparse);
    std::vector<double> batch, single, batchWall, singleWall, denseBatch, denseSingle, sparseBatch, sparseSingle;
    for (int r = 0; r < settings_.speedRepeat; ++r) {
        // Odd runs time the forced paths first, so no path always runs on
        // caches another one warmed.
        LikelihoodResult::SpeedRun run;
        const auto others = [&] {
            if (dense)
                run.dense = timeOnce(*dense, inputs);
            if (sparse)
                run.sparse = timeOnce(*sparse, inputs);
        };
        if (r % 2 == 1)
            others();
        run.chosen = timeOnce(*estimator_, inputs);
        if (r % 2 == 0)
            others();
        batch.push_back(run.chosen.batch);
        batchWall.push_back(run.chosen.batchWall);
        single.push_back(run.chosen.single);
        singleWall.push_back(run.chosen.singleWall);
        denseBatch.push_back(run.dense.batch);
        denseSingle.push_back(run.dense.single);
        sparseBatch.push_back(run.sparse.batch);
        sparseSingle.push_back(run.sparse.single);
        result_.runs.push_back(run);
        reach("speed run");
    }
    result_.msPerInput = median(batch);
    result_.msSingle = median(single);
    result_.msPerInputWall = median(batchWall);
    result_.msSingleWall = median(singleWall);
    if (dense) {
        result_.denseBatch = median(denseBatch);
        result_.denseSingle = median(denseSingle);
        if (sparse) {
            // Time of auto / time of the faster forced path: <= 1 means auto lost nothing.
            result_.sparseBatch = median(sparseBatch);
            result_.sparseSingle = median(sparseSingle);
            result_.vsBestBatch = result_.msPerInput / std::min(result_.denseBatch, result_.sparseBatch);
            result_.vsBestAlone = result_.msSingle / std::min(result_.denseSingle, result_.sparseSingle);
        }
        comparePaths(pool, inputs, *dense, sparse ? &*sparse : nullptr);
    }
    reach("speed");
}

// Both paths compute the same maths; only float summation order differs.
// Checked on the timed inputs, term by term.
void LikelihoodExperiment::comparePaths(ThreadPool& pool, const Matrix& inputs, const LikelihoodEstimator& dense,
                                        const LikelihoodEstimator* sparse)
{
    const LikelihoodTerms a = (sparse ? *sparse : *estimator_).evaluate(inputs, &pool);
    const LikelihoodTerms b = dense.evaluate(inputs, &pool);
    const auto gap = [](const Eigen::MatrixXd& u, const Eigen::MatrixXd& v) {
        return ((u - v).array().abs() / (1.0 + v.array().abs())).maxCoeff();
    };
    result_.pathMaxRelativeDifference = std::max({gap(a.squaredError, b.squaredError), gap(a.reconstruction, b.reconstruction),
                                                  gap(a.logPz, b.logPz), gap(a.volume, b.volume)});
    const auto da = LikelihoodEstimator::decide(a.logLikelihood()), db = LikelihoodEstimator::decide(b.logLikelihood());
    result_.sameDecision = 0;
    for (std::size_t i = 0; i < da.size(); ++i)
        result_.sameDecision += da[i] == db[i] ? 1 : 0;
}

void LikelihoodExperiment::save() const
{
    // Keeps every chunk of the model file except older likelihood ones; a
    // quick-trained set is written fresh.
    const std::string& path = settings_.model;
    ChunkFile updated(path);
    if (settings_.quickTrainEpochs > 0) {
        ModelFile::writeSet(updated, *set_, false);
    } else {
        const ChunkFile original = ChunkFile::load(path);
        for (const ChunkFile::Chunk& chunk : original.chunks())
            if (chunk.tag.rfind("LK", 0) != 0)
                updated.add(chunk.tag, chunk.version, chunk.payload);
    }
    model_->addTo(updated);
    updated.save(path);
}

} // namespace latentset
