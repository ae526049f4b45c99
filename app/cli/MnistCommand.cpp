// latentset-cli mnist: the paper's classification experiment. Trains a set
// of class autoencoders (one per class, decision by smallest reconstruction
// error) and the MLP baseline on the same data, and prints test accuracy of
// both beside the paper's, the confusion matrix, peak memory and the speed
// line. See --help and docs/cli.md.
#include "Commands.h"
#include "CliCsv.h"
#include "CliOptions.h"
#include "CliReport.h"

#include "latentset/experiments/ClassSetExperiment.h"
#include "latentset/nn/GemmBenchmark.h"
#include "latentset/nn/Loss.h"
#include "latentset/util/Error.h"

#include <QCommandLineParser>
#include <QJsonArray>
#include <QJsonObject>
#include <QTextStream>

#include <cstdio>
#include <algorithm>

using namespace latentset;

namespace {

QJsonArray perClassJson(const ConfusionMatrix& m)
{
    QJsonArray a;
    for (int c = 0; c < m.classCount(); ++c)
        a.append(m.classAccuracy(c));
    return a;
}

QJsonArray jsonArray(const std::vector<double>& v)
{
    QJsonArray a;
    for (double x : v)
        a.append(x);
    return a;
}

// Prints the experiment's lines as it reaches them (on this thread: run()).
// `lr` and `noise` are the option values as given, printed as before.
class MnistPrinter : public ExperimentObserver {
public:
    MnistPrinter(CliReport& report, const ClassSetExperiment& experiment, double lr, double noise)
        : report_(report), experiment_(experiment), lr_(lr), noise_(noise)
    {
    }

    void epochFinished(const std::string& phase, const EpochSummary& s) override
    {
        const auto& settings = experiment_.settings();
        const std::int64_t epochs = phase == "mlp" ? settings.effectiveMlpEpochs() : experiment_.partial().epochs;
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
                         .arg(QString::fromStdString(phase))
                         .arg(s.epoch + 1)
                         .arg(epochs)
                         .arg(perMember)
                         .arg(s.seconds, 0, 'f', 1)
                         .arg(s.samplesPerSecond, 0, 'f', 0));
    }

    void stageReached(const std::string& stage) override
    {
        const ClassSetResult& r = experiment_.partial();
        if (stage == "data")
            report_.line(QString("%1: %2 training / %3 test images of %4x%5, %6 classes (%7 s to load)")
                             .arg(QString::fromStdString(r.dataset))
                             .arg(r.trainImages)
                             .arg(r.testImages)
                             .arg(r.width)
                             .arg(r.height)
                             .arg(r.classes)
                             .arg(r.loadSeconds, 0, 'f', 1));
        else if (stage == "model")
            modelLine(r);
        else if (stage == "set trained" && r.loaded)
            report_.line(QString("loaded %1 (trained %2 steps per member)")
                             .arg(QString::fromStdString(experiment_.settings().loadPath))
                             .arg(r.loadedSteps));
        else if (stage == "set evaluated")
            accuracyLines(r);
        else if (stage == "mlp")
            report_.line(QString("MLP baseline: %1-%2 relu-%3 softmax, batch %4, Adam lr %5")
                             .arg(r.mlpInputs)
                             .arg(r.mlpHidden)
                             .arg(r.classes)
                             .arg(r.mlpBatch)
                             .arg(lr_));
        else if (stage == "mlp evaluated") {
            report_.line(QString(r.mlpFromFile ? "MLP (from the file) test accuracy: %1 % (paper 98.4 %)"
                                               : "MLP test accuracy: %1 % (paper 98.4 %)")
                             .arg(100 * r.mlpAccuracy, 0, 'f', 2));
            report_.set("mlp_per_class_accuracy", perClassJson(r.mlp));
        } else if (stage == "saved")
            report_.line(QString("saved %1").arg(QString::fromStdString(r.savedPath)));
    }

private:
    void modelLine(const ClassSetResult& r) const
    {
        const auto& s = experiment_.settings();
        report_.line(QString("class set: %1 members, %2, batch %3, Adam lr %4 (%5), noise %6, shift %8 px, %7 thread(s)")
                         .arg(r.classes)
                         .arg(QString::fromStdString(r.memberDescription))
                         .arg(s.batchSize)
                         .arg(lr_)
                         .arg(QString::fromStdString(OptimizerSettings::scheduleName(s.optimizer.schedule)))
                         .arg(noise_)
                         .arg(r.threads)
                         .arg(s.shiftPixels));
    }

    void accuracyLines(const ClassSetResult& r) const
    {
        report_.line(QString("class set test accuracy: %1 % (%2 decision; paper 98.6 %)  [raw %3 %%4]  eval %5 s")
                         .arg(100 * r.setMatrix().accuracy(), 0, 'f', 2)
                         .arg(r.usedCalibrated ? "calibrated" : "raw")
                         .arg(100 * r.raw.accuracy(), 0, 'f', 2)
                         .arg(r.calibrated ? QString(", calibrated %1 %").arg(100 * r.calibratedMatrix.accuracy(), 0, 'f', 2)
                                           : QString())
                         .arg(r.evalSeconds, 0, 'f', 1));
        report_.line(QString::fromStdString(r.setMatrix().toText(r.classNames)));
    }

    CliReport& report_;
    const ClassSetExperiment& experiment_;
    double lr_, noise_;
};

// --csv: one row per class, the figures behind the accuracy lines and the confusion matrix.
void writeClassTable(CliReport& report, const QString& path, const ClassSetResult& r)
{
    QString header = "class,name,test_images,accuracy,accuracy_raw,accuracy_calibrated,mlp_accuracy";
    for (int c = 0; c < r.classes; ++c)
        header += ",predicted_" + QString::number(c);
    const ConfusionMatrix& decided = r.setMatrix();
    CliCsv::write(report, path, header, [&](QTextStream& out) {
        for (int c = 0; c < r.classes; ++c) {
            std::int64_t images = 0;
            for (int p = 0; p < r.classes; ++p)
                images += decided.count(c, p);
            out << c << ',' << CliCsv::quoted(r.classNames[std::size_t(c)]) << ',' << images << ',' << decided.classAccuracy(c) << ','
                << r.raw.classAccuracy(c) << ',';
            if (r.calibrated)
                out << r.calibratedMatrix.classAccuracy(c);
            out << ',';
            if (r.mlpAccuracy >= 0)
                out << r.mlp.classAccuracy(c);
            for (int p = 0; p < r.classes; ++p)
                out << ',' << decided.count(c, p);
            out << '\n';
        }
    });
}

void printSummary(CliReport& report, const ClassSetResult& r)
{
    const double ratio = r.gemmGflops > 0 ? r.gflops / r.gemmGflops : 0;
    if (r.epochs > 0)
        report.line(QString("speed (%1, %2 threads): %3 samples/s, %4 GFLOP/s achieved, SGEMM 128x784x2048 %5 GFLOP/s, "
                            "roofline ratio %6")
                        .arg(GemmBenchmark::backendName())
                        .arg(r.threads)
                        .arg(r.samplesPerSecond, 0, 'f', 0)
                        .arg(r.gflops, 0, 'f', 1)
                        .arg(r.gemmGflops, 0, 'f', 1)
                        .arg(ratio, 0, 'f', 3));
    report.line(QString("time: class set %1 s, MLP %2 s; peak memory %3 MB")
                    .arg(r.setSeconds, 0, 'f', 1)
                    .arg(r.mlpSeconds, 0, 'f', 1)
                    .arg(r.peakRssMb, 0, 'f', 0));
    const double mlp = r.mlpAccuracy;
    report.line(QString("accuracy: class set %1 % (paper %2 %), MLP %3 (paper %4 %)")
                    .arg(100 * r.setMatrix().accuracy(), 0, 'f', 2)
                    .arg(100 * ClassSetResult::kPaperSetAccuracy, 0, 'f', 1)
                    .arg(mlp >= 0 ? QString("%1 %").arg(100 * mlp, 0, 'f', 2) : QString("skipped"))
                    .arg(100 * ClassSetResult::kPaperMlpAccuracy, 0, 'f', 1));
    report.set("samples_per_s", r.samplesPerSecond);
    report.set("gflops", r.gflops);
    report.set("gemm_gflops", r.gemmGflops);
    report.set("roofline_ratio", ratio);
    report.set("ae_set_accuracy", r.setMatrix().accuracy());
    report.set("ae_set_accuracy_raw", r.raw.accuracy());
    if (r.calibrated)
        report.set("ae_set_accuracy_calibrated", r.calibratedMatrix.accuracy());
    report.set("ae_set_per_class_accuracy", perClassJson(r.setMatrix()));
    report.set("mlp_accuracy", mlp >= 0 ? QJsonValue(mlp) : QJsonValue());
    report.set("train_seconds", r.setSeconds + r.mlpSeconds);
    report.set("set_train_seconds", r.setSeconds);
    report.set("mlp_train_seconds", r.mlpSeconds);
    report.set("peak_rss_mb", r.peakRssMb);
    report.set("epochs", int(r.epochs));
    report.set("set_epoch_losses", jsonArray(r.setEpochLosses));
    report.set("mlp_epoch_losses", jsonArray(r.mlpEpochLosses));
    report.set("dataset", QString::fromStdString(r.dataset));
    report.set("paper_set_accuracy", ClassSetResult::kPaperSetAccuracy);
    report.set("paper_mlp_accuracy", ClassSetResult::kPaperMlpAccuracy);
}


// The options, in the order --help lists them; defaults are the experiment's
// recipe (ClassSetExperimentSettings{}), written once.
void addOptions(QCommandLineParser& parser)
{
    const ClassSetExperimentSettings d;
    const auto number = [](double v) { return QString::number(v, 'g', 7); };
    parser.addHelpOption();
    parser.addOptions({
        {"epochs", "Epochs for the class set.", "N", number(d.epochs)},
        {"mlp-epochs", "Epochs for the MLP (default: --epochs; 0 = skip).", "N"},
        {"hidden", "Hidden layer size (set and MLP).", "H", number(d.model.hiddenSizes.front())},
        {"latent", "Latent size.", "D", number(d.model.latentSize)},
        {"tied", "Tied decoder weights (the paper's; the default)."},
        {"untied", "Untied decoder weights."},
        {"seed", "Seed for weights, batch order and noise.", "S", number(double(d.seed))},
        {"save", "Save the trained set (+ MLP, history, state) to FILE.", "FILE"},
        {"dataset", "Dataset folder or id (mnist, fashion-mnist). Default: $LATENTSET_DATA_DIR/mnist.", "DIR"},
        {"batch", "Mini-batch size (64: measured best for the class set, see docs/engine.md).", "B", number(d.batchSize)},
        {"mlp-batch", "Mini-batch size of the MLP baseline.", "B", number(d.mlpBatchSize)},
        {"lr", "Adam learning rate.", "LR", number(d.optimizer.learningRate)},
        {"schedule", "Learning-rate schedule: constant, step, cosine.", "S",
         QString::fromStdString(OptimizerSettings::scheduleName(d.optimizer.schedule))},
        {"loss", "Reconstruction loss: bce or mse.", "L", QString::fromStdString(lossName(d.model.loss))},
        {"noise", "Masking noise: fraction of input pixels zeroed (denoising).", "P", number(d.maskingNoise)},
        {"weight-decay", "L2 weight decay (Adam and MLP; 0 = off).", "W", number(d.optimizer.weightDecay)},
        {"shift", "Translation augmentation: move each training image by up to K pixels (0 = off).", "K",
         number(d.shiftPixels)},
        {"decision",
         "Set decision: raw (smallest reconstruction error) or calibrated (per-member scale and offset\n"
         "of the error fitted on labelled images, see nn/SetClassifier.h).",
         "D", "raw"},
        {"error",
         "Error the set decides by: sse (squared error |x - f(z*)|^2, the paper's eq. 5 term) or\n"
         "loss (the training loss, e.g. cross-entropy).",
         "E", "sse"},
        {"calibration", "Training images per class used to fit the calibration (when --validation is 0).", "N",
         number(d.calibrationPerClass)},
        {"threads", "Worker threads (0 = all cores).", "N", number(d.threads)},
        {"limit", "Use only the first N training images (quick runs).", "N", number(d.limit)},
        {"validation", "Hold N training images out of training and fit the calibration on them.", "N",
         number(d.validation)},
        {"load", "Evaluate a saved set (and its MLP, if the file holds one) instead of training.", "FILE"},
        {"csv", "Write the per-class table here: test images, accuracies, the confusion row of the decision.", "FILE"},
    });
}

// What the parsed options ask for. `lr` and `noise` as given, for the lines
// that have always printed them so. Throws latentset::Error (a
// CliOptions::UsageError for a bad value) on bad usage.
struct MnistRun {
    ClassSetExperimentSettings settings;
    double lr = 0, noise = 0;
};

MnistRun settingsFrom(const QCommandLineParser& parser)
{
    const CliOptions options(parser);
    MnistRun run;
    ClassSetExperimentSettings& s = run.settings;
    s.epochs = options.integer<long long>("epochs", 0, 10000);
    s.mlpEpochs = parser.isSet("mlp-epochs") ? options.integer<long long>("mlp-epochs", 0, 10000) : s.epochs;
    const auto hidden = options.integer<Index>("hidden", 1, 65536);
    const auto latent = options.integer<Index>("latent", 1, 4096);
    s.batchSize = options.integer<Index>("batch", 1, 65536);
    s.mlpBatchSize = options.integer<Index>("mlp-batch", 1, 65536);
    s.calibrationPerClass = options.integer<Index>("calibration", 0, 100000);
    s.threads = options.integer<unsigned>("threads", 0, 256);
    s.limit = options.atLeast<Index>("limit", 0);
    s.validation = options.atLeast<Index>("validation", 0);
    s.shiftPixels = options.integer<int>("shift", 0, 8);
    s.seed = options.atLeast<std::uint64_t>("seed", 0);
    run.lr = options.number("lr", 1e-9, 10);
    run.noise = options.number("noise", 0, 0.99);
    s.optimizer.learningRate = float(run.lr);
    s.optimizer.weightDecay = float(options.number("weight-decay", 0, 1));
    s.maskingNoise = float(run.noise);
    s.decision = options.oneOf("decision", {"raw", "calibrated"}) == "calibrated"
                     ? ClassSetExperimentSettings::Decision::Calibrated
                     : ClassSetExperimentSettings::Decision::Raw;
    s.error = options.oneOf("error", {"sse", "loss"}) == "loss" ? ClassSetExperimentSettings::ErrorMeasure::TrainingLoss
                                                               : ClassSetExperimentSettings::ErrorMeasure::SquaredError;
    if (parser.isSet("tied") && parser.isSet("untied"))
        throw CliOptions::UsageError("--tied and --untied exclude each other");
    s.model = AutoencoderConfig::make(784, {hidden}, latent, !parser.isSet("untied"));
    s.optimizer.schedule = OptimizerSettings::parseSchedule(parser.value("schedule").toStdString());
    s.model.loss = parseLoss(parser.value("loss").toStdString());
    s.dataset = parser.value("dataset").toStdString();
    s.loadPath = parser.value("load").toStdString();
    s.savePath = parser.value("save").toStdString();
    return run;
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
    addOptions(parser);
    int exitCode = 0;
    if (!CliOptions::parse(parser, arguments, "mnist", exitCode))
        return exitCode;
    MnistRun run;
    try {
        run = settingsFrom(parser);
    } catch (const Error& e) {
        std::fprintf(stderr, "latentset-cli mnist: %s\n", e.what());
        return 2;
    }
    ClassSetExperiment experiment(run.settings);
    MnistPrinter printer(report, experiment, run.lr, run.noise);
    const ClassSetResult result = experiment.run(&printer);
    printSummary(report, result);
    if (parser.isSet("csv"))
        writeClassTable(report, parser.value("csv"), result);
    return 0;
}
