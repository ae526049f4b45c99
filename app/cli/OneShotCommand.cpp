// latentset-cli oneshot: one-shot recognition of two new glyphs in every
// context (the paper's §10, fig. 10-11). See docs/concept.md.
#include "Commands.h"
#include "CliOptions.h"
#include "CliReport.h"
#include "ConceptCliSupport.h"

#include "latentset/concept/CubeWorldView.h"
#include "latentset/concept/OneShotTest.h"
#include "latentset/data/BuiltinGlyphs.h"
#include "latentset/util/Error.h"
#include "latentset/util/Random.h"
#include "latentset/util/ThreadPool.h"

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

    const conceptcli::World world = conceptcli::loadWorld(parser.value("model"));
    const CubeWorldView view(world.members, *world.contexts);
    const OneShotTest test(view);
    ThreadPool& pool = ThreadPool::shared();

    const Vector a = conceptcli::glyphFromArgument(parser.value("a"));
    const Vector b = conceptcli::glyphFromArgument(parser.value("b"));
    const OneShotResult r = test.run(a, b, source, &pool);

    const int far = std::min(99, r.contexts - 1); // the paper's example pair uses context 99
    report.line(QString("one-shot %1 vs %2, shown in context %3 (%4)")
                    .arg(parser.value("a"), parser.value("b"))
                    .arg(source)
                    .arg(QString::fromStdString(world.contexts->name(source))));
    report.line(QString("score: %1 / %2 contexts (A right in %3, B right in %4; worst margin %5 of the half separation)")
                    .arg(r.score)
                    .arg(r.contexts)
                    .arg(r.correctA)
                    .arg(r.correctB)
                    .arg(r.worstMargin(), 0, 'f', 2));
    report.line("");
    report.line("                                         LatentSet     paper");
    report.line(QString("  score                                  %1/%2      100/100").arg(r.score, 3).arg(r.contexts));
    report.line(QString("  |enc_s(A) - enc_%1(A)|  (same glyph)      %2        0.98")
                    .arg(far)
                    .arg(double(r.sameGlyphDistance[far]), 6, 'f', 2));
    report.line(QString("  mean over c != s of |enc_s(A)-enc_c(A)|   %1          -").arg(r.meanSameGlyphDistance(), 6, 'f', 2));
    report.line(QString("  |enc_s(A) - enc_s(B)|   (other glyph)     %1        6.21").arg(r.otherGlyphDistance, 6, 'f', 2));
    report.line(QString("  ratio other / same                        %1        6.34")
                    .arg(r.otherGlyphDistance / std::max(1e-9, r.meanSameGlyphDistance()), 6, 'f', 2));

    // The distance distributions (fig. 10) in five numbers each; the CSV has them all.
    auto quantiles = [](Vector v) {
        std::sort(v.data(), v.data() + v.size());
        const auto at = [&](double q) { return double(v[Index(q * double(v.size() - 1) + 0.5)]); };
        return QString("min %1  q25 %2  median %3  q75 %4  max %5")
            .arg(at(0), 6, 'f', 2)
            .arg(at(0.25), 6, 'f', 2)
            .arg(at(0.5), 6, 'f', 2)
            .arg(at(0.75), 6, 'f', 2)
            .arg(at(1), 6, 'f', 2);
    };
    report.line("");
    report.line("signed distance to the hyperplane over all contexts (A should be < 0, B > 0):");
    report.line("  A: " + quantiles(r.distanceA));
    report.line("  B: " + quantiles(r.distanceB));

    report.set("score", r.score);
    report.set("contexts", r.contexts);
    report.set("same_glyph_distance", r.meanSameGlyphDistance());
    report.set("same_glyph_distance_99", double(r.sameGlyphDistance[far]));
    report.set("other_glyph_distance", r.otherGlyphDistance);

    if (parser.isSet("csv")) {
        writeCsv(parser.value("csv"), r, *world.contexts);
        report.line("distances per context written to " + parser.value("csv"));
    }

    if (pairs > 0) {
        // Distinct random pairs of built-in shapes (V and plus excluded).
        const auto names = BuiltinGlyphs::shapeNames();
        const int n = int(names.size());
        if (pairs > n * (n - 1) / 2)
            throw conceptcli::UsageError("only " + std::to_string(n * (n - 1) / 2) + " pairs of built-in shapes exist");
        Random random(std::uint64_t(parser.value("seed").toLongLong()));
        std::vector<std::pair<int, int>> chosen;
        while (int(chosen.size()) < pairs) {
            int i = int(random.below(std::uint64_t(n))), j = int(random.below(std::uint64_t(n)));
            if (i == j)
                continue;
            if (i > j)
                std::swap(i, j);
            if (std::find(chosen.begin(), chosen.end(), std::make_pair(i, j)) == chosen.end())
                chosen.emplace_back(i, j);
        }
        report.line("");
        report.line(QString("%1 pairs of built-in shapes, shown in context %2:").arg(pairs).arg(source));
        QJsonArray scores;
        std::vector<int> values;
        for (const auto& [i, j] : chosen) {
            const OneShotResult p = test.run(BuiltinGlyphs::render(names[std::size_t(i)]),
                                             BuiltinGlyphs::render(names[std::size_t(j)]), source, &pool);
            values.push_back(p.score);
            scores.append(p.score);
            report.line(QString("  %1 vs %2: %3 / %4   same %5  other %6")
                            .arg(QString::fromStdString(names[std::size_t(i)]), -8)
                            .arg(QString::fromStdString(names[std::size_t(j)]), -8)
                            .arg(p.score, 3)
                            .arg(p.contexts)
                            .arg(p.meanSameGlyphDistance(), 5, 'f', 2)
                            .arg(p.otherGlyphDistance, 5, 'f', 2));
        }
        std::sort(values.begin(), values.end());
        double mean = 0;
        for (int v : values)
            mean += v;
        mean /= double(values.size());
        const int perfect = int(std::count(values.begin(), values.end(), r.contexts));
        report.line(QString("pairs: mean %1, median %2, min %3, max %4; %5 of %6 pairs at %7/%7")
                        .arg(mean, 0, 'f', 1)
                        .arg(values[values.size() / 2])
                        .arg(values.front())
                        .arg(values.back())
                        .arg(perfect)
                        .arg(pairs)
                        .arg(r.contexts));
        report.set("pairs_scores", scores);
        report.set("pairs_mean_score", mean);
        report.set("pairs_min_score", values.front());
        report.set("pairs_perfect", perfect);
    }
    return 0;
}

} // namespace

int runOneShotCommand(const QStringList& arguments, CliReport& report)
{
    return CliOptions::run("oneshot", [&] { return runOneShot(arguments, report); });
}
