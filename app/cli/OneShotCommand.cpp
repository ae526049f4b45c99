// latentset-cli oneshot: one-shot recognition of two new glyphs in every
// context (the paper's §10, fig. 10-11). See docs/concept.md.
#include "Commands.h"
#include "CliOptions.h"
#include "CliReport.h"
#include "ConceptCliSupport.h"

#include "latentset/experiments/OneShotExperiment.h"
#include "latentset/util/Error.h"

#include <QCommandLineParser>
#include <QFile>
#include <QJsonArray>
#include <QTextStream>

#include <algorithm>
#include <cstdio>

using namespace latentset;

namespace {

void writeCsv(const QString& path, const OneShotResult& r, const CubeContexts& contexts)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate | QIODevice::Text))
        throw Error(path.toStdString() + ": cannot write the CSV");
    QTextStream out(&file);
    out << "context,name,distance_a,distance_b,correct_a,correct_b,same_glyph_distance\n";
    for (int c = 0; c < r.contexts; ++c)
        out << c << ',' << QString::fromStdString(contexts.name(c)) << ',' << r.distanceA[c] << ',' << r.distanceB[c] << ','
            << int(r.distanceA[c] < 0) << ',' << int(r.distanceB[c] > 0) << ',' << r.sameGlyphDistance[c] << '\n';
}

// Prints the experiment's lines as it reaches each stage (this thread).
class OneShotPrinter : public ExperimentObserver {
public:
    OneShotPrinter(CliReport& report, const OneShotExperiment& e, const CubeContexts& contexts, QString csv)
        : report_(report), experiment_(e), contexts_(contexts), csv_(std::move(csv))
    {
    }
    void stageReached(const std::string& stage) override
    {
        const OneShotExperimentResult& r = experiment_.partial();
        if (stage == "shown")
            shown(r);
        else if (stage == "pair")
            pair(r.pairs.back(), r.shown.source);
        else if (stage == "pairs")
            summary(r);
    }

private:
    void shown(const OneShotExperimentResult& all) const
    {
        const OneShotResult& r = all.shown;
        const auto& s = experiment_.settings();
        const int far = all.farContext;
        report_.line(QString("one-shot %1 vs %2, shown in context %3 (%4)")
                         .arg(QString::fromStdString(s.glyphA), QString::fromStdString(s.glyphB))
                         .arg(s.source)
                         .arg(QString::fromStdString(contexts_.name(s.source))));
        report_.line(QString("score: %1 / %2 contexts (A right in %3, B right in %4; worst margin %5 of the half separation)")
                         .arg(r.score)
                         .arg(r.contexts)
                         .arg(r.correctA)
                         .arg(r.correctB)
                         .arg(r.worstMargin(), 0, 'f', 2));
        report_.line("");
        report_.line("                                         LatentSet     paper");
        report_.line(QString("  score                                  %1/%2      100/100").arg(r.score, 3).arg(r.contexts));
        report_.line(QString("  |enc_s(A) - enc_%1(A)|  (same glyph)      %2        0.98")
                         .arg(far)
                         .arg(double(r.sameGlyphDistance[far]), 6, 'f', 2));
        report_.line(QString("  mean over c != s of |enc_s(A)-enc_c(A)|   %1          -").arg(r.meanSameGlyphDistance(), 6, 'f', 2));
        report_.line(QString("  |enc_s(A) - enc_s(B)|   (other glyph)     %1        6.21").arg(r.otherGlyphDistance, 6, 'f', 2));
        report_.line(QString("  ratio other / same                        %1        6.34")
                         .arg(r.otherGlyphDistance / std::max(1e-9, r.meanSameGlyphDistance()), 6, 'f', 2));
        // The distance distributions (fig. 10) in five numbers each; the CSV has them all.
        report_.line("");
        report_.line("signed distance to the hyperplane over all contexts (A should be < 0, B > 0):");
        report_.line("  A: " + quantiles(r.distanceA));
        report_.line("  B: " + quantiles(r.distanceB));
        report_.set("score", r.score);
        report_.set("contexts", r.contexts);
        report_.set("same_glyph_distance", r.meanSameGlyphDistance());
        report_.set("same_glyph_distance_99", double(r.sameGlyphDistance[far]));
        report_.set("other_glyph_distance", r.otherGlyphDistance);
        if (!csv_.isEmpty()) {
            writeCsv(csv_, r, contexts_);
            report_.line("distances per context written to " + csv_);
        }
        if (s.pairs > 0) {
            if (s.pairs > OneShotExperiment::maxPairs())
                throw conceptcli::UsageError("only " + std::to_string(OneShotExperiment::maxPairs())
                                             + " pairs of built-in shapes exist");
            report_.line("");
            report_.line(QString("%1 pairs of built-in shapes, shown in context %2:").arg(s.pairs).arg(s.source));
        }
    }

    void pair(const OneShotExperimentResult::Pair& p, int) const
    {
        report_.line(QString("  %1 vs %2: %3 / %4   same %5  other %6")
                         .arg(QString::fromStdString(p.a), -8)
                         .arg(QString::fromStdString(p.b), -8)
                         .arg(p.result.score, 3)
                         .arg(p.result.contexts)
                         .arg(p.result.meanSameGlyphDistance(), 5, 'f', 2)
                         .arg(p.result.otherGlyphDistance, 5, 'f', 2));
    }

    void summary(const OneShotExperimentResult& r) const
    {
        report_.line(QString("pairs: mean %1, median %2, min %3, max %4; %5 of %6 pairs at %7/%7")
                         .arg(r.pairsMean, 0, 'f', 1)
                         .arg(r.pairsMedian)
                         .arg(r.pairsMin)
                         .arg(r.pairsMax)
                         .arg(r.pairsPerfect)
                         .arg(int(r.pairs.size()))
                         .arg(r.shown.contexts));
        QJsonArray scores;
        for (const auto& p : r.pairs)
            scores.append(p.result.score);
        report_.set("pairs_scores", scores);
        report_.set("pairs_mean_score", r.pairsMean);
        report_.set("pairs_min_score", r.pairsMin);
        report_.set("pairs_perfect", r.pairsPerfect);
    }

    static QString quantiles(Vector v)
    {
        std::sort(v.data(), v.data() + v.size());
        const auto at = [&](double q) { return double(v[Index(q * double(v.size() - 1) + 0.5)]); };
        return QString("min %1  q25 %2  median %3  q75 %4  max %5")
            .arg(at(0), 6, 'f', 2)
            .arg(at(0.25), 6, 'f', 2)
            .arg(at(0.5), 6, 'f', 2)
            .arg(at(0.75), 6, 'f', 2)
            .arg(at(1), 6, 'f', 2);
    }

    CliReport& report_;
    const OneShotExperiment& experiment_;
    const CubeContexts& contexts_;
    QString csv_;
};

int runOneShot(const QStringList& arguments, CliReport& report)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        "One-shot recognition (paper §10): glyphs A and B are shown once in the source context; the hyperplane "
        "halfway between their codes must separate them in every other context. No member is retrained.");
    parser.addHelpOption();
    parser.addOption({"model", "Trained cube-world model file (latentset-cli cube train --save).", "file"});
    parser.addOption({"a", "Glyph A: built-in name (V, plus, circle, ...), digit 0-9, or image file. Default V.", "glyph", "V"});
    parser.addOption({"b", "Glyph B, as --a. Default plus.", "glyph", "plus"});
    parser.addOption({"source", "Context in which A and B are shown (default 10).", "index", "10"});
    parser.addOption({"csv", "Write the per-context distances (fig. 10's data) to this CSV file.", "file"});
    parser.addOption({"pairs", "Also test N pairs of built-in non-digit shapes and report the score distribution.", "N", "0"});
    parser.addOption({"seed", "Seed for choosing the --pairs (default 1).", "n", "1"});
    int exitCode = 0;
    if (!CliOptions::parse(parser, arguments, "oneshot", exitCode))
        return exitCode;

    if (!parser.isSet("model"))
        throw conceptcli::UsageError("--model FILE is required");
    const CliOptions options(parser);
    const int source = options.atLeast<int>("source", 0);
    const int pairs = options.atLeast<int>("pairs", 0);

    OneShotSettings settings;
    settings.model = parser.value("model").toStdString();
    settings.glyphA = parser.value("a").toStdString();
    settings.glyphB = parser.value("b").toStdString();
    settings.source = source;
    settings.pairs = pairs;
    settings.seed = std::uint64_t(parser.value("seed").toLongLong());
    const auto world = std::make_shared<const conceptcli::World>(conceptcli::loadWorld(parser.value("model")));
    OneShotExperiment experiment(settings, world,
                                 [](const std::string& w) { return conceptcli::glyphFromArgument(QString::fromStdString(w)); });
    OneShotPrinter printer(report, experiment, *world->contexts, parser.value("csv"));
    experiment.run(&printer);
    return 0;
}

} // namespace

int runOneShotCommand(const QStringList& arguments, CliReport& report)
{
    return CliOptions::run("oneshot", [&] { return runOneShot(arguments, report); });
}
