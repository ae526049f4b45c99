// latentset-cli calibration: the class set's eq. 5 posterior against the
// MLP's softmax (ECE over 15 bins, NLL, reliability diagram) and both on
// blends of two test digits. See --help, docs/cli.md and
// docs/less-is-more.md.
#include "Commands.h"
#include "CliCsv.h"
#include "CliOptions.h"
#include "CliPng.h"
#include "CliReport.h"

#include "image/LineChart.h"
#include "latentset/experiments/CalibrationExperiment.h"

#include <QCommandLineParser>
#include <QJsonArray>
#include <QPainter>
#include <QTextStream>

using namespace latentset;

namespace {

QString pct(double f) { return QString::number(100 * f, 'f', 2) + " %"; }

class CalibrationPrinter : public ExperimentObserver {
public:
    CalibrationPrinter(CliReport& report, const CalibrationExperiment& experiment)
        : report_(report), experiment_(experiment)
    {
    }

    void stageReached(const std::string& stage) override
    {
        const CalibrationResult& r = experiment_.partial();
        if (stage == "data")
            report_.line(QString("%1: %2 test images, %3 held out for calibration, %4 classes")
                             .arg(QString::fromStdString(r.dataset))
                             .arg(r.testImages)
                             .arg(r.validationImages)
                             .arg(r.classes));
        else if (stage == "model")
            report_.line(QString("eq. 5 constants %1 (softmax temperature %2)")
                             .arg(r.likelihoodFromFile ? "from the model file" : "fitted on the held-out split")
                             .arg(r.setTemperature, 0, 'g', 4));
        else if (stage == "test") {
            report_.line(QString("class set (eq. 5 posterior): accuracy %1, ECE %2, NLL %3")
                             .arg(pct(r.set.accuracy))
                             .arg(r.set.ece, 0, 'f', 4)
                             .arg(r.set.nll, 0, 'f', 4));
            report_.line(QString("MLP softmax:                 accuracy %1, ECE %2, NLL %3")
                             .arg(pct(r.mlp.accuracy))
                             .arg(r.mlp.ece, 0, 'f', 4)
                             .arg(r.mlp.nll, 0, 'f', 4));
            report_.line(QString("MLP, temperature %1 fitted on the held-out split: ECE %2, NLL %3")
                             .arg(r.mlpTemperature, 0, 'g', 4)
                             .arg(r.mlpTempered.ece, 0, 'f', 4)
                             .arg(r.mlpTempered.nll, 0, 'f', 4));
        } else if (stage == "blends")
            familyLine("random pairs", r.random);
        else if (stage == "confused") {
            QStringList pairs;
            for (const auto& [a, b] : r.confusedClassPairs)
                pairs << QString("%1/%2").arg(a).arg(b);
            familyLine("most confused class pairs (" + pairs.join(' ') + ")", r.confused);
        }
    }

private:
    void familyLine(const QString& name, const BlendFamily& f) const
    {
        report_.line(QString("blends, %1, %2 pairs: sources are the top two at weights 0.4-0.6: class set %3, MLP %4")
                         .arg(name)
                         .arg(f.pairs)
                         .arg(f.topTwoSet < 0 ? QString("-") : pct(f.topTwoSet))
                         .arg(f.topTwoMlp < 0 ? QString("-") : pct(f.topTwoMlp)));
    }

    CliReport& report_;
    const CalibrationExperiment& experiment_;
};

void printSummary(CliReport& report, const CalibrationResult& r)
{
    report.set("set_ece", r.set.ece);
    report.set("mlp_ece", r.mlp.ece);
    report.set("set_nll", r.set.nll);
    report.set("mlp_nll", r.mlp.nll);
    report.set("blend_top2_set", r.random.topTwoSet);
    report.set("blend_top2_mlp", r.random.topTwoMlp);
    report.set("blend_top2_confused_set", r.confused.topTwoSet);
    report.set("blend_top2_confused_mlp", r.confused.topTwoMlp);
    report.set("set_accuracy", r.set.accuracy);
    report.set("mlp_accuracy", r.mlp.accuracy);
    report.set("mlp_tempered_ece", r.mlpTempered.ece);
    report.set("mlp_tempered_nll", r.mlpTempered.nll);
    report.set("mlp_temperature", r.mlpTemperature);
    report.set("set_temperature", r.setTemperature);
    QJsonArray pairs;
    for (const auto& [a, b] : r.confusedClassPairs)
        pairs.append(QJsonArray{a, b});
    report.set("confused_pairs", pairs);
    report.set("likelihood_from_file", r.likelihoodFromFile);
    report.set("test_images", double(r.testImages));
    report.set("seconds", r.seconds);
    report.line(QString("done in %1 s").arg(r.seconds, 0, 'f', 1));
}

// --csv: the reliability diagrams' bins of the three predictors.
void writeBins(CliReport& report, const QString& path, const CalibrationResult& r)
{
    CliCsv::write(report, path, "model,bin_lo,bin_hi,count,confidence,accuracy", [&](QTextStream& out) {
        const std::pair<const char*, const CalibrationScore*> models[] = {
            {"set", &r.set}, {"mlp", &r.mlp}, {"mlp_tempered", &r.mlpTempered}};
        for (const auto& [name, score] : models)
            for (const auto& b : score->bins)
                out << name << ',' << b.lo << ',' << b.hi << ',' << b.count << ',' << b.confidence << ',' << b.accuracy
                    << '\n';
    });
}

// --blend-csv: the mean posterior of each source along the blends.
void writeBlends(CliReport& report, const QString& path, const CalibrationResult& r)
{
    CliCsv::write(report, path, "family,weight,set_a,set_b,mlp_a,mlp_b", [&](QTextStream& out) {
        const std::pair<const char*, const BlendFamily*> families[] = {{"random", &r.random}, {"confused", &r.confused}};
        for (const auto& [name, f] : families)
            for (std::size_t k = 0; k < f->setA.size() && f->pairs > 0; ++k)
                out << name << ',' << r.weights[k] << ',' << f->setA[k] << ',' << f->setB[k] << ',' << f->mlpA[k]
                    << ',' << f->mlpB[k] << '\n';
    });
}

QImage reliabilityChart(const CalibrationResult& r)
{
    LineChart chart("Reliability (test split, 15 bins)", "confidence (top probability)", "accuracy");
    chart.addSeries({"perfect calibration", {0, 1}, {0, 1}, {}, QColor(0x99, 0x99, 0x99)});
    const std::pair<QString, const CalibrationScore*> models[] = {
        {QString("class set, ECE %1").arg(r.set.ece, 0, 'f', 4), &r.set},
        {QString("MLP, ECE %1").arg(r.mlp.ece, 0, 'f', 4), &r.mlp},
        {QString("MLP T=%1, ECE %2").arg(r.mlpTemperature, 0, 'g', 3).arg(r.mlpTempered.ece, 0, 'f', 4), &r.mlpTempered}};
    int k = 0;
    for (const auto& [name, score] : models) {
        LineChart::Series s{name, {}, {}, {}, LineChart::seriesColor(k++)};
        for (const auto& b : score->bins)
            if (b.count > 0) {
                s.x.push_back(b.confidence);
                s.y.push_back(b.accuracy);
            }
        chart.addSeries(std::move(s));
    }
    return chart.render(760, 520);
}

QImage blendChart(const CalibrationResult& r)
{
    LineChart chart(QString("Blends (1-w) a + w b, %1 random pairs").arg(r.random.pairs), "weight w of b",
                    "mean posterior");
    const std::tuple<const char*, const std::vector<double>*, int> curves[] = {
        {"class set: p(a)", &r.random.setA, 0}, {"class set: p(b)", &r.random.setB, 0},
        {"MLP: p(a)", &r.random.mlpA, 1}, {"MLP: p(b)", &r.random.mlpB, 1}};
    for (const auto& [name, curve, color] : curves)
        chart.addSeries({name, r.weights, *curve, {}, LineChart::seriesColor(color), curve == &r.random.setB || curve == &r.random.mlpB});
    return chart.render(760, 520);
}

void writeChart(CliReport& report, const QString& path, const CalibrationResult& r)
{
    const QImage left = reliabilityChart(r), right = blendChart(r);
    QImage figure(left.width() + right.width(), std::max(left.height(), right.height()), QImage::Format_RGB32);
    figure.fill(Qt::white);
    QPainter painter(&figure);
    painter.drawImage(0, 0, left);
    painter.drawImage(left.width(), 0, right);
    painter.end();
    CliPng::write(report, path, figure, "calibration",
                  "reliability diagram of the class set and the MLP; posteriors along blends");
}

void addOptions(QCommandLineParser& parser)
{
    const CalibrationSettings d;
    const auto number = [](double v) { return QString::number(v, 'g', 7); };
    parser.addHelpOption();
    parser.addOptions({
        {"model", "A model file of latentset-cli mnist --validation N --save FILE (set + MLP).", "FILE"},
        {"dataset", "Dataset folder or id.", "DIR", QString::fromStdString(d.dataset)},
        {"validation", "The N the model was trained with (the held-out split, carved again).", "N", number(double(d.validation))},
        {"limit", "Score only the first N test images (0 = all).", "N", number(double(d.limit))},
        {"components", "p(z) mixture components, when the file holds no likelihood model.", "K",
         number(d.likelihood.mixture.components)},
        {"bins", "Confidence bins of the ECE and the reliability diagram.", "N", number(d.bins)},
        {"blend-pairs", "Random pairs of test digits of different classes to blend.", "N", number(double(d.blendPairs))},
        {"confused-pairs", "The most confused class pairs to blend.", "N", number(d.confusedPairs)},
        {"blends-per-pair", "Digit pairs per confused class pair.", "N", number(double(d.blendsPerConfusedPair))},
        {"seed", "Seed of the blend pairs.", "S", number(double(d.seed))},
        {"threads", "Worker threads (0 = all cores).", "N", number(d.threads)},
        {"csv", "Write the reliability bins of the set, the MLP and the tempered MLP here.", "FILE"},
        {"blend-csv", "Write the mean posteriors along the blends here.", "FILE"},
        {"png", "Write the reliability diagram and the posterior along the blends here.", "FILE"},
    });
}

CalibrationSettings settingsFrom(const QCommandLineParser& parser)
{
    const CliOptions options(parser);
    CalibrationSettings s;
    s.dataset = parser.value("dataset").toStdString();
    s.validation = options.integer<Index>("validation", 10, 1e9);
    s.limit = options.atLeast<Index>("limit", 0);
    s.likelihood.mixture.components = options.integer<int>("components", 1, 1024);
    s.bins = options.integer<int>("bins", 1, 1000);
    s.blendPairs = options.integer<Index>("blend-pairs", 0, 1e6);
    s.confusedPairs = options.integer<int>("confused-pairs", 0, 1000);
    s.blendsPerConfusedPair = options.integer<Index>("blends-per-pair", 1, 1e6);
    s.seed = options.atLeast<std::uint64_t>("seed", 0);
    s.threads = options.integer<unsigned>("threads", 0, 256);
    s.model = options.existingModelFile().toStdString(); // last: bad usage is reported before a missing file
    return s;
}

} // namespace

int runCalibrationCommand(const QStringList& arguments, CliReport& report)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        "Multiple interpretations, measured: the class set's posterior over classes (eq. 5, calibrated\n"
        "on the held-out split) against the MLP's softmax on the test split (ECE over 15 bins, NLL,\n"
        "reliability diagram), and both on blends of two test digits at weights 0, 0.1, ..., 1: how\n"
        "often the two sources are the model's top two near 0.5.\n"
        "With --json the last line is one JSON object (keys in docs/cli.md).");
    addOptions(parser);
    int exitCode = 0;
    if (!CliOptions::parse(parser, arguments, "calibration", exitCode))
        return exitCode;
    CalibrationExperiment experiment(settingsFrom(parser));
    CalibrationPrinter printer(report, experiment);
    const CalibrationResult result = experiment.run(&printer);
    printSummary(report, result);
    if (parser.isSet("csv"))
        writeBins(report, parser.value("csv"), result);
    if (parser.isSet("blend-csv"))
        writeBlends(report, parser.value("blend-csv"), result);
    if (parser.isSet("png"))
        writeChart(report, parser.value("png"), result);
    return 0;
}
