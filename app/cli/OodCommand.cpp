// latentset-cli ood: out-of-distribution detection by a class set's eq. 4
// (experiments/OodExperiment): AUROC of -max log p and of each term alone,
// the set's own test split against another dataset, uniform noise or
// letters rendered from the installed fonts. See docs/robustness.md.
#include "CliOptions.h"
#include "CliReport.h"
#include "Commands.h"

#include "image/FontGlyphs.h"

#include "latentset/experiments/OodExperiment.h"
#include "latentset/util/Error.h"

#include <QCommandLineParser>
#include <QJsonObject>

using namespace latentset;

namespace {

// notMNIST-like: the letters A-J (notMNIST's ten) and the rest of the
// alphabet in every installed family that draws them all, MNIST-normalised
// (FontGlyphs), up to `limit` images (0 = all).
Matrix letterImages(Index limit)
{
    const QString letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    const QStringList families = FontGlyphs::families(letters);
    if (families.isEmpty())
        throw Error("ood: no installed font draws the letters A-Z (tools/setup.sh installs fonts)");
    std::vector<Vector> images;
    for (const QChar c : letters)
        for (const QString& family : families) {
            if (limit > 0 && Index(images.size()) >= limit)
                break;
            try {
                images.push_back(FontGlyphs::render(family, c));
            } catch (const Error&) {
                // a family without ink for this letter: skipped
            }
        }
    Matrix out(images.empty() ? 784 : images.front().size(), Index(images.size()));
    for (std::size_t k = 0; k < images.size(); ++k)
        out.col(Index(k)) = images[k];
    return out;
}

} // namespace

int runOodCommand(const QStringList& arguments, CliReport& report)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        "Out-of-distribution detection by a class set's eq. 4: AUROC of the anomaly score -max log p and of each "
        "term alone, the set's own test split (normal) against an outside set (docs/robustness.md).");
    parser.addHelpOption();
    parser.addOptions({
        {"model", "Class set with likelihood chunks (latentset-cli likelihood --save).", "file"},
        {"dataset", "The set's own dataset (its test split is normal). Default: mnist.", "id", "mnist"},
        {"out", "The outside set: mnist, fashion-mnist (or any dataset id/path), letters or noise.", "set",
         "fashion-mnist"},
        {"limit", "The first N images of each side (0 = all).", "N", "0"},
        {"threads", "Worker threads (0 = all cores).", "T", "0"},
        {"seed", "Seed of the noise images.", "S", "1"},
    });
    int exitCode = 0;
    if (!CliOptions::parse(parser, arguments, "ood", exitCode))
        return exitCode;
    const CliOptions options(parser);
    OodSettings s;
    s.dataset = parser.value("dataset").toStdString();
    s.out = parser.value("out").toStdString();
    s.limit = options.atLeast<Index>("limit", 0);
    s.threads = options.atLeast<unsigned>("threads", 0);
    s.seed = options.atLeast<std::uint64_t>("seed", 0);
    s.model = options.existingModelFile().toStdString(); // after the usage checks: a usage fault exits 2 first
    OodResult r;
    if (s.out == "letters") {
        OodExperiment experiment(s, letterImages(s.limit));
        r = experiment.run();
    } else {
        OodExperiment experiment(s);
        r = experiment.run();
    }
    report.line(QString("%1 test (%2 images) normal, %3 (%4 images) outside")
                    .arg(QString::fromStdString(r.dataset)).arg(r.normalImages)
                    .arg(QString::fromStdString(r.out)).arg(r.outImages));
    report.line(QString("own test accuracy: eq. 4 %1 %, squared error %2 %")
                    .arg(100 * r.accuracyEq4, 0, 'f', 2).arg(100 * r.accuracySse, 0, 'f', 2));
    QJsonObject terms;
    for (const OodResult::Term& t : r.terms) {
        report.line(QString("  AUROC %1: %2").arg(QString::fromStdString(t.name), -15).arg(t.auroc, 0, 'f', 4));
        terms[QString::fromStdString(t.name)] = t.auroc;
    }
    report.line(QString("time %1 s").arg(r.seconds, 0, 'f', 1));
    report.set("auroc", r.auroc);
    report.set("auroc_terms", terms);
    report.set("accuracy_eq4", r.accuracyEq4);
    report.set("accuracy_sse", r.accuracySse);
    report.set("normal_images", double(r.normalImages));
    report.set("out_images", double(r.outImages));
    report.set("dataset", QString::fromStdString(r.dataset));
    report.set("out", QString::fromStdString(r.out));
    report.set("seconds", r.seconds);
    return 0;
}
