// latentset-cli world oneshot: one-shot recognition in a trained world
// (paper §10 on any world; docs/cli.md, docs/worlds.md "One-shot").
#include "CliOptions.h"
#include "CliReport.h"
#include "WorldCliSupport.h"

#include "latentset/experiments/WorldOneShotExperiment.h"

#include <QCommandLineParser>

using namespace latentset;

namespace worldcli {

int runOneShot(const QStringList& arguments, CliReport& report)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        "One-shot recognition (paper §10) in a trained world: glyphs A and B are shown once in\n"
        "context --source; the hyperplane halfway between their codes must separate them in every\n"
        "context. Then --pairs random pairs of built-in non-digit shapes (a folder world: pairs of\n"
        "held-out items). Scores are percentages of the contexts; no member is retrained.");
    addCommon(parser);
    const WorldOneShotSettings d;
    parser.addOptions({
        {"model", "A world model saved by 'world train --save'.", "FILE"},
        {"glyph-a", "Glyph A: built-in (V, plus...), digit 0-9, or an image file.", "G", QString::fromStdString(d.glyphA)},
        {"glyph-b", "Glyph B (default plus).", "G", QString::fromStdString(d.glyphB)},
        {"source", "Context in which A and B are shown (default 0).", "C", QString::number(d.source)},
        {"pairs", "Random pairs to score (default 20).", "N", QString::number(d.pairs)},
        {"seed", "Seed of the pairs (default 1).", "S", QString::number(d.seed)},
        {"pair-font", "Draw the pairs from this font family's capital letters (glyphs never trained on).", "FAMILY"},
    });
    int exitCode = 0;
    if (!CliOptions::parse(parser, arguments, "world oneshot", exitCode))
        return exitCode;
    const CliOptions options(parser);
    WorldOneShotSettings settings;
    settings.glyphA = parser.value("glyph-a").toStdString();
    settings.glyphB = parser.value("glyph-b").toStdString();
    settings.pairs = options.integer<int>("pairs", 0, 10000);
    settings.seed = options.integer<std::uint64_t>("seed", 0, 9e15);
    if (parser.isSet("pair-font"))
        for (const QChar c : QString("ACDEFHJKLMNPRTUVWXY")) // no look-alikes of digits (O 0, I 1, S 5, B 8, ...)
            settings.pairWords.push_back("font:" + parser.value("pair-font").toStdString() + ":" + QString(c).toStdString());
    const LoadedWorld loaded = loadWorld(options);
    settings.source = options.integer<int>("source", 0, loaded.source.test->contextCount() - 1);
    settings.model = parser.value("model").toStdString();
    WorldOneShotExperiment experiment(settings, loaded.model, loaded.source.test, glyphOrFontGlyph);
    const WorldOneShotResult r = experiment.run();
    const WorldOneShotScore& s = r.shown.score;
    report.line(QString("%1 vs %2 shown once in context %3: separated in %4 of %5 contexts (%6 %); "
                        "distance same glyph other context %7, other glyph same context %8")
                    .arg(QString::fromStdString(r.shown.a), QString::fromStdString(r.shown.b))
                    .arg(s.source)
                    .arg(s.score)
                    .arg(s.contexts)
                    .arg(s.percent, 0, 'f', 1)
                    .arg(s.meanSameDistance, 0, 'f', 3)
                    .arg(s.otherDistance, 0, 'f', 3));
    report.set("score", s.score);
    report.set("contexts", s.contexts);
    report.set("percent", s.percent);
    report.set("same_glyph_distance", s.meanSameDistance);
    report.set("other_glyph_distance", s.otherDistance);
    if (!r.pairs.empty()) {
        report.line(QString("%1 random pairs: mean score %2 %, weakest %3 % (%4 vs %5)")
                        .arg(r.pairs.size())
                        .arg(r.meanScore, 0, 'f', 1)
                        .arg(r.minScore, 0, 'f', 1)
                        .arg(QString::fromStdString(r.weakestA), QString::fromStdString(r.weakestB)));
        report.set("pairs", int(r.pairs.size()));
        report.set("mean_score", r.meanScore);
        report.set("min_score", r.minScore);
        report.set("weakest_pair", QString::fromStdString(r.weakestA + " " + r.weakestB));
    }
    return 0;
}

} // namespace worldcli
