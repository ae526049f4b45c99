#include "latentset/experiments/ClassSetExperiment.h"

#include "latentset/data/DatasetCatalog.h"
#include "latentset/nn/ClassSetTask.h"
#include "latentset/nn/GemmBenchmark.h"
#include "latentset/nn/MlpTask.h"
#include "latentset/nn/ModelFile.h"
#include "latentset/nn/SetClassifier.h"
#include "latentset/util/ChunkFile.h"
#include "latentset/util/Error.h"
#include "latentset/util/ProcessStats.h"
#include "latentset/util/Stopwatch.h"
#include "latentset/util/ThreadPool.h"

#include <algorithm>
#include <numeric>

namespace latentset {

namespace {

double meanOf(const std::vector<double>& v)
{
    double sum = 0;
    for (double x : v)
        sum += x;
    return sum / double(std::max<std::size_t>(1, v.size()));
}

// Forwards one phase's Trainer callbacks to the experiment's observer and
// keeps its mean epoch losses.
class PhaseRelay : public TrainerObserver {
public:
    PhaseRelay(ExperimentObserver* observer, std::string phase) : observer_(observer), phase_(std::move(phase)) {}
    void progress(const TrainerProgress& p) override
    {
        if (observer_)
            observer_->progress(phase_, p);
    }
    void epochFinished(const EpochSummary& s) override
    {
        losses.push_back(meanOf(s.meanLosses));
        if (observer_)
            observer_->epochFinished(phase_, s);
    }
    std::vector<double> losses;

private:
    ExperimentObserver* observer_;
    std::string phase_;
};

std::vector<int> predictMlp(const Mlp& mlp, const Dataset& data)
{
    std::vector<int> out;
    out.reserve(std::size_t(data.size()));
    for (Index first = 0; first < data.size(); first += 1000) {
        const auto p = mlp.predict(data.range(first, std::min<Index>(1000, data.size() - first)));
        out.insert(out.end(), p.begin(), p.end());
    }
    return out;
}

TrainerSettings trainerSettings(std::int64_t epochs, unsigned threads)
{
    TrainerSettings ts;
    ts.epochs = std::size_t(epochs);
    ts.threads = threads;
    ts.progressInterval = 1e9; // per-epoch reports only (a GUI recipe paces its own Trainer)
    return ts;
}

} // namespace

ClassSetExperiment::ClassSetExperiment(ClassSetExperimentSettings settings) : settings_(std::move(settings)) {}

ClassSetExperiment::ClassSetExperiment(ClassSetExperimentSettings settings, DatasetSplits data)
    : settings_(std::move(settings)), given_(std::move(data))
{
}

ClassSetExperiment::~ClassSetExperiment() = default;

void ClassSetExperiment::reach(const char* stage)
{
    if (observer_)
        observer_->stageReached(stage);
}

ClassSetResult ClassSetExperiment::run(ExperimentObserver* observer, StopToken stop)
{
    settings_.validate();
    observer_ = observer;
    result_ = ClassSetResult();
    loadData();
    ThreadPool pool{settings_.threads};
    // GEMM rate of this back end with these threads, in this process, before training.
    if (settings_.gemmBenchmark)
        result_.gemmGflops = GemmBenchmark::gemmGflops(pool, 0.5, 2);
    buildSet(pool);
    trainSet(stop);
    if (settings_.gemmBenchmark)
        result_.gemmGflops = std::max(result_.gemmGflops, GemmBenchmark::gemmGflops(pool, 0.5, 2));
    evaluateSet(pool);
    if (!result_.stopped)
        runMlp(stop);
    if (!result_.stopped && !settings_.savePath.empty()) {
        save();
        result_.savedPath = settings_.savePath;
        reach("saved");
    }
    result_.peakRssMb = ProcessStats::peakRssMb();
    observer_ = nullptr;
    return result_;
}

void ClassSetExperiment::loadData()
{
    std::string source = settings_.dataset;
    if (source.empty())
        source = DatasetCatalog::mnistDirectory();
    Stopwatch clock;
    splits_ = given_ ? *given_ : DatasetCatalog::load(source);
    if (splits_.train.empty() || splits_.test.empty())
        throw Error(source + ": needs both a training and a test split");
    const Index limit = settings_.limit;
    if (limit > 0 && limit < splits_.train.size()) {
        std::vector<Index> first(static_cast<std::size_t>(limit));
        std::iota(first.begin(), first.end(), Index(0));
        splits_.train = splits_.train.subset(first);
    }
    if (settings_.validation > 0)
        splits_.carveValidation(settings_.validation);
    const Dataset& train = splits_.train;
    result_.dataset = splits_.name.empty() ? source : splits_.name;
    result_.trainImages = train.size();
    result_.testImages = splits_.test.size();
    result_.width = train.width();
    result_.height = train.height();
    result_.classes = train.classCount();
    result_.loadSeconds = clock.seconds();
    for (int c = 0; c < result_.classes; ++c)
        result_.classNames.push_back(train.className(c));
    reach("data");
}

void ClassSetExperiment::buildSet(ThreadPool& pool)
{
    const Dataset& train = splits_.train;
    const int classes = result_.classes;
    AutoencoderConfig config = settings_.model;
    config.inputSize = train.pixelCount();
    std::int64_t epochs = settings_.epochs;
    if (!settings_.loadPath.empty()) {
        loaded_ = ChunkFile::load(settings_.loadPath);
        config = ModelFile::readConfig(*loaded_);
        epochs = 0;
    }
    AutoencoderSet set = loaded_ ? ModelFile::readSet(*loaded_) : AutoencoderSet(config, classes, settings_.memberSeed());
    if (set.size() != classes || set.config().inputSize != train.pixelCount())
        throw Error(settings_.loadPath + ": the set has " + std::to_string(set.size()) + " members of input "
                    + std::to_string(set.config().inputSize) + ", the dataset " + std::to_string(classes)
                    + " classes of " + std::to_string(train.pixelCount()) + " pixels");
    set.setMemberNames(result_.classNames);
    std::vector<Dataset> perClass;
    for (int c = 0; c < classes; ++c)
        perClass.push_back(train.ofClass(c));
    setTask_ = std::make_shared<ClassSetTask>(std::move(set), std::move(perClass), settings_.taskSettings());
    result_.memberDescription = config.describe();
    result_.threads = pool.threadCount();
    result_.loaded = loaded_.has_value();
    result_.epochs = epochs;
    reach("model");
}

void ClassSetExperiment::trainSet(const StopToken& stop)
{
    PhaseRelay relay(observer_, "set");
    Trainer trainer(setTask_, trainerSettings(result_.epochs, settings_.threads), &relay);
    Stopwatch clock;
    if (result_.epochs > 0) {
        const TrainerStopLink link(stop, trainer);
        const TrainerState state = trainer.run();
        if (state == TrainerState::Cancelled)
            result_.stopped = true;
        else if (state != TrainerState::Finished)
            throw Error(trainer.message());
    }
    if (result_.loaded)
        result_.loadedSteps = std::int64_t(setTask_->set().member(0).stepCount());
    result_.setSeconds = clock.seconds();
    setHistory_ = trainer.history();
    double samples = 0;
    for (const auto& h : setHistory_)
        samples += h.samplesPerSecond * h.seconds;
    result_.samplesPerSecond = result_.setSeconds > 0 ? samples / result_.setSeconds : 0;
    result_.gflops = result_.samplesPerSecond * setTask_->flopsPerSample() * 1e-9;
    result_.setEpochLosses = relay.losses;
    reach("set trained");
}

void ClassSetExperiment::evaluateSet(ThreadPool& pool)
{
    auto trained = std::make_shared<const AutoencoderSet>(setTask_->set().inferenceCopy());
    result_.set = trained;
    classifier_ = std::make_unique<SetClassifier>(trained);
    if (settings_.error == ClassSetExperimentSettings::ErrorMeasure::TrainingLoss)
        classifier_->setErrorMeasure(trained->config().loss);
    const Dataset& train = splits_.train;
    if (!splits_.validation.empty()) {
        classifier_->calibrate(splits_.validation, &pool);
    } else if (settings_.calibrationPerClass > 0) {
        // Calibration from training images of each class.
        std::vector<Index> picks;
        for (int c = 0; c < result_.classes; ++c) {
            const auto idx = train.indicesOfClass(c);
            for (std::size_t k = 0; k < idx.size() && k < std::size_t(settings_.calibrationPerClass); ++k)
                picks.push_back(idx[k]);
        }
        classifier_->calibrate(train.subset(picks), &pool);
    }
    Stopwatch clock;
    const Dataset& test = splits_.test;
    const Matrix testErrors = classifier_->errors(test, &pool);
    result_.raw = ConfusionMatrix(result_.classes);
    result_.calibratedMatrix = ConfusionMatrix(result_.classes);
    result_.raw.add(test.labels(), classifier_->decide(testErrors, false));
    result_.calibrated = classifier_->calibrated();
    if (result_.calibrated)
        result_.calibratedMatrix.add(test.labels(), classifier_->decide(testErrors, true));
    result_.usedCalibrated = settings_.decision == ClassSetExperimentSettings::Decision::Calibrated && result_.calibrated;
    result_.evalSeconds = clock.seconds();
    reach("set evaluated");
}

void ClassSetExperiment::runMlp(const StopToken& stop)
{
    const Dataset& train = splits_.train;
    const Dataset& test = splits_.test;
    const std::int64_t mlpEpochs = settings_.effectiveMlpEpochs();
    if (loaded_ && loaded_->find("MLPN")) {
        const Mlp mlp = ModelFile::readMlp(*loaded_);
        result_.mlp = ConfusionMatrix(result_.classes);
        result_.mlp.add(test.labels(), predictMlp(mlp, test));
        result_.mlpAccuracy = result_.mlp.accuracy();
        result_.mlpFromFile = true;
        reach("mlp evaluated");
        return;
    }
    if (mlpEpochs <= 0 || loaded_)
        return;
    const Index hidden = settings_.model.hiddenSizes.front();
    result_.mlpInputs = train.pixelCount();
    result_.mlpHidden = hidden;
    result_.mlpBatch = settings_.mlpBatchSize;
    result_.mlpLearningRate = settings_.optimizer.learningRate;
    reach("mlp");
    const std::uint64_t seed = settings_.seed;
    mlpTask_ = std::make_shared<MlpTask>(Mlp(train.pixelCount(), hidden, result_.classes,
                                             ClassSetExperimentSettings::mlpWeightSeed(seed)),
                                         train, settings_.mlpBatchSize, settings_.optimizer,
                                         ClassSetExperimentSettings::mlpBatchOrderSeed(seed));
    PhaseRelay relay(observer_, "mlp");
    Trainer trainer(mlpTask_, trainerSettings(mlpEpochs, settings_.threads), &relay);
    Stopwatch clock;
    const TrainerStopLink link(stop, trainer);
    const TrainerState state = trainer.run();
    if (state == TrainerState::Cancelled) {
        result_.stopped = true;
        mlpTask_.reset();
        return;
    }
    if (state != TrainerState::Finished)
        throw Error(trainer.message());
    result_.mlpSeconds = clock.seconds();
    result_.mlpEpochLosses = relay.losses;
    result_.mlp = ConfusionMatrix(result_.classes);
    result_.mlp.add(test.labels(), predictMlp(mlpTask_->mlp(), test));
    result_.mlpAccuracy = result_.mlp.accuracy();
    result_.mlpTrained = true;
    reach("mlp evaluated");
}

void ClassSetExperiment::save() const
{
    const std::string& path = settings_.savePath;
    ChunkFile file(path);
    if (loaded_) {
        // Re-save a loaded file with the new calibration; every other chunk
        // (optimiser and batch-order state, history, MLP) is kept as it was.
        for (const auto& chunk : loaded_->chunks())
            if (chunk.tag != "CLBN")
                file.add(chunk.tag, chunk.version, chunk.payload);
        if (classifier_->calibrated())
            ModelFile::writeCalibration(file, classifier_->scale(), classifier_->offset());
        file.save(path);
        return;
    }
    ModelFile::writeSet(file, setTask_->set(), true);
    ModelFile::writeOptimizer(file, settings_.optimizer);
    setTask_->writeState(file);
    if (classifier_->calibrated())
        ModelFile::writeCalibration(file, classifier_->scale(), classifier_->offset());
    MetricHistory history;
    history.columns = {"epoch", "mean_loss"};
    for (const auto& h : setHistory_)
        history.addRow({double(h.epoch + 1), meanOf(h.meanLosses)});
    ModelFile::writeHistory(file, history);
    if (mlpTask_)
        ModelFile::writeMlp(file, mlpTask_->mlp());
    file.save(path);
}

} // namespace latentset
