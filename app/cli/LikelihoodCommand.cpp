// latentset-cli likelihood: the paper's eq. 4/5 on a class set. Prints the
// accuracy of each combination of terms on the test split, the anomaly AUROC
// against Fashion-MNIST, uniform noise and digits rotated by 90 degrees, and
// the speed of the full estimate. See docs/likelihood.md and docs/cli.md.
#include "CliOptions.h"
#include "CliReport.h"
#include "Commands.h"

#include "latentset/data/DatasetCatalog.h"
#include "latentset/likelihood/AnomalyThreshold.h"
#include "latentset/likelihood/Auroc.h"
#include "latentset/likelihood/Calibration.h"
#include "latentset/likelihood/LikelihoodEstimator.h"
#include "latentset/likelihood/LikelihoodModel.h"
#include "latentset/nn/AutoencoderSet.h"
#include "latentset/nn/ModelFile.h"
#include "latentset/util/ChunkFile.h"
#include "latentset/util/Error.h"
#include "latentset/util/Random.h"
#include "latentset/util/Stopwatch.h"
#include "latentset/util/ThreadPool.h"

#include <QCommandLineParser>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QTextStream>

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <memory>
#include <numeric>
#include <optional>

using namespace latentset;

namespace {

struct Options {
    QString model;
    QString dataset = "mnist";
    QString fashion = "fashion-mnist";
    QString scoresCsv;
    Index limit = 0; // 0 = every test image
    Index validation = 5000;
    Index speedSamples = 128;
    int speedRepeat = 1;
    LikelihoodEstimator::Path path = LikelihoodEstimator::Path::Automatic;
    LikelihoodSettings settings;
    bool refit = false;
    bool recalibrate = false;
    double calibrationRidge = Calibration::Options{}.ridge;
    bool save = false;
    int quickTrainEpochs = 0;
    Index quickHidden = 2048;
    unsigned threads = 0;
    std::uint64_t seed = 1;
};

// Loads the class set (and, if present, its fitted likelihood chunks).
struct LoadedModel {
    std::shared_ptr<const AutoencoderSet> set;
    std::optional<LikelihoodModel> likelihood;
};

LoadedModel loadModel(const std::string& path)
{
    const ChunkFile file = ChunkFile::load(path);
    LoadedModel loaded;
    loaded.set = std::make_shared<const AutoencoderSet>(ModelFile::readSet(file).inferenceCopy());
    loaded.likelihood = LikelihoodModel::readFrom(file);
    if (loaded.likelihood)
        loaded.likelihood->checkFits(*loaded.set, path);
    return loaded;
}

// A throwaway class set of the paper's shape trained here for a few epochs:
// for development, and for machines without a saved model.
std::shared_ptr<const AutoencoderSet> quickTrain(const Dataset& train, const Options& options, ThreadPool& pool,
                                                 CliReport& report)
{
    AutoencoderConfig config = AutoencoderConfig::paperMnist();
    config.hiddenSizes = {options.quickHidden};
    const int classes = train.classCount();
    AutoencoderSet set(config, classes, options.seed);
    std::vector<std::vector<Index>> indices(static_cast<std::size_t>(classes));
    for (int c = 0; c < classes; ++c)
        indices[std::size_t(c)] = train.indicesOfClass(c);
    OptimizerSettings adam;
    Random random(options.seed);
    const Index batchSize = 128;
    std::vector<Matrix> batches(static_cast<std::size_t>(classes));
    std::vector<const Matrix*> inputs(static_cast<std::size_t>(classes));
    Stopwatch clock;
    const Index stepsPerEpoch = train.size() / (batchSize * classes);
    for (int epoch = 0; epoch < options.quickTrainEpochs; ++epoch) {
        for (Index step = 0; step < stepsPerEpoch; ++step) {
            for (int c = 0; c < classes; ++c) {
                const auto& own = indices[std::size_t(c)];
                std::vector<Index> pick(static_cast<std::size_t>(batchSize));
                for (auto& p : pick)
                    p = own[std::size_t(random.below(own.size()))];
                train.batchInto(pick, batches[std::size_t(c)]);
                inputs[std::size_t(c)] = &batches[std::size_t(c)];
            }
            set.trainStepAll(inputs, {}, {}, adam, 1e-3f, pool);
        }
        report.line(QString("quick-train: epoch %1/%2 done (%3 s)")
                        .arg(epoch + 1)
                        .arg(options.quickTrainEpochs)
                        .arg(clock.seconds(), 0, 'f', 1));
    }
    return std::make_shared<const AutoencoderSet>(set.inferenceCopy());
}

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

std::vector<double> rowMaxNegated(const Eigen::MatrixXd& m)
{
    return LikelihoodEstimator::anomalyScores(m);
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

QString percent(double v) { return QString::number(100.0 * v, 'f', 2) + " %"; }

// False when the command should stop here with `exitCode` (--help: 0, an
// unknown option: 2); a bad value throws CliOptions::UsageError.
bool parse(const QStringList& arguments, Options& o, int& exitCode)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        "Eq. 4/5 likelihood of a class set (one autoencoder per class): accuracy of each combination of terms "
        "on the test split, anomaly AUROC vs Fashion-MNIST, uniform noise and digits rotated by 90 degrees, "
        "and the speed of the full estimate. Fits sigma, p(z) and eq. 5's constants unless the model file "
        "already holds them.");
    parser.addHelpOption();
    parser.addOptions({
        {"model", "Class set model file (.lset), e.g. the engine's mnist-classset.lset.", "file"},
        {"dataset", "Dataset of the classes (known id or IDX folder). Default: mnist.", "dir", "mnist"},
        {"fashion", "Fashion-MNIST (id or folder) used as anomalies. Default: fashion-mnist.", "dir", "fashion-mnist"},
        {"scores-csv", "Write per-sample scores (every evaluated set) to this CSV file.", "file"},
        {"limit", "Evaluate only the first N images of each test set (0 = all).", "N", "0"},
        {"validation", "Images carved from the training split for calibration and the threshold.", "N", "5000"},
        {"speed-samples", "Test images timed for ms_per_input (one batch) and ms_single_input (one by one).", "N", "128"},
        {"speed-repeat", "Repeat the speed measurement R times (figures are the medians; every run is printed).", "R", "1"},
        {"path", "Evaluation path: auto (the faster of the two as measured on this machine, once, cached), dense or "
                 "sparse.", "path", "auto"},
        {"sigma", "Noise deviation: scalar or pixel (one per pixel).", "mode", "scalar"},
        {"sigma-scope", "pooled (one noise model for the set) or member (each member its own sigma).", "scope", "pooled"},
        {"components", "Gaussian mixture components of p(z).", "K", "8"},
        {"diagonal", "Diagonal covariances in p(z)."},
        {"shared-pz", "Fit p(z) once over all members' codes (shared latent space)."},
        {"refit", "Refit sigma, p(z) and calibration even if the model file holds them."},
        {"recalibrate", "Refit only eq. 5's constants and the anomaly threshold (sigma and p(z) from the model file)."},
        {"calibration-ridge", "Ridge of the eq. 5 fit toward plain eq. 4 (on the mean cross-entropy).", "R", "1e-5"},
        {"save", "Write the fitted likelihood chunks back into the model file."},
        {"quick-train", "Train a throwaway class set for E epochs here instead of reading --model (with --save it is written to --model).", "E", "0"},
        {"quick-hidden", "Hidden width of the --quick-train set.", "H", "2048"},
        {"threads", "Worker threads (0 = all cores).", "T", "0"},
        {"seed", "Seed of the noise images and --quick-train.", "S", "1"},
    });
    QStringList args = arguments;
    args[0] = "latentset-cli likelihood"; // the name --help shows
    if (!CliOptions::parse(parser, args, "likelihood", exitCode))
        return false;
    const CliOptions options(parser);
    o.model = parser.value("model");
    o.dataset = parser.value("dataset");
    o.fashion = parser.value("fashion");
    o.scoresCsv = parser.value("scores-csv");
    o.limit = options.atLeast<Index>("limit", 0);
    o.validation = options.atLeast<Index>("validation", 10);
    o.speedSamples = options.atLeast<Index>("speed-samples", 1);
    o.speedRepeat = options.atLeast<int>("speed-repeat", 1);
    const QString path = options.oneOf("path", {"auto", "dense", "sparse"});
    if (path == "dense")
        o.path = LikelihoodEstimator::Path::Dense;
    else if (path == "sparse")
        o.path = LikelihoodEstimator::Path::Sparse;
    o.settings.mixture.components = options.atLeast<int>("components", 1);
    o.quickTrainEpochs = options.atLeast<int>("quick-train", 0);
    o.quickHidden = options.atLeast<Index>("quick-hidden", 1);
    o.threads = options.atLeast<unsigned>("threads", 0);
    o.seed = options.atLeast<std::uint64_t>("seed", 0);
    if (options.oneOf("sigma", {"scalar", "pixel"}) == "pixel")
        o.settings.sigmaMode = LikelihoodSettings::SigmaMode::PerPixel;
    if (options.oneOf("sigma-scope", {"pooled", "member"}) == "member")
        o.settings.pooledSigma = false;
    o.settings.mixture.diagonal = parser.isSet("diagonal");
    o.settings.sharedLatentDensity = parser.isSet("shared-pz");
    o.refit = parser.isSet("refit");
    o.recalibrate = parser.isSet("recalibrate");
    o.calibrationRidge = options.atLeast<double>("calibration-ridge", 0);
    o.save = parser.isSet("save");
    if (o.model.isEmpty() && o.quickTrainEpochs == 0)
        throw Error("--model FILE is required (or --quick-train EPOCHS for a throwaway set)");
    if (o.save && o.model.isEmpty())
        throw Error("--save needs --model");
    return true;
}

// One evaluated set of inputs: likelihood terms and what the CSV needs.
struct Evaluated {
    QString name;
    LikelihoodTerms terms;
    std::vector<int> labels; // -1 for anomalies
};

void writeCsv(const QString& path, const std::vector<Evaluated>& sets, const Calibration& calibration)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate | QIODevice::Text))
        throw Error(path.toStdString() + ": cannot write (" + file.errorString().toStdString() + ")");
    QTextStream out(&file);
    const int m = int(sets.front().terms.members());
    out << "set,index,label,pred_recon,pred_eq4,pred_calibrated,anomaly_eq4,anomaly_recon,min_squared_error";
    for (int c = 0; c < m; ++c)
        out << ",loglik_" << c;
    for (int c = 0; c < m; ++c)
        out << ",recon_" << c << ",logpz_" << c << ",volume_" << c;
    out << '\n';
    for (const Evaluated& e : sets) {
        const Eigen::MatrixXd full = e.terms.logLikelihood();
        const Eigen::MatrixXd negError = -e.terms.squaredError;
        const auto predRecon = LikelihoodEstimator::decide(negError);
        const auto predFull = LikelihoodEstimator::decide(full);
        const auto predCal = LikelihoodEstimator::decide(calibration.apply(e.terms));
        const auto anomaly = rowMaxNegated(full);
        const auto anomalyRecon = rowMaxNegated(negError);
        for (Index b = 0; b < e.terms.samples(); ++b) {
            out << e.name << ',' << b << ',' << e.labels[std::size_t(b)] << ',' << predRecon[std::size_t(b)] << ','
                << predFull[std::size_t(b)] << ',' << predCal[std::size_t(b)] << ','
                << QString::number(anomaly[std::size_t(b)], 'g', 9) << ','
                << QString::number(anomalyRecon[std::size_t(b)], 'g', 9) << ','
                << QString::number(e.terms.squaredError.col(b).minCoeff(), 'g', 7);
            for (int c = 0; c < m; ++c)
                out << ',' << QString::number(full(c, b), 'g', 9);
            for (int c = 0; c < m; ++c)
                out << ',' << QString::number(e.terms.reconstruction(c, b), 'g', 7) << ','
                    << QString::number(e.terms.logPz(c, b), 'g', 7) << ','
                    << QString::number(e.terms.volume(c, b), 'g', 7);
            out << '\n';
        }
    }
    if (out.status() != QTextStream::Ok || !file.flush())
        throw Error(path.toStdString() + ": write failed");
}

} // namespace

int runLikelihoodCommand(const QStringList& arguments, CliReport& report)
{
    Options o;
    try {
        int exitCode = 0;
        if (!parse(arguments, o, exitCode))
            return exitCode;
    } catch (const Error& e) {
        std::fprintf(stderr, "latentset-cli likelihood: %s\n", e.what());
        return 2;
    }
    ThreadPool pool(o.threads);

    // ---- data -----------------------------------------------------------
    DatasetSplits digits = DatasetCatalog::load(o.dataset.toStdString());
    if (digits.test.empty())
        throw Error(o.dataset.toStdString() + ": no test split");
    digits.carveValidation(o.validation);
    const Index testCount = o.limit > 0 ? std::min(o.limit, digits.test.size()) : digits.test.size();
    report.line(QString("data: %1 train %2, validation %3, test %4 (evaluated %5)")
                    .arg(QString::fromStdString(digits.name))
                    .arg(digits.train.size())
                    .arg(digits.validation.size())
                    .arg(digits.test.size())
                    .arg(testCount));

    // ---- model ----------------------------------------------------------
    LoadedModel loaded;
    if (o.quickTrainEpochs > 0)
        loaded.set = quickTrain(digits.train, o, pool, report);
    else
        loaded = loadModel(o.model.toStdString());
    const AutoencoderSet& set = *loaded.set;
    if (set.config().inputSize != digits.test.pixelCount())
        throw Error(o.model.toStdString() + ": the set takes " + std::to_string(set.config().inputSize) +
                    " pixels, the dataset has " + std::to_string(digits.test.pixelCount()));
    if (set.size() != digits.train.classCount())
        throw Error(o.model.toStdString() + ": the set has " + std::to_string(set.size()) +
                    " members, the dataset " + std::to_string(digits.train.classCount()) + " classes");
    report.line(QString("model: %1 members, %2").arg(set.size()).arg(QString::fromStdString(set.config().describe())));

    Stopwatch fitClock;
    LikelihoodModel likelihood;
    const bool reuse = loaded.likelihood.has_value() && !o.refit && !loaded.likelihood->calibration().isEmpty();
    if (reuse) {
        likelihood = *loaded.likelihood;
        report.line("likelihood: sigma, p(z) and calibration read from the model file");
    } else {
        std::vector<Matrix> perClass;
        for (int c = 0; c < set.size(); ++c) {
            const auto idx = digits.train.indicesOfClass(c);
            perClass.push_back(digits.train.batch(idx));
        }
        likelihood = LikelihoodModel::fit(set, perClass, o.settings, &pool);
    }
    auto model = std::make_shared<LikelihoodModel>(likelihood);
    LikelihoodEstimator estimator(loaded.set, model, o.path);
    int sparseMembers = 0;
    for (int c = 0; c < set.size(); ++c)
        sparseMembers += estimator.usesSparsePath(c) ? 1 : 0;
    report.line(QString("evaluation path: sparse path available for %1 of %2 members (weight copies %3 MB), dense "
                        "for the rest")
                    .arg(sparseMembers)
                    .arg(set.size())
                    .arg(double(estimator.sparseCacheBytes()) / 1e6, 0, 'f', 1));
    // --path auto: which path is faster here is measured (a few test images,
    // once per CPU, build and shape; cached in the user's cache folder).
    if (o.path == LikelihoodEstimator::Path::Automatic && sparseMembers > 0) {
        Stopwatch calibrationClock;
        const PathCalibration pc = estimator.calibrate(digits.test.range(0, std::min<Index>(48, digits.test.size())));
        report.line(QString("path choice (auto, %1 in %2 ms, %3): %4")
                        .arg(pc.fromCache ? "read from the cache" : "measured")
                        .arg(calibrationClock.milliseconds(), 0, 'f', 0)
                        .arg(QString::fromLatin1(PathCalibration::buildIsa()))
                        .arg(QString::fromStdString(pc.describe())));
        report.set("auto_path_alone", pc.sparseAlone ? "sparse" : "dense");
        report.set("auto_path_batch", pc.sparseBatch ? "sparse" : "dense");
        report.set("calibration_from_cache", pc.fromCache);
        report.set("calibration_ms_dense_alone", pc.timings.denseAlone);
        report.set("calibration_ms_sparse_alone", pc.timings.sparseAlone);
        report.set("calibration_ms_dense_batch", pc.timings.denseBatch);
        report.set("calibration_ms_sparse_batch", pc.timings.sparseBatch);
        report.set("build_isa", PathCalibration::buildIsa());
    }

    // Validation: eq. 5's constants and the anomaly threshold (1 % false alarms).
    double validationMeanError = -1; // mean best-member squared error, for the seen-data check below
    if (!reuse || o.recalibrate) {
        const LikelihoodTerms validation = estimator.evaluate(digits.validation.all(), &pool);
        validationMeanError = validation.squaredError.colwise().minCoeff().mean();
        Calibration::Options calibrationOptions;
        calibrationOptions.ridge = o.calibrationRidge;
        const Calibration calibration = Calibration::fit(validation, digits.validation.labels(), calibrationOptions);
        model->setCalibration(calibration);
        model->setAnomalyThreshold(
            AnomalyThreshold::fromNormalScores(LikelihoodEstimator::anomalyScores(validation.logLikelihood()), 0.01));
        const QString what = reuse ? QString("eq. 5 constants (sigma and p(z) from the model file)")
                                   : QString("sigma, p(z) (%1 components%2) and eq. 5 constants")
                                         .arg(o.settings.mixture.components)
                                         .arg(o.settings.sharedLatentDensity ? ", shared" : "");
        report.line(QString("fitted %1 in %2 s; validation cross-entropy %3 -> %4, temperature %5")
                        .arg(what)
                        .arg(fitClock.seconds(), 0, 'f', 1)
                        .arg(calibration.initialLoss(), 0, 'f', 4)
                        .arg(calibration.finalLoss(), 0, 'f', 4)
                        .arg(calibration.temperature(), 0, 'g', 4));
    }
    QString sigmas;
    for (int c = 0; c < set.size(); ++c)
        sigmas += QString(c ? " " : "") + QString::number(model->sigma(c), 'f', 4);
    report.line("sigma per member: " + sigmas +
                (model->settings().pooledSigma ? QString("; pooled sigma used: %1").arg(model->pooledSigma(), 0, 'f', 4)
                                               : QString("; each member uses its own")));

    // ---- test split -----------------------------------------------------
    std::vector<Evaluated> evaluated;
    Stopwatch batchClock;
    evaluated.push_back({"mnist_test", estimator.evaluate(digits.test.range(0, testCount), &pool),
                         firstLabels(digits.test, testCount)});
    const double batchSeconds = batchClock.seconds();
    const LikelihoodTerms& test = evaluated.front().terms;
    const std::vector<int>& labels = evaluated.front().labels;
    const Eigen::MatrixXd noiseNorm = Eigen::MatrixXd(test.reconstruction).colwise() + test.noiseNormaliser;
    const double accRecon = accuracy(LikelihoodEstimator::decide(-test.squaredError), labels);
    const double accSigma = accuracy(LikelihoodEstimator::decide(noiseNorm), labels);
    const double accPz = accuracy(LikelihoodEstimator::decide(noiseNorm + test.logPz), labels);
    const double accFull = accuracy(LikelihoodEstimator::decide(test.logLikelihood()), labels);
    const double accCal = accuracy(LikelihoodEstimator::decide(model->calibration().apply(test)), labels);
    report.line(QString("accuracy on %1 test images (Bayes decision, uniform priors):").arg(testCount));
    report.line("  reconstruction only  -|x - f(z*)|^2        " + percent(accRecon));
    report.line("  (recon / 2 sigma^2 + Gaussian normaliser    " + percent(accSigma) + ")");
    report.line("  + log p(z*)                               " + percent(accPz));
    report.line("  + volume term (full eq. 4)                " + percent(accFull));
    report.line("  all three, calibrated (eq. 5)             " + percent(accCal));
    // Eq. 5 scored on data the set has certainly not seen: each test image
    // gets constants fitted on the other test folds. If this beats eq. 4
    // while the row above does not, the validation split was probably part
    // of the set's training data (docs/likelihood.md).
    const int crossFolds = 5;
    double accCross = 0;
    if (testCount >= 10 * crossFolds) {
        accCross = accuracy(
            LikelihoodEstimator::decide(Calibration::crossFitted(test, labels, crossFolds, Calibration::Options{})),
            labels);
        report.line(QString("  all three, calibrated on the test split (%1-fold cross-fit) ").arg(crossFolds) +
                    percent(accCross));
        report.set("accuracy_calibrated_crossfit", accCross);
    }
    // A set that was trained on its "validation" images reconstructs them
    // better than unseen ones; eq. 5's constants and the anomaly threshold
    // fitted there are then biased (docs/likelihood.md, "Calibration and
    // seen data").
    if (validationMeanError >= 0) {
        const double testMeanError = test.squaredError.colwise().minCoeff().mean();
        const double ratio = validationMeanError / testMeanError;
        report.set("validation_test_error_ratio", ratio);
        if (ratio < 0.9)
            report.line(QString("  warning: the validation images' best squared error is %1 % of the test images' "
                                "(mean %2 vs %3): the set has probably seen them in training, so eq. 5 and the "
                                "threshold fitted on them are biased; train with a held-out validation split "
                                "(e.g. mnist --validation 5000) or read the cross-fit row")
                            .arg(100.0 * ratio, 0, 'f', 0)
                            .arg(validationMeanError, 0, 'f', 2)
                            .arg(testMeanError, 0, 'f', 2));
    }
    report.set("accuracy_recon", accRecon);
    report.set("accuracy_recon_sigma", accSigma);
    report.set("accuracy_recon_pz", accPz);
    report.set("accuracy_recon_pz_volume", accFull);
    report.set("accuracy_calibrated", accCal);
    report.set("test_images", qint64(testCount));
    report.set("singular_fraction", double(test.singular.sum()) / double(std::max<Index>(1, test.singular.size())));

    // ---- anomalies ------------------------------------------------------
    const auto normalScores = LikelihoodEstimator::anomalyScores(test.logLikelihood());
    const auto normalRecon = rowMaxNegated(-test.squaredError);
    const int w = digits.test.width(), h = digits.test.height();
    struct AnomalySet {
        const char* key;
        QString title;
        Matrix images;
    };
    std::vector<AnomalySet> anomalies;
    try {
        const DatasetSplits fashion = DatasetCatalog::load(o.fashion.toStdString());
        const Index count = o.limit > 0 ? std::min(o.limit, fashion.test.size()) : fashion.test.size();
        if (fashion.test.pixelCount() != digits.test.pixelCount())
            throw Error(o.fashion.toStdString() + ": images are not the size of the digits");
        anomalies.push_back({"auroc_fashion", "Fashion-MNIST test", fashion.test.range(0, count)});
    } catch (const Error& e) {
        std::fprintf(stderr, "latentset-cli likelihood: Fashion-MNIST skipped: %s\n", e.what());
    }
    anomalies.push_back({"auroc_noise", "uniform noise", uniformNoise(digits.test.pixelCount(), testCount, o.seed)});
    anomalies.push_back({"auroc_rotated", "MNIST test rotated 90 deg", rotated90(digits.test.range(0, testCount), w, h)});
    report.line(QString("anomaly AUROC (score = -max_c log p_c(x), eq. 4; in brackets: reconstruction error only); "
                        "threshold at 1 % validation false alarms = %1:")
                    .arg(model->anomalyThreshold(), 0, 'f', 1));
    for (const AnomalySet& a : anomalies) {
        evaluated.push_back({QString(a.key).mid(6), estimator.evaluate(a.images, &pool), std::vector<int>(std::size_t(a.images.cols()), -1)});
        const LikelihoodTerms& t = evaluated.back().terms;
        const auto scores = LikelihoodEstimator::anomalyScores(t.logLikelihood());
        const double auroc = Auroc::compute(normalScores, scores);
        const double aurocRecon = Auroc::compute(normalRecon, rowMaxNegated(-t.squaredError));
        const double flagged = AnomalyThreshold::flaggedFraction(scores, model->anomalyThreshold());
        report.line(QString("  vs %1 (%2): %3  (%4), flagged at the threshold %5")
                        .arg(a.title)
                        .arg(a.images.cols())
                        .arg(auroc, 0, 'f', 4)
                        .arg(aurocRecon, 0, 'f', 4)
                        .arg(percent(flagged)));
        report.set(a.key, auroc);
        report.set(QString(a.key) + "_recon", aurocRecon);
    }
    report.set("normal_flagged", AnomalyThreshold::flaggedFraction(normalScores, model->anomalyThreshold()));

    // ---- speed ----------------------------------------------------------
    // CPU time of this thread (the machines are shared, so wall time also
    // counts other processes; it is reported beside). Two figures, both on
    // ONE thread: ms_per_input, the cost of one input inside a batch (the
    // members' weights are read once per chunk of inputs), and
    // ms_single_input, one input evaluated alone, which must fetch every
    // member's weights from memory (10 x 6.4 MB for the paper's set): bound
    // by memory traffic, which the sparse path cuts (docs/likelihood.md).
    // When the sparse path runs, the dense path is timed too, in the same
    // process, so the ratio does not depend on the machine's load of the day.
    const Index speedCount = std::min(o.speedSamples, digits.test.size());
    const Matrix speedInputs = digits.test.range(0, speedCount);
    struct Speed {
        double batch = 0, batchWall = 0, single = 0, singleWall = 0;
    };
    const auto timeOnce = [&](const LikelihoodEstimator& e) {
        Speed sp;
        Stopwatch speedClock;
        double cpuStart = threadCpuMilliseconds();
        (void)e.evaluate(speedInputs, nullptr);
        sp.batch = (threadCpuMilliseconds() - cpuStart) / double(speedCount);
        sp.batchWall = speedClock.milliseconds() / double(speedCount);
        speedClock.restart();
        cpuStart = threadCpuMilliseconds();
        for (Index i = 0; i < speedCount; ++i)
            (void)e.evaluate(speedInputs.col(i), nullptr);
        sp.single = (threadCpuMilliseconds() - cpuStart) / double(speedCount);
        sp.singleWall = speedClock.milliseconds() / double(speedCount);
        return sp;
    };
    const auto median = [](std::vector<double> v) {
        std::sort(v.begin(), v.end());
        const std::size_t h = v.size() / 2;
        return v.size() % 2 ? v[h] : 0.5 * (v[h - 1] + v[h]);
    };
    // With the sparse path available the other path(s) are timed too, in
    // the same process and alternating run by run: the dense path always, and
    // under --path auto also the sparse path forced, so "auto" can be compared
    // with the better of the two on this machine.
    const bool compareDense = sparseMembers > 0;
    const bool compareSparse = compareDense && o.path == LikelihoodEstimator::Path::Automatic;
    std::optional<LikelihoodEstimator> denseEstimator, sparseEstimator;
    if (compareDense)
        denseEstimator.emplace(loaded.set, model, LikelihoodEstimator::Path::Dense);
    if (compareSparse)
        sparseEstimator.emplace(loaded.set, model, LikelihoodEstimator::Path::Sparse);
    report.line(QString("speed (all three terms, %1 members, one thread, CPU time; wall time in brackets):")
                    .arg(set.size()));
    std::vector<double> batchRuns, singleRuns, batchWallRuns, singleWallRuns, denseBatchRuns, denseSingleRuns,
        sparseBatchRuns, sparseSingleRuns;
    for (int r = 0; r < o.speedRepeat; ++r) {
        // Odd runs time the forced paths first, so no path always runs on
        // caches another one warmed.
        Speed dense, sparse;
        const auto others = [&] {
            if (compareDense)
                dense = timeOnce(*denseEstimator);
            if (compareSparse)
                sparse = timeOnce(*sparseEstimator);
        };
        if (r % 2 == 1)
            others();
        const Speed sp = timeOnce(estimator);
        if (r % 2 == 0)
            others();
        batchRuns.push_back(sp.batch);
        batchWallRuns.push_back(sp.batchWall);
        singleRuns.push_back(sp.single);
        singleWallRuns.push_back(sp.singleWall);
        QString line = QString("  %1 ms per input in a batch of %2 (%3 ms); %4 ms for an input alone (%5 ms)")
                           .arg(sp.batch, 0, 'f', 2)
                           .arg(speedCount)
                           .arg(sp.batchWall, 0, 'f', 2)
                           .arg(sp.single, 0, 'f', 2)
                           .arg(sp.singleWall, 0, 'f', 2);
        if (compareDense) {
            denseBatchRuns.push_back(dense.batch);
            denseSingleRuns.push_back(dense.single);
            line += QString("; dense path %1 / %2 ms").arg(dense.batch, 0, 'f', 2).arg(dense.single, 0, 'f', 2);
        }
        if (compareSparse) {
            sparseBatchRuns.push_back(sparse.batch);
            sparseSingleRuns.push_back(sparse.single);
            line += QString("; sparse path %1 / %2 ms").arg(sparse.batch, 0, 'f', 2).arg(sparse.single, 0, 'f', 2);
        }
        report.line(line);
    }
    const double msPerInput = median(batchRuns), msSingle = median(singleRuns);
    const double imagesPerSecond = double(testCount) / batchSeconds;
    if (o.speedRepeat > 1)
        report.line(QString("  medians of %1 runs: %2 ms in a batch, %3 ms alone")
                        .arg(o.speedRepeat)
                        .arg(msPerInput, 0, 'f', 2)
                        .arg(msSingle, 0, 'f', 2));
    report.line(QString("  batch over the test split: %1 images/s on %2 threads (wall)")
                    .arg(imagesPerSecond, 0, 'f', 0)
                    .arg(pool.threadCount()));
    report.set("ms_per_input", msPerInput);
    report.set("ms_per_input_wall", median(batchWallRuns));
    report.set("ms_single_input", msSingle);
    report.set("ms_single_input_wall", median(singleWallRuns));
    report.set("images_per_second", imagesPerSecond);
    report.set("threads", int(pool.threadCount()));
    if (compareDense) {
        const double denseBatch = median(denseBatchRuns), denseSingle = median(denseSingleRuns);
        report.set("ms_per_input_dense", denseBatch);
        report.set("ms_single_input_dense", denseSingle);
        if (compareSparse) {
            // Time of auto / time of the faster forced path: <= 1 means auto
            // lost nothing (medians of the runs above, same process).
            const double sparseBatch = median(sparseBatchRuns), sparseSingle = median(sparseSingleRuns);
            const double vsBestBatch = msPerInput / std::min(denseBatch, sparseBatch);
            const double vsBestAlone = msSingle / std::min(denseSingle, sparseSingle);
            report.line(QString("  sparse path vs dense path (same run): %1x in a batch, %2x alone (dense time / "
                                "sparse time)")
                            .arg(denseBatch / sparseBatch, 0, 'f', 2)
                            .arg(denseSingle / sparseSingle, 0, 'f', 2));
            report.line(QString("  auto vs the better of the two (time ratio, <= 1 is no loss): %1 in a batch, %2 "
                                "alone")
                            .arg(vsBestBatch, 0, 'f', 3)
                            .arg(vsBestAlone, 0, 'f', 3));
            report.set("ms_per_input_sparse", sparseBatch);
            report.set("ms_single_input_sparse", sparseSingle);
            report.set("auto_vs_best_batch", vsBestBatch);
            report.set("auto_vs_best_alone", vsBestAlone);
        } else {
            report.line(QString("  sparse path vs dense path (same run): %1x in a batch, %2x alone")
                            .arg(denseBatch / msPerInput, 0, 'f', 2)
                            .arg(denseSingle / msSingle, 0, 'f', 2));
        }
        // Both paths compute the same maths; only float summation order
        // differs. Checked here on the timed inputs, term by term.
        const LikelihoodTerms a = (compareSparse ? *sparseEstimator : estimator).evaluate(speedInputs, &pool);
        const LikelihoodTerms b = denseEstimator->evaluate(speedInputs, &pool);
        const auto gap = [](const Eigen::MatrixXd& u, const Eigen::MatrixXd& v) {
            return ((u - v).array().abs() / (1.0 + v.array().abs())).maxCoeff();
        };
        const double worst = std::max({gap(a.squaredError, b.squaredError), gap(a.reconstruction, b.reconstruction),
                                       gap(a.logPz, b.logPz), gap(a.volume, b.volume)});
        int sameDecision = 0;
        const auto da = LikelihoodEstimator::decide(a.logLikelihood()), db = LikelihoodEstimator::decide(b.logLikelihood());
        for (std::size_t i = 0; i < da.size(); ++i)
            sameDecision += da[i] == db[i] ? 1 : 0;
        report.line(QString("  sparse vs dense terms on those %1 inputs: largest |difference| / (1 + |term|) = %2; "
                            "same eq. 4 decision for %3 of %1")
                        .arg(speedCount)
                        .arg(worst, 0, 'g', 3)
                        .arg(sameDecision));
        report.set("path_max_relative_difference", worst);
    }

    if (!o.scoresCsv.isEmpty()) {
        writeCsv(o.scoresCsv, evaluated, model->calibration());
        report.line("scores written to " + o.scoresCsv);
    }
    if (o.save) {
        // Keeps every chunk of the model file except older likelihood ones;
        // a --quick-train set is written fresh.
        const std::string path = o.model.toStdString();
        ChunkFile updated(path);
        if (o.quickTrainEpochs > 0) {
            ModelFile::writeSet(updated, set, false);
        } else {
            const ChunkFile original = ChunkFile::load(path);
            for (const ChunkFile::Chunk& chunk : original.chunks())
                if (chunk.tag.rfind("LK", 0) != 0)
                    updated.add(chunk.tag, chunk.version, chunk.payload);
        }
        model->addTo(updated);
        updated.save(path);
        report.line("likelihood chunks saved into " + o.model);
    }
    return 0;
}
