#include "LikelihoodPrinter.h"

#include "CliReport.h"

#include "latentset/experiments/LikelihoodExperiment.h"

#include <QJsonValue>

#include <cstdio>

using namespace latentset;

namespace {
QString percent(double v) { return QString::number(100.0 * v, 'f', 2) + " %"; }
} // namespace

void LikelihoodPrinter::note(const std::string& message)
{
    std::fprintf(stderr, "latentset-cli likelihood: %s\n", message.c_str());
}

void LikelihoodPrinter::epochFinished(const std::string&, const EpochSummary& s)
{
    quickSeconds_ += s.seconds;
    report_.line(QString("quick-train: epoch %1/%2 done (%3 s)")
                     .arg(s.epoch + 1)
                     .arg(experiment_.settings().quickTrainEpochs)
                     .arg(quickSeconds_, 0, 'f', 1));
}

void LikelihoodPrinter::stageReached(const std::string& stage)
{
    const LikelihoodResult& r = experiment_.partial();
    if (stage == "data")
        report_.line(QString("data: %1 train %2, validation %3, test %4 (evaluated %5)")
                         .arg(QString::fromStdString(r.dataset))
                         .arg(r.trainImages)
                         .arg(r.validationImages)
                         .arg(r.testImages)
                         .arg(r.evaluated));
    else if (stage == "model")
        report_.line(QString("model: %1 members, %2").arg(r.members).arg(QString::fromStdString(r.memberDescription)));
    else if (stage == "path")
        pathLines(r);
    else if (stage == "fitted")
        fittedLines(r);
    else if (stage == "test")
        testLines(r);
    else if (stage == "anomalies")
        anomalyLines(r);
    else if (stage == "speed run")
        speedRunLine(r);
    else if (stage == "speed")
        speedLines(r);
    else if (stage == "saved")
        report_.line("likelihood chunks saved into " + QString::fromStdString(experiment_.settings().model));
}

void LikelihoodPrinter::pathLines(const LikelihoodResult& r) const
{
    if (r.reused)
        report_.line("likelihood: sigma, p(z) and calibration read from the model file");
    report_.line(QString("evaluation path: sparse path available for %1 of %2 members (weight copies %3 MB), dense "
                         "for the rest")
                     .arg(r.sparseMembers)
                     .arg(r.members)
                     .arg(r.sparseCacheMb, 0, 'f', 1));
    if (!r.pathChoice)
        return;
    const PathCalibration& pc = *r.pathChoice;
    report_.line(QString("path choice (auto, %1 in %2 ms, %3): %4")
                     .arg(pc.fromCache ? "read from the cache" : "measured")
                     .arg(r.pathChoiceMs, 0, 'f', 0)
                     .arg(QString::fromLatin1(PathCalibration::buildIsa()))
                     .arg(QString::fromStdString(pc.describe())));
    report_.set("auto_path_alone", pc.sparseAlone ? "sparse" : "dense");
    report_.set("auto_path_batch", pc.sparseBatch ? "sparse" : "dense");
    report_.set("calibration_from_cache", pc.fromCache);
    report_.set("calibration_ms_dense_alone", pc.timings.denseAlone);
    report_.set("calibration_ms_sparse_alone", pc.timings.sparseAlone);
    report_.set("calibration_ms_dense_batch", pc.timings.denseBatch);
    report_.set("calibration_ms_sparse_batch", pc.timings.sparseBatch);
    report_.set("build_isa", PathCalibration::buildIsa());
}

void LikelihoodPrinter::fittedLines(const LikelihoodResult& r) const
{
    const LikelihoodExperimentSettings& o = experiment_.settings();
    if (r.fittedCalibration) {
        const QString what = r.reused ? QString("eq. 5 constants (sigma and p(z) from the model file)")
                                      : QString("sigma, p(z) (%1 components%2) and eq. 5 constants")
                                            .arg(o.likelihood.mixture.components)
                                            .arg(o.likelihood.sharedLatentDensity ? ", shared" : "");
        report_.line(QString("fitted %1 in %2 s; validation cross-entropy %3 -> %4, temperature %5")
                         .arg(what)
                         .arg(r.fitSeconds, 0, 'f', 1)
                         .arg(r.initialLoss, 0, 'f', 4)
                         .arg(r.finalLoss, 0, 'f', 4)
                         .arg(r.temperature, 0, 'g', 4));
    }
    QString sigmas;
    for (std::size_t c = 0; c < r.sigmas.size(); ++c)
        sigmas += QString(c ? " " : "") + QString::number(r.sigmas[c], 'f', 4);
    report_.line("sigma per member: " + sigmas
                 + (r.pooledSigma ? QString("; pooled sigma used: %1").arg(r.pooledSigmaValue, 0, 'f', 4)
                                  : QString("; each member uses its own")));
}

void LikelihoodPrinter::testLines(const LikelihoodResult& r) const
{
    report_.line(QString("accuracy on %1 test images (Bayes decision, uniform priors):").arg(r.evaluated));
    report_.line("  reconstruction only  -|x - f(z*)|^2        " + percent(r.accRecon));
    report_.line("  (recon / 2 sigma^2 + Gaussian normaliser    " + percent(r.accSigma) + ")");
    report_.line("  + log p(z*)                               " + percent(r.accPz));
    report_.line("  + volume term (full eq. 4)                " + percent(r.accFull));
    report_.line("  all three, calibrated (eq. 5)             " + percent(r.accCalibrated));
    // If the cross-fit row beats eq. 4 while the row above does not, the
    // validation split was probably part of the set's training data
    // (docs/likelihood.md).
    if (r.accCrossFit) {
        report_.line(QString("  all three, calibrated on the test split (%1-fold cross-fit) ").arg(r.crossFolds)
                     + percent(*r.accCrossFit));
        report_.set("accuracy_calibrated_crossfit", *r.accCrossFit);
    }
    if (r.validationTestErrorRatio) {
        const double ratio = *r.validationTestErrorRatio;
        report_.set("validation_test_error_ratio", ratio);
        if (ratio < 0.9)
            report_.line(QString("  warning: the validation images' best squared error is %1 % of the test images' "
                                 "(mean %2 vs %3): the set has probably seen them in training, so eq. 5 and the "
                                 "threshold fitted on them are biased; train with a held-out validation split "
                                 "(e.g. mnist --validation 5000) or read the cross-fit row")
                             .arg(100.0 * ratio, 0, 'f', 0)
                             .arg(r.validationMeanError, 0, 'f', 2)
                             .arg(r.testMeanError, 0, 'f', 2));
    }
    report_.set("accuracy_recon", r.accRecon);
    report_.set("accuracy_recon_sigma", r.accSigma);
    report_.set("accuracy_recon_pz", r.accPz);
    report_.set("accuracy_recon_pz_volume", r.accFull);
    report_.set("accuracy_calibrated", r.accCalibrated);
    report_.set("test_images", qint64(r.evaluated));
    report_.set("singular_fraction", r.singularFraction);
}

void LikelihoodPrinter::anomalyLines(const LikelihoodResult& r) const
{
    report_.line(QString("anomaly AUROC (score = -max_c log p_c(x), eq. 4; in brackets: reconstruction error only); "
                         "threshold at 1 % validation false alarms = %1:")
                     .arg(r.anomalyThreshold, 0, 'f', 1));
    for (const LikelihoodResult::Anomaly& a : r.anomalies) {
        report_.line(QString("  vs %1 (%2): %3  (%4), flagged at the threshold %5")
                         .arg(QString::fromStdString(a.title))
                         .arg(a.count)
                         .arg(a.auroc, 0, 'f', 4)
                         .arg(a.aurocRecon, 0, 'f', 4)
                         .arg(percent(a.flagged)));
        report_.set(QString::fromStdString(a.key), a.auroc);
        report_.set(QString::fromStdString(a.key) + "_recon", a.aurocRecon);
    }
    report_.set("normal_flagged", r.normalFlagged);
    report_.line(QString("speed (all three terms, %1 members, one thread, CPU time; wall time in brackets):").arg(r.members));
}

void LikelihoodPrinter::speedRunLine(const LikelihoodResult& r) const
{
    const LikelihoodResult::SpeedRun& run = r.runs.back();
    QString line = QString("  %1 ms per input in a batch of %2 (%3 ms); %4 ms for an input alone (%5 ms)")
                       .arg(run.chosen.batch, 0, 'f', 2)
                       .arg(r.speedCount)
                       .arg(run.chosen.batchWall, 0, 'f', 2)
                       .arg(run.chosen.single, 0, 'f', 2)
                       .arg(run.chosen.singleWall, 0, 'f', 2);
    if (r.compareDense)
        line += QString("; dense path %1 / %2 ms").arg(run.dense.batch, 0, 'f', 2).arg(run.dense.single, 0, 'f', 2);
    if (r.compareSparse)
        line += QString("; sparse path %1 / %2 ms").arg(run.sparse.batch, 0, 'f', 2).arg(run.sparse.single, 0, 'f', 2);
    report_.line(line);
}

void LikelihoodPrinter::speedLines(const LikelihoodResult& r) const
{
    const int repeat = experiment_.settings().speedRepeat;
    if (repeat > 1)
        report_.line(QString("  medians of %1 runs: %2 ms in a batch, %3 ms alone")
                         .arg(repeat)
                         .arg(r.msPerInput, 0, 'f', 2)
                         .arg(r.msSingle, 0, 'f', 2));
    report_.line(QString("  batch over the test split: %1 images/s on %2 threads (wall)")
                     .arg(r.imagesPerSecond, 0, 'f', 0)
                     .arg(r.threads));
    report_.set("ms_per_input", r.msPerInput);
    report_.set("ms_per_input_wall", r.msPerInputWall);
    report_.set("ms_single_input", r.msSingle);
    report_.set("ms_single_input_wall", r.msSingleWall);
    report_.set("images_per_second", r.imagesPerSecond);
    report_.set("threads", int(r.threads));
    if (!r.compareDense)
        return;
    report_.set("ms_per_input_dense", r.denseBatch);
    report_.set("ms_single_input_dense", r.denseSingle);
    if (r.compareSparse) {
        report_.line(QString("  sparse path vs dense path (same run): %1x in a batch, %2x alone (dense time / "
                             "sparse time)")
                         .arg(r.denseBatch / r.sparseBatch, 0, 'f', 2)
                         .arg(r.denseSingle / r.sparseSingle, 0, 'f', 2));
        report_.line(QString("  auto vs the better of the two (time ratio, <= 1 is no loss): %1 in a batch, %2 "
                             "alone")
                         .arg(r.vsBestBatch, 0, 'f', 3)
                         .arg(r.vsBestAlone, 0, 'f', 3));
        report_.set("ms_per_input_sparse", r.sparseBatch);
        report_.set("ms_single_input_sparse", r.sparseSingle);
        report_.set("auto_vs_best_batch", r.vsBestBatch);
        report_.set("auto_vs_best_alone", r.vsBestAlone);
    } else {
        report_.line(QString("  sparse path vs dense path (same run): %1x in a batch, %2x alone")
                         .arg(r.denseBatch / r.msPerInput, 0, 'f', 2)
                         .arg(r.denseSingle / r.msSingle, 0, 'f', 2));
    }
    report_.line(QString("  sparse vs dense terms on those %1 inputs: largest |difference| / (1 + |term|) = %2; "
                         "same eq. 4 decision for %3 of %1")
                     .arg(r.speedCount)
                     .arg(r.pathMaxRelativeDifference, 0, 'g', 3)
                     .arg(r.sameDecision));
    report_.set("path_max_relative_difference", r.pathMaxRelativeDifference);
}
