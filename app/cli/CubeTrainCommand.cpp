// latentset-cli cube train: cross-train one member per cube context, then
// measure transfer on held-out test digits (docs/cli.md, docs/cube-geometry.md).
#include "CliOptions.h"
#include "CliReport.h"
#include "CubeCliSupport.h"
#include "TransferRunReport.h"

#include "latentset/cube/ContextTransfer.h"
#include "latentset/cube/CubeModel.h"
#include "latentset/experiments/CubeWorldExperiment.h"
#include "latentset/nn/Trainer.h"
#include "latentset/util/Error.h"
#include "latentset/util/Stopwatch.h"

#include <QCommandLineParser>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QTextStream>

#include <cstdint>

using namespace latentset;

namespace cubecli {
namespace {

void writeCsv(const Matrix& pairs, const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate | QIODevice::Text))
        throw Error(path.toStdString() + ": cannot write");
    QTextStream out(&file);
    out << "source\\target";
    for (Index j = 0; j < pairs.cols(); ++j)
        out << "," << j;
    out << "\n";
    for (Index i = 0; i < pairs.rows(); ++i) {
        out << i;
        for (Index j = 0; j < pairs.cols(); ++j)
            out << "," << QString::number(pairs(i, j), 'g', 6);
        out << "\n";
    }
}

// Prints the experiment's progress every few seconds (on the training
// thread, Trainer.h: it only prints). The time budget is the experiment's.
struct CubeTrainPrinter : ExperimentObserver {
    CubeTrainPrinter(const CliReport& r, double every, const CubeWorldExperiment& e)
        : report(r), everySeconds(every), experiment(e)
    {
    }
    void progress(const std::string&, const TrainerProgress& p) override
    {
        if (!p.losses.empty()) {
            self += p.losses[0];
            cross += p.losses.size() > 1 ? p.losses[1] : 0.0f;
            ++reports;
        }
        if (since.seconds() >= everySeconds && reports > 0) {
            const double s = self / reports, c = cross / reports;
            const std::int64_t rounds = experiment.partial().rounds;
            report.line(QString("round %1  %2 s  loss/pixel self %3  cross %4  (%5 samples/s)")
                            .arg(rounds)
                            .arg(p.elapsedSeconds, 0, 'f', 0)
                            .arg(s, 0, 'f', 4)
                            .arg(c, 0, 'f', 4)
                            .arg(p.samplesPerSecond, 0, 'f', 0));
            history.append(QJsonArray{double(rounds), p.elapsedSeconds, s, c});
            self = cross = 0;
            reports = 0;
            since.restart();
        }
    }
    void stageReached(const std::string& stage) override
    {
        if (stage != "model")
            return;
        const CubeWorldResult& r = experiment.partial();
        report.line(QString("%1 contexts (%2 side + %3 top), members %4 (padded mask input), %5 threads, set-up %6 s")
                        .arg(r.contexts->size())
                        .arg(r.contexts->sideCount())
                        .arg(r.contexts->topCount())
                        .arg(QString::fromStdString(r.memberDescription))
                        .arg(r.threads)
                        .arg(r.setupSeconds, 0, 'f', 1));
    }

    const CliReport& report;
    double everySeconds;
    const CubeWorldExperiment& experiment;
    Stopwatch since;
    double self = 0, cross = 0;
    int reports = 0;
    QJsonArray history;
};

void printTrainResult(const CliReport& report, const CubeWorldResult& r, int evalDigits)
{
    const ContextTransfer::Errors& e = r.transfer;
    transferreport::print(report, r, e, QString("%1 held-out test digits").arg(evalDigits),
                          [&r](int c) { return r.contexts->name(c); });
    report.line(QString("memory: peak RSS %1 MB; members %2 MB (%3 MB per context, values + Adam state)")
                    .arg(r.peakRssMb, 0, 'f', 0)
                    .arg(r.rssModelMb - r.rssDataMb, 0, 'f', 0)
                    .arg(r.memoryPerContextMb(), 0, 'f', 2));
}

void declareTrainOptions(QCommandLineParser& parser)
{
    parser.setApplicationDescription(
        "Cross-train one member per cube context into a shared latent space, then measure\n"
        "transfer on held-out MNIST test digits: mean masked error of decode_j(encode_i(x_i))\n"
        "vs x_j over all pairs i != j, against the members' self-reconstruction error.\n"
        "Training stops after --steps rounds or --minutes, whichever comes first.");
    // The option defaults are the experiment's recipe (CubeWorldSettings{}), written once.
    const CubeWorldSettings d;
    const auto number = [](double v) { return QString::number(v, 'g', 9); };
    addCommon(parser);
    parser.addOptions({
        {"steps", "Rounds to train (a round = one step of every member, self or cross; 0 = no limit).", "N", number(d.steps)},
        {"minutes", "Wall-clock budget for training (default 5).", "M", number(d.minutes)},
        {"contexts", "Number of contexts: 100 (34 side + 66 top) or 400 (136 + 264), or any count.", "N", number(d.contexts)},
        {"hidden", "Hidden relu units per member (default 128).", "H", number(d.training.hidden)},
        {"latent", "Shared latent code size (default 16).", "D", number(d.training.latent)},
        {"batch", "Glyphs per member step (default 32).", "B", number(d.training.batchSize)},
        {"cross-per-self", "Cross rounds after each self round (default 1; 0 = self-training only).", "K", number(d.training.crossPerSelf)},
        {"lr", "Adam learning rate (default 0.002).", "RATE", number(d.training.learningRate)},
        {"seed", "Seed of initial weights, batches and pairings (default 1).", "S", number(d.training.seed)},
        {"threads", "Worker threads (default: all cores).", "T", "0"},
        {"eval-digits", "Held-out MNIST test digits for the transfer metric (default 20).", "N", number(d.evalDigits)},
        {"csv", "Save the contexts x contexts error matrix (row = source i, column = target j).", "FILE"},
        {"save", "Save the trained model here (open it with cube transfer, the GUI, oneshot, maps).", "FILE"},
        {"progress-seconds", "Seconds between progress lines (default 10).", "S", "10"},
    });
}

// The settings the options give; `progressSeconds` is the printer's (read
// between --eval-digits and --contexts, the order the range checks run in).
CubeWorldSettings trainSettings(const CliOptions& options, double& progressSeconds)
{
    CubeWorldSettings settings;
    settings.training.hidden = options.integer<Index>("hidden", 1, 8192);
    settings.training.latent = options.integer<Index>("latent", 1, 1024);
    settings.training.batchSize = options.integer<int>("batch", 1, 4096);
    settings.training.crossPerSelf = options.integer<int>("cross-per-self", 0, 100);
    settings.training.learningRate = float(options.number("lr", 1e-7, 1.0));
    settings.training.seed = options.integer<std::uint64_t>("seed", 0, 9e15);
    settings.steps = options.integer<std::int64_t>("steps", 0, 1e12);
    settings.minutes = options.number("minutes", 0, 1e6);
    settings.threads = options.integer<unsigned>("threads", 0, 256);
    settings.evalDigits = options.integer<int>("eval-digits", 1, 10000);
    progressSeconds = options.number("progress-seconds", 0.1, 1e6);
    settings.contexts = options.integer<int>("contexts", 2, 10000);
    return settings;
}

// --csv and --save, after training.
void writeTrainOutputs(const QCommandLineParser& parser, const CubeWorldExperiment& experiment,
                       const CubeWorldResult& r, CliReport& report)
{
    if (parser.isSet("csv")) {
        writeCsv(r.transfer.pairs, parser.value("csv"));
        report.line(QString("wrote %1").arg(parser.value("csv")));
        report.set("csv", parser.value("csv"));
    }
    if (parser.isSet("save")) {
        const QString path = parser.value("save");
        QDir().mkpath(QFileInfo(path).absolutePath());
        experiment.model().save(path.toStdString());
        report.line(QString("saved %1 (%2 MB)").arg(path).arg(QFileInfo(path).size() / 1048576.0, 0, 'f', 1));
        report.set("model", path);
    }
}

void setTrainKeys(CliReport& report, const CubeWorldResult& r, const QJsonArray& history)
{
    const ContextTransfer::Errors& e = r.transfer;
    report.set("contexts", r.contexts->size());
    transferreport::set(report, r, e);
    report.set("memory_per_context_mb", r.memoryPerContextMb());
    report.set("history", history);
}

} // namespace

int runTrain(const QStringList& arguments, CliReport& report)
{
    QCommandLineParser parser;
    declareTrainOptions(parser);
    int exitCode = 0;
    if (!CliOptions::parse(parser, arguments, "cube train", exitCode))
        return exitCode;
    const CliOptions options(parser);
    double progressSeconds = 0;
    const CubeWorldSettings settings = trainSettings(options, progressSeconds);

    CubeWorldExperiment experiment(settings);
    CubeTrainPrinter printer(report, progressSeconds, experiment);
    const CubeWorldResult r = experiment.run(&printer);
    printTrainResult(report, r, settings.evalDigits);
    writeTrainOutputs(parser, experiment, r, report);
    setTrainKeys(report, r, printer.history);
    return 0;
}

} // namespace cubecli
