// latentset-cli likelihood: the paper's eq. 4/5 on a class set. Prints the
// accuracy of each combination of terms on the test split, the anomaly AUROC
// against Fashion-MNIST, uniform noise and digits rotated by 90 degrees, and
// the speed of the full estimate. See docs/likelihood.md and docs/cli.md.
#include "CliOptions.h"
#include "CliReport.h"
#include "Commands.h"

#include "LikelihoodPrinter.h"

#include "latentset/experiments/LikelihoodExperiment.h"
#include "latentset/likelihood/Calibration.h"
#include "latentset/likelihood/LikelihoodEstimator.h"
#include "latentset/util/Error.h"

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

using Evaluated = LikelihoodResult::Evaluated;

LikelihoodExperimentSettings toSettings(const Options& o)
{
    LikelihoodExperimentSettings s;
    s.model = o.model.toStdString();
    s.dataset = o.dataset.toStdString();
    s.fashion = o.fashion.toStdString();
    s.limit = o.limit;
    s.validation = o.validation;
    s.speedSamples = o.speedSamples;
    s.speedRepeat = o.speedRepeat;
    s.path = o.path;
    s.likelihood = o.settings;
    s.refit = o.refit;
    s.recalibrate = o.recalibrate;
    s.calibrationRidge = o.calibrationRidge;
    s.save = o.save;
    s.quickTrainEpochs = o.quickTrainEpochs;
    s.quickHidden = o.quickHidden;
    s.threads = o.threads;
    s.seed = o.seed;
    return s;
}

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
        const auto anomaly = LikelihoodEstimator::anomalyScores(full);
        const auto anomalyRecon = LikelihoodEstimator::anomalyScores(negError);
        for (Index b = 0; b < e.terms.samples(); ++b) {
            out << QString::fromStdString(e.name) << ',' << b << ',' << e.labels[std::size_t(b)] << ',' << predRecon[std::size_t(b)] << ','
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
    LikelihoodExperiment experiment(toSettings(o));
    LikelihoodPrinter printer(report, experiment);
    const LikelihoodResult r = experiment.run(&printer);
    if (!o.scoresCsv.isEmpty()) {
        writeCsv(o.scoresCsv, r.sets, r.model->calibration());
        report.line("scores written to " + o.scoresCsv);
    }
    return 0;
}
