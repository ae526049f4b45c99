// latentset-cli mnist: the paper's classification experiment. Trains a set
// of class autoencoders (one per class, decision by smallest reconstruction
// error) and the MLP baseline on the same data, and prints test accuracy of
// both beside the paper's, the confusion matrix, peak memory and the speed
// line. See --help and docs/cli.md.
#include "Commands.h"
#include "CliOptions.h"
#include "CliReport.h"

#include "latentset/data/DatasetCatalog.h"
#include "latentset/nn/ClassSetTask.h"
#include "latentset/nn/ConfusionMatrix.h"
#include "latentset/nn/GemmBenchmark.h"
#include "latentset/nn/MlpTask.h"
#include "latentset/nn/ModelFile.h"
#include "latentset/nn/SetClassifier.h"
#include "latentset/nn/Trainer.h"
#include "latentset/util/Error.h"
#include "latentset/util/ProcessStats.h"
#include "latentset/util/Stopwatch.h"
#include "latentset/util/ThreadPool.h"

#include <QCommandLineParser>
#include <QJsonArray>
#include <QJsonObject>

#include <cstdio>
#include <cstdlib>
#include <numeric>
#include <optional>

using namespace latentset;

namespace {

constexpr double kPaperSetAccuracy = 0.986;
constexpr double kPaperMlpAccuracy = 0.984;

// Prints one line per epoch (the trainer calls it on this thread: run()).
class EpochPrinter : public TrainerObserver {
public:
    EpochPrinter(const CliReport& report, QString what, std::size_t epochs)
        : report_(report), what_(std::move(what)), epochs_(epochs)
    {
    }
    void epochFinished(const EpochSummary& s) override
    {
        QString losses;
        double mean = 0;
        for (double l : s.meanLosses) {
            losses += QString(" %1").arg(l, 0, 'f', 2);
            mean += l;
        }
        mean /= double(std::max<std::size_t>(1, s.meanLosses.size()));
        const QString perMember = s.meanLosses.size() > 1 ? QString("  mean %1  [%2 ]").arg(mean, 0, 'f', 2).arg(losses)
                                                          : QString("  %1").arg(mean, 0, 'f', 4);
        report_.line(QString("%1 epoch %2/%3  loss%4  %5 s  %6 samples/s")
                         .arg(what_)
                         .arg(s.epoch + 1)
                         .arg(epochs_)
                         .arg(perMember)
                         .arg(s.seconds, 0, 'f', 1)
                         .arg(s.samplesPerSecond, 0, 'f', 0));
        epochLosses.append(mean);
    }
    QJsonArray epochLosses;

private:
    const CliReport& report_;
    QString what_;
    std::size_t epochs_;
};

QJsonArray perClassJson(const ConfusionMatrix& m)
{
    QJsonArray a;
    for (int c = 0; c < m.classCount(); ++c)
        a.append(m.classAccuracy(c));
    return a;
}

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

} // namespace

int runMnistCommand(const QStringList& arguments, CliReport& report)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        "Train the paper's class set (one autoencoder per class, 784-2048-16, tied; decision by the\n"
        "smallest reconstruction error) and the MLP baseline (784-2048-10 softmax) on MNIST or any\n"
        "labelled dataset; print per-epoch losses, test accuracy of both beside the paper's\n"
        "98.6 % / 98.4 %, the confusion matrix, peak memory and the speed line.\n"
        "With --json the last line is one JSON object (keys in docs/cli.md).");
    parser.addHelpOption();
    const QCommandLineOption epochsOption("epochs", "Epochs for the class set.", "N", "20");
    const QCommandLineOption mlpEpochsOption("mlp-epochs", "Epochs for the MLP (default: --epochs; 0 = skip).", "N");
    const QCommandLineOption hiddenOption("hidden", "Hidden layer size (set and MLP).", "H", "2048");
    const QCommandLineOption latentOption("latent", "Latent size.", "D", "16");
    const QCommandLineOption tiedOption("tied", "Tied decoder weights (the paper's; the default).");
    const QCommandLineOption untiedOption("untied", "Untied decoder weights.");
    const QCommandLineOption seedOption("seed", "Seed for weights, batch order and noise.", "S", "1");
    const QCommandLineOption saveOption("save", "Save the trained set (+ MLP, history, state) to FILE.", "FILE");
    const QCommandLineOption datasetOption(
        "dataset", "Dataset folder or id (mnist, fashion-mnist). Default: $LATENTSET_DATA_DIR/mnist.", "DIR");
    const QCommandLineOption batchOption(
        "batch", "Mini-batch size (64: measured best for the class set, see docs/engine.md).", "B", "64");
    const QCommandLineOption mlpBatchOption("mlp-batch", "Mini-batch size of the MLP baseline.", "B", "128");
    const QCommandLineOption lrOption("lr", "Adam learning rate.", "LR", "0.001");
    const QCommandLineOption scheduleOption("schedule", "Learning-rate schedule: constant, step, cosine.", "S",
                                            "cosine");
    const QCommandLineOption lossOption("loss", "Reconstruction loss: bce or mse.", "L", "bce");
    const QCommandLineOption noiseOption("noise", "Masking noise: fraction of input pixels zeroed (denoising).",
                                         "P", "0");
    const QCommandLineOption decayOption("weight-decay", "L2 weight decay (Adam and MLP; 0 = off).", "W", "0");
    const QCommandLineOption shiftOption(
        "shift", "Translation augmentation: move each training image by up to K pixels (0 = off).", "K", "0");
    const QCommandLineOption decisionOption(
        "decision",
        "Set decision: raw (smallest reconstruction error) or calibrated (per-member scale and offset\n"
        "of the error fitted on labelled images, see nn/SetClassifier.h).",
        "D", "raw");
    const QCommandLineOption errorOption(
        "error",
        "Error the set decides by: sse (squared error |x - f(z*)|^2, the paper's eq. 5 term) or\n"
        "loss (the training loss, e.g. cross-entropy).",
        "E", "sse");
    const QCommandLineOption calibrationOption(
        "calibration", "Training images per class used to fit the calibration (when --validation is 0).", "N",
        "500");
    const QCommandLineOption validationOption(
        "validation", "Hold N training images out of training and fit the calibration on them.", "N", "0");
    const QCommandLineOption loadOption(
        "load", "Evaluate a saved set (and its MLP, if the file holds one) instead of training.", "FILE");
    const QCommandLineOption threadsOption("threads", "Worker threads (0 = all cores).", "N", "0");
    const QCommandLineOption limitOption("limit", "Use only the first N training images (quick runs).", "N", "0");
    for (const auto* o : {&epochsOption, &mlpEpochsOption, &hiddenOption, &latentOption, &tiedOption, &untiedOption,
                          &seedOption, &saveOption, &datasetOption, &batchOption, &mlpBatchOption, &lrOption, &scheduleOption,
                          &lossOption, &noiseOption, &decayOption, &shiftOption, &decisionOption, &errorOption, &calibrationOption, &threadsOption,
                          &limitOption, &validationOption, &loadOption})
        parser.addOption(*o);
    int exitCode = 0;
    if (!CliOptions::parse(parser, arguments, "mnist", exitCode))
        return exitCode;
    long long epochs, mlpEpochs, hidden, latent, batch, mlpBatch, calibration, threads, limit, validation, shift;
    double lr, noise, decay;
    std::uint64_t seed;
    QString decision, errorMeasure;
    try {
        const CliOptions options(parser);
        epochs = options.integer<long long>("epochs", 0, 10000);
        mlpEpochs = parser.isSet(mlpEpochsOption) ? options.integer<long long>("mlp-epochs", 0, 10000) : epochs;
        hidden = options.integer<long long>("hidden", 1, 65536);
        latent = options.integer<long long>("latent", 1, 4096);
        batch = options.integer<long long>("batch", 1, 65536);
        mlpBatch = options.integer<long long>("mlp-batch", 1, 65536);
        calibration = options.integer<long long>("calibration", 0, 100000);
        threads = options.integer<long long>("threads", 0, 256);
        limit = options.atLeast<long long>("limit", 0);
        validation = options.atLeast<long long>("validation", 0);
        shift = options.integer<long long>("shift", 0, 8);
        seed = options.atLeast<std::uint64_t>("seed", 0);
        lr = options.number("lr", 1e-9, 10);
        noise = options.number("noise", 0, 0.99);
        decay = options.number("weight-decay", 0, 1);
        decision = options.oneOf("decision", {"raw", "calibrated"});
        errorMeasure = options.oneOf("error", {"sse", "loss"});
        if (parser.isSet(tiedOption) && parser.isSet(untiedOption))
            throw CliOptions::UsageError("--tied and --untied exclude each other");
    } catch (const CliOptions::UsageError& e) {
        std::fprintf(stderr, "latentset-cli mnist: %s\n", e.what());
        return 2;
    }

    OptimizerSettings optimizer;
    optimizer.learningRate = float(lr);
    optimizer.weightDecay = float(decay);
    AutoencoderConfig config = AutoencoderConfig::make(784, {Index(hidden)}, Index(latent), !parser.isSet(untiedOption));
    try {
        optimizer.schedule = OptimizerSettings::parseSchedule(parser.value(scheduleOption).toStdString());
        config.loss = parseLoss(parser.value(lossOption).toStdString());
    } catch (const Error& e) {
        std::fprintf(stderr, "latentset-cli mnist: %s\n", e.what());
        return 2;
    }

    // ---- data ----------------------------------------------------------------
    std::string source = parser.value(datasetOption).toStdString();
    if (source.empty())
        source = DatasetCatalog::mnistDirectory();
    Stopwatch loadClock;
    DatasetSplits splits = DatasetCatalog::load(source);
    if (splits.train.empty() || splits.test.empty())
        throw Error(source + ": needs both a training and a test split");
    if (limit > 0 && limit < splits.train.size()) {
        std::vector<Index> first(static_cast<std::size_t>(limit));
        std::iota(first.begin(), first.end(), Index(0));
        splits.train = splits.train.subset(first);
    }
    if (validation > 0)
        splits.carveValidation(Index(validation));
    const Dataset& train = splits.train;
    const Dataset& test = splits.test;
    const int classes = train.classCount();
    config.inputSize = train.pixelCount();
    report.line(QString("%1: %2 training / %3 test images of %4x%5, %6 classes (%7 s to load)")
                    .arg(QString::fromStdString(splits.name.empty() ? source : splits.name))
                    .arg(train.size())
                    .arg(test.size())
                    .arg(train.width())
                    .arg(train.height())
                    .arg(classes)
                    .arg(loadClock.seconds(), 0, 'f', 1));
    std::vector<std::string> names;
    std::vector<Dataset> perClass;
    for (int c = 0; c < classes; ++c) {
        names.push_back(train.className(c));
        perClass.push_back(train.ofClass(c));
    }

    ThreadPool pool{static_cast<unsigned>(threads)};
    // GEMM rate of this back end with these threads, in this process, before training.
    double gemm = GemmBenchmark::gemmGflops(pool, 0.5, 2);

    // ---- class set -------------------------------------------------------------
    const bool loading = parser.isSet(loadOption);
    const std::string loadPath = parser.value(loadOption).toStdString();
    std::optional<ChunkFile> loadedFile;
    if (loading) {
        loadedFile = ChunkFile::load(loadPath);
        config = ModelFile::readConfig(*loadedFile);
        epochs = 0;
    }
    AutoencoderSet set = loading ? ModelFile::readSet(*loadedFile) : AutoencoderSet(config, classes, seed);
    if (set.size() != classes || set.config().inputSize != train.pixelCount())
        throw Error(loadPath + ": the set has " + std::to_string(set.size()) + " members of input "
                    + std::to_string(set.config().inputSize) + ", the dataset " + std::to_string(classes)
                    + " classes of " + std::to_string(train.pixelCount()) + " pixels");
    set.setMemberNames(names);
    ClassSetSettings settings;
    settings.batchSize = Index(batch);
    settings.optimizer = optimizer;
    settings.maskingNoise = float(noise);
    settings.shiftPixels = int(shift);
    settings.seed = seed ^ 0x5eedULL;
    report.line(QString("class set: %1 members, %2, batch %3, Adam lr %4 (%5), noise %6, shift %8 px, %7 thread(s)")
                    .arg(classes)
                    .arg(QString::fromStdString(config.describe()))
                    .arg(batch)
                    .arg(lr)
                    .arg(QString::fromStdString(OptimizerSettings::scheduleName(optimizer.schedule)))
                    .arg(noise)
                    .arg(pool.threadCount())
                    .arg(shift));
    auto setTask = std::make_shared<ClassSetTask>(std::move(set), std::move(perClass), settings);
    TrainerSettings ts;
    ts.epochs = std::size_t(epochs);
    ts.threads = unsigned(threads);
    ts.progressInterval = 1e9; // the CLI prints per epoch only
    EpochPrinter setPrinter(report, "set", ts.epochs);
    Trainer setTrainer(setTask, ts, &setPrinter);
    Stopwatch trainClock;
    if (epochs > 0 && setTrainer.run() != TrainerState::Finished)
        throw Error(setTrainer.message());
    if (loading)
        report.line(QString("loaded %1 (trained %2 steps per member)")
                        .arg(QString::fromStdString(loadPath))
                        .arg(setTask->set().member(0).stepCount()));
    const double setSeconds = trainClock.seconds();
    double setSamples = 0;
    for (const auto& h : setTrainer.history())
        setSamples += h.samplesPerSecond * h.seconds;
    const double samplesPerSecond = setSeconds > 0 ? setSamples / setSeconds : 0;
    const double gflops = samplesPerSecond * setTask->flopsPerSample() * 1e-9;
    gemm = std::max(gemm, GemmBenchmark::gemmGflops(pool, 0.5, 2));

    // ---- evaluate the set ------------------------------------------------------
    auto trained = std::make_shared<const AutoencoderSet>(setTask->set().inferenceCopy());
    SetClassifier classifier(trained);
    if (errorMeasure == "loss")
        classifier.setErrorMeasure(trained->config().loss);
    if (!splits.validation.empty()) {
        classifier.calibrate(splits.validation, &pool);
    } else if (calibration > 0) {
        // Calibration from training images of each class.
        std::vector<Index> picks;
        for (int c = 0; c < classes; ++c) {
            const auto idx = train.indicesOfClass(c);
            for (std::size_t k = 0; k < idx.size() && k < std::size_t(calibration); ++k)
                picks.push_back(idx[k]);
        }
        classifier.calibrate(train.subset(picks), &pool);
    }
    Stopwatch evalClock;
    const Matrix testErrors = classifier.errors(test, &pool);
    ConfusionMatrix rawMatrix(classes), normMatrix(classes);
    rawMatrix.add(test.labels(), classifier.decide(testErrors, false));
    if (classifier.calibrated())
        normMatrix.add(test.labels(), classifier.decide(testErrors, true));
    const bool useNorm = decision == "calibrated" && classifier.calibrated();
    const ConfusionMatrix& setMatrix = useNorm ? normMatrix : rawMatrix;
    report.line(QString("class set test accuracy: %1 % (%2 decision; paper 98.6 %)  [raw %3 %%4]  eval %5 s")
                    .arg(100 * setMatrix.accuracy(), 0, 'f', 2)
                    .arg(useNorm ? "calibrated" : "raw")
                    .arg(100 * rawMatrix.accuracy(), 0, 'f', 2)
                    .arg(classifier.calibrated()
                             ? QString(", calibrated %1 %").arg(100 * normMatrix.accuracy(), 0, 'f', 2)
                             : QString())
                    .arg(evalClock.seconds(), 0, 'f', 1));
    report.line(QString::fromStdString(setMatrix.toText(names)));

    // ---- MLP baseline ----------------------------------------------------------
    double mlpAccuracy = -1, mlpSeconds = 0;
    QJsonArray mlpLosses;
    std::shared_ptr<MlpTask> mlpTask;
    if (loading && loadedFile->find("MLPN")) {
        const Mlp mlp = ModelFile::readMlp(*loadedFile);
        ConfusionMatrix mlpMatrix(classes);
        mlpMatrix.add(test.labels(), predictMlp(mlp, test));
        mlpAccuracy = mlpMatrix.accuracy();
        report.line(QString("MLP (from the file) test accuracy: %1 % (paper 98.4 %)").arg(100 * mlpAccuracy, 0, 'f', 2));
        report.set("mlp_per_class_accuracy", perClassJson(mlpMatrix));
    } else if (mlpEpochs > 0 && !loading) {
        report.line(QString("MLP baseline: %1-%2 relu-%3 softmax, batch %4, Adam lr %5")
                        .arg(train.pixelCount())
                        .arg(hidden)
                        .arg(classes)
                        .arg(mlpBatch)
                        .arg(lr));
        mlpTask = std::make_shared<MlpTask>(Mlp(train.pixelCount(), Index(hidden), classes, seed + 1000), train,
                                            Index(mlpBatch), optimizer, seed ^ 0x31337ULL);
        TrainerSettings ms = ts;
        ms.epochs = std::size_t(mlpEpochs);
        EpochPrinter mlpPrinter(report, "mlp", ms.epochs);
        Trainer mlpTrainer(mlpTask, ms, &mlpPrinter);
        Stopwatch mlpClock;
        if (mlpTrainer.run() != TrainerState::Finished)
            throw Error(mlpTrainer.message());
        mlpSeconds = mlpClock.seconds();
        mlpLosses = mlpPrinter.epochLosses;
        ConfusionMatrix mlpMatrix(classes);
        mlpMatrix.add(test.labels(), predictMlp(mlpTask->mlp(), test));
        mlpAccuracy = mlpMatrix.accuracy();
        report.line(QString("MLP test accuracy: %1 % (paper 98.4 %)").arg(100 * mlpAccuracy, 0, 'f', 2));
        report.set("mlp_per_class_accuracy", perClassJson(mlpMatrix));
    }

    // ---- save --------------------------------------------------------------------
    if (parser.isSet(saveOption) && loading) {
        // Re-save a loaded file with the new calibration; every other chunk
        // (optimiser and batch-order state, history, MLP) is kept as it was.
        const std::string path = parser.value(saveOption).toStdString();
        ChunkFile file(path);
        for (const auto& chunk : loadedFile->chunks())
            if (chunk.tag != "CLBN")
                file.add(chunk.tag, chunk.version, chunk.payload);
        if (classifier.calibrated())
            ModelFile::writeCalibration(file, classifier.scale(), classifier.offset());
        file.save(path);
        report.line(QString("saved %1").arg(QString::fromStdString(path)));
    } else if (parser.isSet(saveOption)) {
        const std::string path = parser.value(saveOption).toStdString();
        ChunkFile file(path);
        ModelFile::writeSet(file, setTask->set(), true);
        ModelFile::writeOptimizer(file, optimizer);
        setTask->writeState(file);
        if (classifier.calibrated())
            ModelFile::writeCalibration(file, classifier.scale(), classifier.offset());
        MetricHistory history;
        history.columns = {"epoch", "mean_loss"};
        for (const auto& h : setTrainer.history()) {
            double mean = 0;
            for (double l : h.meanLosses)
                mean += l;
            history.addRow({double(h.epoch + 1), mean / double(std::max<std::size_t>(1, h.meanLosses.size()))});
        }
        ModelFile::writeHistory(file, history);
        if (mlpTask)
            ModelFile::writeMlp(file, mlpTask->mlp());
        file.save(path);
        report.line(QString("saved %1").arg(QString::fromStdString(path)));
    }

    // ---- summary -----------------------------------------------------------------
    const double peak = ProcessStats::peakRssMb();
    const double ratio = gemm > 0 ? gflops / gemm : 0;
    if (epochs > 0)
        report.line(QString("speed (%1, %2 threads): %3 samples/s, %4 GFLOP/s achieved, SGEMM 128x784x2048 %5 GFLOP/s, "
                        "roofline ratio %6")
                    .arg(GemmBenchmark::backendName())
                    .arg(pool.threadCount())
                    .arg(samplesPerSecond, 0, 'f', 0)
                    .arg(gflops, 0, 'f', 1)
                    .arg(gemm, 0, 'f', 1)
                    .arg(ratio, 0, 'f', 3));
    report.line(QString("time: class set %1 s, MLP %2 s; peak memory %3 MB")
                    .arg(setSeconds, 0, 'f', 1)
                    .arg(mlpSeconds, 0, 'f', 1)
                    .arg(peak, 0, 'f', 0));
    report.line(QString("accuracy: class set %1 % (paper %2 %), MLP %3 (paper %4 %)")
                    .arg(100 * setMatrix.accuracy(), 0, 'f', 2)
                    .arg(100 * kPaperSetAccuracy, 0, 'f', 1)
                    .arg(mlpAccuracy >= 0 ? QString("%1 %").arg(100 * mlpAccuracy, 0, 'f', 2) : QString("skipped"))
                    .arg(100 * kPaperMlpAccuracy, 0, 'f', 1));
    report.set("samples_per_s", samplesPerSecond);
    report.set("gflops", gflops);
    report.set("gemm_gflops", gemm);
    report.set("roofline_ratio", ratio);
    report.set("ae_set_accuracy", setMatrix.accuracy());
    report.set("ae_set_accuracy_raw", rawMatrix.accuracy());
    if (classifier.calibrated())
        report.set("ae_set_accuracy_calibrated", normMatrix.accuracy());
    report.set("ae_set_per_class_accuracy", perClassJson(setMatrix));
    report.set("mlp_accuracy", mlpAccuracy >= 0 ? QJsonValue(mlpAccuracy) : QJsonValue());
    report.set("train_seconds", setSeconds + mlpSeconds);
    report.set("set_train_seconds", setSeconds);
    report.set("mlp_train_seconds", mlpSeconds);
    report.set("peak_rss_mb", peak);
    report.set("epochs", int(epochs));
    report.set("set_epoch_losses", setPrinter.epochLosses);
    report.set("mlp_epoch_losses", mlpLosses);
    report.set("dataset", QString::fromStdString(splits.name.empty() ? source : splits.name));
    report.set("paper_set_accuracy", kPaperSetAccuracy);
    report.set("paper_mlp_accuracy", kPaperMlpAccuracy);
    return 0;
}
