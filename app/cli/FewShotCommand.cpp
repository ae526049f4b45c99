// latentset-cli fewshot: learning curves of the class set and the MLP at
// few training images per class, on the same stratified seeded subsets and
// the same optimiser budget. See --help, docs/cli.md and docs/less-is-more.md.
#include "Commands.h"
#include "CliCsv.h"
#include "CliOptions.h"
#include "CliPng.h"
#include "CliReport.h"

#include "image/LineChart.h"
#include "latentset/experiments/FewShotExperiment.h"

#include <QCommandLineParser>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QTextStream>

#include <algorithm>
#include <set>

using namespace latentset;

namespace {

QString sizeName(Index n) { return n == 0 ? QString("all") : QString::number(n); }

class FewShotPrinter : public ExperimentObserver {
public:
    FewShotPrinter(CliReport& report, const FewShotExperiment& experiment) : report_(report), experiment_(experiment) {}

    void stageReached(const std::string& stage) override
    {
        const FewShotResult& r = experiment_.partial();
        const auto& s = experiment_.settings();
        if (stage == "data")
            report_.line(QString("%1: %2 Adam steps per run (lr %3), member batch <= %4, MLP batch <= %5, %6 seed(s)")
                             .arg(QString::fromStdString(r.dataset))
                             .arg(s.steps)
                             .arg(double(s.learningRate))
                             .arg(s.memberBatch)
                             .arg(s.mlpBatch)
                             .arg(s.seeds));
        else if (stage == "point") {
            const FewShotPoint& p = r.points.back();
            report_.line(QString("%1 per class (%2 images), seed %3: class set %4 %, MLP %5 %  (%6 s)")
                             .arg(sizeName(p.perClass))
                             .arg(p.trainImages)
                             .arg(p.seed)
                             .arg(100 * p.setAccuracy, 0, 'f', 2)
                             .arg(100 * p.mlpAccuracy, 0, 'f', 2)
                             .arg(p.seconds, 0, 'f', 1));
        }
    }

private:
    CliReport& report_;
    const FewShotExperiment& experiment_;
};

constexpr const char* kCsvHeader = "per_class,seed,train_images,set_accuracy,mlp_accuracy";

// --from: the runs of one or more files written by --csv, read back instead
// of training (runs made in separate processes, e.g. sizes split between
// machines, summed up and drawn together). A (size, seed) in two files, a
// foreign header or a bad field is refused with the file and line.
FewShotResult readRuns(const QStringList& paths)
{
    constexpr qint64 kMaxBytes = 16 << 20; // a million runs' rows are far less
    FewShotResult r;
    std::set<std::pair<Index, std::uint64_t>> seen;
    for (const QString& path : paths) {
        const std::string name = path.toStdString();
        QFile file(path);
        if (!QFileInfo(path).isFile())
            throw Error(name + ": no such file");
        if (file.size() > kMaxBytes)
            throw Error(name + ": " + std::to_string(file.size()) + " bytes, more than a fewshot --csv file holds ("
                        + std::to_string(kMaxBytes) + ")");
        if (!file.open(QIODevice::ReadOnly | QIODevice::Text))
            throw Error(name + ": cannot read (" + file.errorString().toStdString() + ")");
        const QString whole = QString::fromUtf8(file.readAll());
        const QStringList lines = whole.split('\n');
        if (lines.front().trimmed() != kCsvHeader)
            throw Error(name + ": line 1: expected the header '" + kCsvHeader + "' of fewshot --csv");
        // --csv ends every row with a line end: text after the last one is a
        // row cut off (a copy that stopped early), whose last number may
        // still parse.
        if (!lines.back().trimmed().isEmpty())
            throw Error(name + ": line " + std::to_string(lines.size()) + ": the file ends inside this row (truncated?)");
        for (int line = 2; line <= int(lines.size()); ++line) {
            const QString text = lines[line - 1].trimmed();
            if (text.isEmpty())
                continue;
            const QStringList f = text.split(',');
            const auto bad = [&](const std::string& what) {
                return Error(name + ": line " + std::to_string(line) + ": " + what);
            };
            if (f.size() != 5)
                throw bad(std::to_string(f.size()) + " fields, expected 5");
            bool ok[5] = {};
            FewShotPoint p;
            p.perClass = f[0] == "all" ? (ok[0] = true, 0) : Index(f[0].toLongLong(&ok[0]));
            p.seed = f[1].toULongLong(&ok[1]);
            p.trainImages = Index(f[2].toLongLong(&ok[2]));
            p.setAccuracy = f[3].toDouble(&ok[3]);
            p.mlpAccuracy = f[4].toDouble(&ok[4]);
            if (!(ok[0] && p.perClass >= 0 && p.perClass <= 1000000000 && (f[0] == "all" || p.perClass >= 1)))
                throw bad("per_class '" + f[0].toStdString() + "' is not a size >= 1 or 'all'");
            if (!ok[1] || !ok[2] || p.trainImages < 1)
                throw bad("seed and train_images must be whole numbers (train_images >= 1)");
            if (!ok[3] || !ok[4] || !(p.setAccuracy >= 0 && p.setAccuracy <= 1) || !(p.mlpAccuracy >= 0 && p.mlpAccuracy <= 1))
                throw bad("accuracies must be numbers in [0, 1]");
            if (!seen.insert({p.perClass, p.seed}).second)
                throw bad("size " + f[0].toStdString() + " with seed " + f[1].toStdString()
                          + " is already among the runs read");
            r.points.push_back(p);
        }
    }
    if (r.points.empty())
        throw Error(paths.join(", ").toStdString() + ": no runs");
    for (const auto& p : r.points)
        if (std::find(r.sizes.begin(), r.sizes.end(), p.perClass) == r.sizes.end())
            r.sizes.push_back(p.perClass);
    // Ascending, 'all' (0) last.
    std::sort(r.sizes.begin(), r.sizes.end(), [](Index a, Index b) {
        if (a == 0 || b == 0)
            return b == 0 && a != 0;
        return a < b;
    });
    r.dataset = QFileInfo(paths.front()).fileName().toStdString();
    return r;
}

// s: the settings of the runs made here; null for runs read by --from (their
// steps are not in the file; seeds = the most runs of one size).
void printSummary(CliReport& report, const FewShotResult& r, const FewShotSettings* s)
{
    QJsonArray sizes, set, setSd, mlp, mlpSd, points;
    report.line("images per class: class set (mean ± sd) | MLP (mean ± sd)");
    for (std::size_t k = 0; k < r.sizes.size(); ++k) {
        const MeanSd a = r.set(k), b = r.mlp(k);
        if (a.mean < 0)
            continue;
        report.line(QString("  %1: %2 ± %3 % | %4 ± %5 %")
                        .arg(sizeName(r.sizes[k]), 5)
                        .arg(100 * a.mean, 0, 'f', 2)
                        .arg(100 * a.sd, 0, 'f', 2)
                        .arg(100 * b.mean, 0, 'f', 2)
                        .arg(100 * b.sd, 0, 'f', 2));
        sizes.append(double(r.sizes[k]));
        set.append(a.mean);
        setSd.append(a.sd);
        mlp.append(b.mean);
        mlpSd.append(b.sd);
    }
    for (const auto& p : r.points)
        points.append(QJsonObject{{"per_class", double(p.perClass)}, {"seed", double(p.seed)},
                                  {"train_images", double(p.trainImages)}, {"set_accuracy", p.setAccuracy},
                                  {"mlp_accuracy", p.mlpAccuracy}});
    report.line(QString("done in %1 s").arg(r.seconds, 0, 'f', 1));
    report.set("sizes", sizes);
    report.set("set_accuracy", set);
    report.set("set_accuracy_sd", setSd);
    report.set("mlp_accuracy", mlp);
    report.set("mlp_accuracy_sd", mlpSd);
    report.set("points", points);
    if (s) {
        report.set("steps", double(s->steps));
        report.set("seeds", s->seeds);
    } else {
        std::size_t most = 0;
        for (Index size : r.sizes)
            most = std::max<std::size_t>(most, std::size_t(std::count_if(r.points.begin(), r.points.end(),
                                                                         [&](const FewShotPoint& p) { return p.perClass == size; })));
        report.set("seeds", double(most));
    }
    report.set("seconds", r.seconds);
    report.set("stopped", r.stopped);
}

void writeTable(CliReport& report, const QString& path, const FewShotResult& r)
{
    CliCsv::write(report, path, kCsvHeader, [&](QTextStream& out) {
        out.setRealNumberPrecision(17); // read back by --from to the same doubles
        for (const auto& p : r.points)
            out << sizeName(p.perClass) << ',' << p.seed << ',' << p.trainImages << ',' << p.setAccuracy << ','
                << p.mlpAccuracy << '\n';
    });
}

// --png: accuracy against images per class (log x; "all" at its mean images per class).
void writeChart(CliReport& report, const QString& path, const FewShotResult& r)
{
    LineChart chart("Learning curves (same subsets, same steps)", "training images per class", "test accuracy");
    chart.setLogX(true);
    std::vector<std::pair<double, QString>> ticks;
    LineChart::Series set{"class set", {}, {}, {}, LineChart::seriesColor(0)};
    LineChart::Series mlp{"MLP", {}, {}, {}, LineChart::seriesColor(1)};
    double lowest = 1;
    for (std::size_t k = 0; k < r.sizes.size(); ++k) {
        const MeanSd a = r.set(k), b = r.mlp(k);
        if (a.mean < 0)
            continue;
        double x = double(r.sizes[k]);
        if (x == 0)
            for (const auto& p : r.points)
                if (p.perClass == 0)
                    x = double(p.trainImages) / 10.0;
        ticks.push_back({x, sizeName(r.sizes[k])});
        set.x.push_back(x), set.y.push_back(a.mean), set.sd.push_back(a.sd);
        mlp.x.push_back(x), mlp.y.push_back(b.mean), mlp.sd.push_back(b.sd);
        lowest = std::min({lowest, a.mean - a.sd, b.mean - b.sd});
    }
    chart.setXTicks(ticks);
    chart.setYRange(std::max(0.0, std::floor(lowest * 10) / 10), 1.0);
    chart.addSeries(std::move(set));
    chart.addSeries(std::move(mlp));
    chart.addReference(FewShotResult::kPaperSetAccuracy, "paper, set, all data 98.6 %", LineChart::seriesColor(0));
    chart.addReference(FewShotResult::kPaperMlpAccuracy, "paper, MLP, all data 98.4 %", LineChart::seriesColor(1));
    CliPng::write(report, path, chart.render(), "fewshot", "learning curves of the class set and the MLP");
}

void addOptions(QCommandLineParser& parser)
{
    const FewShotSettings d;
    const auto number = [](double v) { return QString::number(v, 'g', 7); };
    parser.addHelpOption();
    parser.addOptions({
        {"sizes", "Training images per class, comma-separated ('all' = every image).", "LIST", "1,5,10,50,100,500,all"},
        {"seeds", "Seeds per size (mean ± sd).", "N", number(d.seeds)},
        {"seed", "The first seed.", "S", number(double(d.firstSeed))},
        {"steps", "Adam steps of every run, at every size (the budget rule).", "N", number(double(d.steps))},
        {"member-batch", "Largest batch of a member (its class's images).", "B", number(double(d.memberBatch))},
        {"mlp-batch", "Largest batch of the MLP.", "B", number(double(d.mlpBatch))},
        {"lr", "Adam learning rate (constant).", "LR", number(double(d.learningRate))},
        {"hidden", "Hidden layer size (members and MLP).", "H", number(double(d.model.hiddenSizes.front()))},
        {"latent", "Members' latent size.", "D", number(double(d.model.latentSize))},
        {"test-limit", "Score only the first N test images (0 = all).", "N", number(double(d.testLimit))},
        {"dataset", "Dataset folder or id. Default: $LATENTSET_DATA_DIR/mnist.", "DIR"},
        {"threads", "Worker threads (0 = all cores).", "N", number(d.threads)},
        {"csv", "Write every run (size, seed, accuracies) here.", "FILE"},
        {"png", "Write the learning curves here.", "FILE"},
        {"from", "Read the runs from these --csv files (comma-separated) instead of training: "
                 "summary, --csv and --png of runs made apart. Training options are then unused.", "FILES"},
    });
}

FewShotSettings settingsFrom(const QCommandLineParser& parser)
{
    const CliOptions options(parser);
    FewShotSettings s;
    s.sizes.clear();
    for (const QString& word : parser.value("sizes").split(',', Qt::SkipEmptyParts)) {
        bool ok = false;
        const long long n = word.trimmed().toLongLong(&ok);
        if (word.trimmed() == "all")
            s.sizes.push_back(0);
        else if (ok && n >= 1 && n <= 1000000000LL)
            s.sizes.push_back(Index(n));
        else
            throw CliOptions::UsageError("--sizes: expected numbers >= 1 or 'all', got '" + word.toStdString() + "'");
    }
    if (s.sizes.empty())
        throw CliOptions::UsageError("--sizes: expected at least one size");
    s.seeds = options.integer<int>("seeds", 1, 1000);
    s.firstSeed = options.atLeast<std::uint64_t>("seed", 0);
    s.steps = options.integer<long long>("steps", 1, 1e7);
    s.memberBatch = options.integer<Index>("member-batch", 1, 65536);
    s.mlpBatch = options.integer<Index>("mlp-batch", 1, 65536);
    s.learningRate = float(options.number("lr", 1e-9, 10));
    const auto hidden = options.integer<Index>("hidden", 1, 65536);
    s.model = AutoencoderConfig::make(784, {hidden}, options.integer<Index>("latent", 1, 4096), true);
    s.mlpHidden = hidden;
    s.testLimit = options.atLeast<Index>("test-limit", 0);
    s.threads = options.integer<unsigned>("threads", 0, 256);
    s.dataset = parser.value("dataset").toStdString();
    return s;
}

} // namespace

int runFewShotCommand(const QStringList& arguments, CliReport& report)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        "Less data: test accuracy of the class set and the MLP against training images per class\n"
        "(1, 5, 10, 50, 100, 500, all), both on the same stratified seeded subsets, every run the same\n"
        "number of Adam steps; mean ± sd over seeds.\n"
        "With --json the last line is one JSON object (keys in docs/cli.md).");
    addOptions(parser);
    int exitCode = 0;
    if (!CliOptions::parse(parser, arguments, "fewshot", exitCode))
        return exitCode;
    const FewShotSettings settings = settingsFrom(parser);
    FewShotResult result;
    if (parser.isSet("from")) {
        const QStringList files = parser.value("from").split(',', Qt::SkipEmptyParts);
        if (files.isEmpty())
            throw CliOptions::UsageError("--from: expected one or more --csv files");
        result = readRuns(files);
        report.line(QString("%1 run(s) of %2 size(s) read from %3")
                        .arg(result.points.size())
                        .arg(result.sizes.size())
                        .arg(files.join(", ")));
        report.set("from", QJsonArray::fromStringList(files));
    } else {
        FewShotExperiment experiment(settings);
        FewShotPrinter printer(report, experiment);
        result = experiment.run(&printer);
    }
    printSummary(report, result, parser.isSet("from") ? nullptr : &settings);
    if (parser.isSet("csv"))
        writeTable(report, parser.value("csv"), result);
    if (parser.isSet("png"))
        writeChart(report, parser.value("png"), result);
    return 0;
}
