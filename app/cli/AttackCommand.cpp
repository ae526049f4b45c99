// latentset-cli attack: the class set against the MLP baseline under
// FGSM, PGD, DDN and a decision-based boundary attack (core/robust,
// experiments/AttackExperiment). Prints accuracy per eps, the strongest
// attack, median minimal L2 distances and the detection AUROC; writes the
// curves as CSV and PNG. See docs/robustness.md and docs/cli.md.
#include "CliCsv.h"
#include "CliOptions.h"
#include "CliReport.h"
#include "Commands.h"

#include "image/CurveChart.h"
#include "image/PngWriter.h"

#include "latentset/experiments/AttackExperiment.h"
#include "latentset/util/Error.h"

#include <QCommandLineParser>
#include <QJsonArray>
#include <QJsonObject>
#include <QPainter>
#include <QTextStream>

#include <cmath>

using namespace latentset;

namespace {

QJsonValue number(double v) { return std::isfinite(v) ? QJsonValue(v) : QJsonValue(QJsonValue::Null); }

QJsonArray numbers(const std::vector<double>& values)
{
    QJsonArray a;
    for (double v : values)
        a.append(number(v));
    return a;
}

QJsonArray strings(const std::vector<std::string>& values)
{
    QJsonArray a;
    for (const std::string& v : values)
        a.append(QString::fromStdString(v));
    return a;
}

QString percent(double v) { return std::isfinite(v) ? QString::number(100 * v, 'f', 1) : QString("-"); }

std::vector<double> parseList(const QString& text, const QString& option)
{
    std::vector<double> out;
    for (const QString& part : text.split(',', Qt::SkipEmptyParts)) {
        bool ok = false;
        const double v = part.trimmed().toDouble(&ok);
        if (!ok || !(v >= 0) || !std::isfinite(v))
            throw CliOptions::UsageError("--" + option.toStdString() + " wants numbers >= 0 separated by commas, got '" +
                                         text.toStdString() + "'");
        out.push_back(v);
    }
    if (out.empty())
        throw CliOptions::UsageError("--" + option.toStdString() + " wants at least one number");
    return out;
}

class Printer : public ExperimentObserver {
public:
    Printer(CliReport& report, const AttackExperiment& experiment) : report_(report), experiment_(experiment) {}
    void stageReached(const std::string& stage) override
    {
        const AttackResult& r = experiment_.partial();
        if (stage == "data")
            report_.line(QString("%1: %2 test images; set %3 (%4), anomaly score %5; %6 thread(s)")
                             .arg(QString::fromStdString(r.dataset)).arg(r.images)
                             .arg(QString::fromStdString(r.memberDescription), QString::fromStdString(r.setDecision),
                                  QString::fromStdString(r.anomalyScore))
                             .arg(r.threads));
        else if (stage == "clean")
            report_.line(QString("clean accuracy: set %1 %, MLP %2 %").arg(percent(r.setClean), percent(r.mlpClean)));
    }
    void progress(const std::string&, const TrainerProgress& p) override
    {
        if (p.batch == p.batchesPerEpoch)
            report_.line(QString("  attack %1/%2 done (%3 s)").arg(p.epoch + 1).arg(p.epochs).arg(p.elapsedSeconds, 0, 'f', 0));
    }

private:
    CliReport& report_;
    const AttackExperiment& experiment_;
};

void printNorm(CliReport& report, const AttackResult& r, const AttackNormResult& n)
{
    report.line(QString("%1: eps | set acc (strongest) | MLP acc (strongest) | detection AUROC (adversarials)")
                    .arg(QString::fromStdString(attackNormName(n.norm))));
    for (std::size_t e = 0; e < n.eps.size(); ++e)
        report.line(QString("  %1 | %2 % (%3) | %4 % (%5) | %6 (%7)")
                        .arg(n.eps[e], 5, 'f', 2)
                        .arg(percent(n.setAccuracy[e]), QString::fromStdString(n.setStrongest[e]),
                             percent(n.mlpAccuracy[e]), QString::fromStdString(n.mlpStrongest[e]))
                        .arg(std::isfinite(n.detectionAuroc[e]) ? QString::number(n.detectionAuroc[e], 'f', 4)
                                                                : QString("-"))
                        .arg(n.detectionAdversarials[e]));
    for (const AttackCurve& c : r.curves)
        if (c.norm == n.norm) {
            QStringList values;
            for (double a : c.accuracy)
                values << percent(a);
            report.line(QString("    %1 %2 (%3 images): %4")
                            .arg(QString::fromStdString(c.model), -4)
                            .arg(QString::fromStdString(c.attack), -8)
                            .arg(c.images)
                            .arg(values.join(" ")));
        }
}

QJsonObject normJson(const AttackNormResult& n)
{
    QJsonObject o;
    o["eps"] = numbers(n.eps);
    o["set_accuracy"] = numbers(n.setAccuracy);
    o["mlp_accuracy"] = numbers(n.mlpAccuracy);
    o["set_strongest"] = strings(n.setStrongest);
    o["mlp_strongest"] = strings(n.mlpStrongest);
    o["detection_auroc"] = numbers(n.detectionAuroc);
    QJsonArray counts;
    for (Index c : n.detectionAdversarials)
        counts.append(double(c));
    o["detection_adversarials"] = counts;
    return o;
}

void writeCsv(CliReport& report, const QString& path, const AttackResult& r)
{
    CliCsv::write(report, path, "model,attack,norm,eps,accuracy,images", [&](QTextStream& out) {
        for (const AttackCurve& c : r.curves) {
            const AttackNormResult* n = r.ofNorm(c.norm);
            for (std::size_t e = 0; e < c.accuracy.size(); ++e)
                out << QString::fromStdString(c.model) << ',' << QString::fromStdString(c.attack) << ','
                    << QString::fromStdString(attackNormName(c.norm)) << ',' << n->eps[e] << ',' << c.accuracy[e]
                    << ',' << c.images << '\n';
        }
        for (const AttackNormResult& n : r.norms)
            for (std::size_t e = 0; e < n.eps.size(); ++e) {
                const QString norm = QString::fromStdString(attackNormName(n.norm));
                out << "set,worst," << norm << ',' << n.eps[e] << ',' << n.setAccuracy[e] << ',' << r.images << '\n';
                out << "mlp,worst," << norm << ',' << n.eps[e] << ',' << n.mlpAccuracy[e] << ',' << r.images << '\n';
            }
    });
}

// --png: one chart per norm, side by side: both models' worst case (solid)
// and each attack's curve (thin, dashed for the MLP).
void writePng(CliReport& report, const QString& path, const AttackResult& r)
{
    const int w = 520, h = 380;
    QImage figure(w * int(r.norms.size()), h, QImage::Format_RGB32);
    figure.fill(Qt::white);
    QPainter p(&figure);
    int k = 0;
    for (const AttackNormResult& n : r.norms) {
        const QString norm = n.norm == AttackNorm::Linf ? "L-inf" : "L2";
        CurveChart chart(QString("MNIST, %1 attacks (%2 images)").arg(norm).arg(r.images), "eps (" + norm + ")",
                         "accuracy");
        chart.add({"set, worst case", QColor(0, 90, 200), false, n.eps, n.setAccuracy});
        chart.add({"MLP, worst case", QColor(210, 60, 40), false, n.eps, n.mlpAccuracy});
        chart.add({"set detection AUROC", QColor(40, 160, 60), true, n.eps, n.detectionAuroc});
        p.drawImage(w * k++, 0, chart.render(w, h));
    }
    p.end();
    PngWriter(path).setText("Description", "accuracy vs eps of the class set and the MLP, latentset-cli attack")
        .write(figure);
    report.line("wrote " + path);
    report.set("png", path);
}

} // namespace

int runAttackCommand(const QStringList& arguments, CliReport& report)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        "Adversarial robustness of the class set vs the MLP baseline: FGSM, PGD (restarts), DDN "
        "(minimal L2) and a decision-based boundary attack on the same test images (docs/robustness.md).");
    parser.addHelpOption();
    parser.addOptions({
        {"model", "Class-set model file with its MLP (latentset-cli mnist --save).", "file"},
        {"dataset", "Dataset whose test split is attacked. Default: mnist.", "id", "mnist"},
        {"norm", "linf, l2 or both (both: the top-level JSON arrays are L2's).", "norm", "both"},
        {"eps", "Comma-separated eps values for the chosen norm (default: 0..0.3 L-inf, 0..3 L2, 7 each).", "list"},
        {"attack", "fgsm, pgd, ddn, boundary, or all; a comma list is fine.", "name", "all"},
        {"images", "Attacked test images (the first N).", "N", "1000"},
        {"decision", "The set's decision under attack: sse (squared error), eq4 or eq5.", "rule", "sse"},
        {"pgd-steps", "PGD steps per run.", "N", "40"},
        {"restarts", "PGD runs (the first from the clean image).", "N", "3"},
        {"ddn-steps", "DDN steps.", "N", "100"},
        {"boundary-images", "Images the boundary attack runs on (the first N).", "N", "100"},
        {"boundary-steps", "Boundary attack steps.", "N", "500"},
        {"threads", "Worker threads (0 = all cores).", "T", "0"},
        {"seed", "Seed of PGD's restarts and the boundary attack.", "S", "1"},
        {"csv", "Write every curve to this CSV file.", "file"},
        {"png", "Write the accuracy curves to this PNG.", "file"},
    });
    int exitCode = 0;
    if (!CliOptions::parse(parser, arguments, "attack", exitCode))
        return exitCode;
    const CliOptions options(parser);
    AttackSettings s;
    s.dataset = parser.value("dataset").toStdString();
    const QString norm = options.oneOf("norm", {"linf", "l2", "both"});
    s.norms = norm == "linf" ? std::vector{AttackNorm::Linf}
              : norm == "l2" ? std::vector{AttackNorm::L2}
                             : std::vector{AttackNorm::L2, AttackNorm::Linf};
    if (parser.isSet("eps")) {
        if (norm == "both")
            throw CliOptions::UsageError("--eps needs --norm linf or l2");
        (norm == "linf" ? s.epsLinf : s.epsL2) = parseList(parser.value("eps"), "eps");
    }
    const QString attack = parser.value("attack");
    if (attack != "all") {
        s.attacks.clear();
        for (const QString& a : attack.split(',', Qt::SkipEmptyParts)) {
            if (!QStringList{"fgsm", "pgd", "ddn", "boundary"}.contains(a))
                throw CliOptions::UsageError("--attack: expected 'fgsm', 'pgd', 'ddn', 'boundary' or 'all', got '" +
                                             a.toStdString() + "'");
            s.attacks.push_back(a.toStdString());
        }
    }
    s.images = options.atLeast<Index>("images", 1);
    s.setDecision = options.oneOf("decision", {"sse", "eq4", "eq5"}).toStdString();
    s.pgdSteps = options.atLeast<int>("pgd-steps", 1);
    s.pgdRestarts = options.atLeast<int>("restarts", 1);
    s.ddnSteps = options.atLeast<int>("ddn-steps", 1);
    s.boundaryImages = options.atLeast<Index>("boundary-images", 0);
    s.boundarySteps = options.atLeast<int>("boundary-steps", 0);
    s.threads = options.atLeast<unsigned>("threads", 0);
    s.seed = options.atLeast<std::uint64_t>("seed", 0);
    s.model = options.existingModelFile().toStdString(); // after the usage checks: a usage fault exits 2 first

    AttackExperiment experiment(s);
    Printer printer(report, experiment);
    const AttackResult r = experiment.run(&printer);
    for (const AttackNormResult& n : r.norms)
        printNorm(report, r, n);
    report.line(QString("median minimal L2 distance (DDN / boundary): set %1, MLP %2")
                    .arg(r.setMedianL2, 0, 'f', 3).arg(r.mlpMedianL2, 0, 'f', 3));
    report.line(QString("published (Schott et al. 2019), accuracy at L2 1.5 / L-inf 0.3:"));
    for (const AttackResult::Published& p : AttackResult::kPublished)
        report.line(QString("  %1: %2 % / %3 %").arg(p.model).arg(percent(p.l2At15), percent(p.linfAt03)));
    report.line(QString("time %1 s (set %2 queries, MLP %3)").arg(r.seconds, 0, 'f', 1).arg(r.setQueries).arg(r.mlpQueries));

    if (!r.norms.empty()) {
        const QJsonObject first = normJson(r.norms.front());
        for (auto it = first.begin(); it != first.end(); ++it)
            report.set(it.key(), it.value());
        report.set("norm", QString::fromStdString(attackNormName(r.norms.front().norm)));
    }
    QJsonObject norms;
    for (const AttackNormResult& n : r.norms)
        norms[QString::fromStdString(attackNormName(n.norm))] = normJson(n);
    report.set("norms", norms);
    QJsonArray curves;
    for (const AttackCurve& c : r.curves) {
        QJsonObject o;
        o["model"] = QString::fromStdString(c.model);
        o["attack"] = QString::fromStdString(c.attack);
        o["norm"] = QString::fromStdString(attackNormName(c.norm));
        o["images"] = double(c.images);
        o["accuracy"] = numbers(c.accuracy);
        curves.append(o);
    }
    report.set("curves", curves);
    report.set("set_median_l2", number(r.setMedianL2));
    report.set("mlp_median_l2", number(r.mlpMedianL2));
    report.set("set_clean_accuracy", r.setClean);
    report.set("mlp_clean_accuracy", r.mlpClean);
    report.set("set_decision", QString::fromStdString(r.setDecision));
    report.set("anomaly_score", QString::fromStdString(r.anomalyScore));
    report.set("images", double(r.images));
    report.set("seconds", r.seconds);
    report.set("threads", double(r.threads));
    report.set("stopped", r.stopped);
    if (parser.isSet("csv"))
        writeCsv(report, parser.value("csv"), r);
    if (parser.isSet("png"))
        writePng(report, parser.value("png"), r);
    return 0;
}
