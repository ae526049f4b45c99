// latentset-cli world estimate: the parameter values of held-out items shown
// between the contexts' values, from the posterior over contexts (paper §6;
// docs/cli.md, docs/worlds.md "Estimation").
#include "CliOptions.h"
#include "CliReport.h"
#include "WorldCliSupport.h"

#include "latentset/experiments/WorldEstimateExperiment.h"

#include <QCommandLineParser>
#include <QJsonArray>
#include <QJsonObject>

using namespace latentset;

namespace worldcli {

int runEstimate(const QStringList& arguments, CliReport& report)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        "Parameter estimation (paper §6): held-out items are shown at parameter values drawn\n"
        "uniformly over each axis (between the contexts' values); the members' likelihood vector\n"
        "gives the posterior over contexts, and from it the MAP, posterior-mean and interpolated\n"
        "estimate per axis. Reports each estimate's mean absolute error beside the bin width.");
    addCommon(parser);
    const WorldEstimateSettings d;
    parser.addOptions({
        {"model", "A world model saved by 'world train --save'.", "FILE"},
        {"items", "Held-out items to estimate (default 200).", "N", QString::number(d.items)},
        {"seed", "Seed of the items and their values (default 1).", "S", QString::number(d.seed)},
        {"on-grid", "Show the items at the contexts' own values (a diagnostic: no interpolation needed)."},
    });
    int exitCode = 0;
    if (!CliOptions::parse(parser, arguments, "world estimate", exitCode))
        return exitCode;
    const CliOptions options(parser);
    WorldEstimateSettings settings;
    settings.items = options.integer<int>("items", 1, 100000);
    settings.seed = options.integer<std::uint64_t>("seed", 0, 9e15);
    settings.onGrid = parser.isSet("on-grid");
    const LoadedWorld loaded = loadWorld(options);
    settings.model = parser.value("model").toStdString();
    WorldEstimateExperiment experiment(settings, loaded.model, loaded.source.test);
    const WorldEstimateResult r = experiment.run();
    report.line(QString("%1 held-out items shown %2, %3 s; MAP context = nearest context for %4 %")
                    .arg(r.items)
                    .arg(r.offGrid ? "between the contexts' values" : "at the contexts' own values")
                    .arg(r.seconds, 0, 'f', 1)
                    .arg(100.0 * r.nearestContextAccuracy, 0, 'f', 1));
    if (r.identificationGallery > 0)
        report.line(QString("the item identified across contexts from the shared code alone: %1 % of %2 queries "
                            "(a gallery of %3 held-out items, chance %4 %)")
                        .arg(100.0 * r.itemIdentification, 0, 'f', 1)
                        .arg(r.items)
                        .arg(r.identificationGallery)
                        .arg(100.0 / r.identificationGallery, 0, 'f', 1));
    QJsonArray axes;
    for (const AxisErrors& a : r.axes) {
        report.line(QString("%1: bin width %2; mean abs error: interpolated %3 (median %4, %5 % within half a bin), "
                            "MAP %6, posterior mean %7")
                        .arg(QString::fromStdString(a.name))
                        .arg(a.binWidth, 0, 'g', 4)
                        .arg(a.maeInterpolated, 0, 'g', 4)
                        .arg(a.medianInterpolated, 0, 'g', 4)
                        .arg(100.0 * a.withinHalfBin, 0, 'f', 1)
                        .arg(a.maeMap, 0, 'g', 4)
                        .arg(a.maeMean, 0, 'g', 4));
        axes.append(QJsonObject{{"name", QString::fromStdString(a.name)},
                                {"bin_width", a.binWidth},
                                {"mean_abs_error", a.maeInterpolated},
                                {"median_abs_error", a.medianInterpolated},
                                {"map_mean_abs_error", a.maeMap},
                                {"posterior_mean_abs_error", a.maeMean},
                                {"within_half_bin", a.withinHalfBin},
                                {"beyond_quarter_turn", a.beyondQuarter}});
        if (a.circular)
            report.line(QString("  %1 % of the items are off by more than a quarter turn").arg(100.0 * a.beyondQuarter, 0, 'f', 1));
    }
    if (!r.perLabel.empty()) {
        QStringList parts;
        QJsonObject byLabel;
        for (const LabelError& e : r.perLabel) {
            parts << QString("%1: %2").arg(QString::fromStdString(e.label)).arg(e.meanAbsError, 0, 'f', 1);
            byLabel.insert(QString::fromStdString(e.label), e.meanAbsError);
        }
        report.line("mean abs error by label: " + parts.join(", "));
        report.set("per_label_mean_abs_error", byLabel);
    }
    // The headline figures are the first axis's (rotation: the angle), of the
    // interpolated estimate off the grid, of the MAP at the contexts' own values
    // (where there is nothing to interpolate).
    report.set("items", r.items);
    report.set("off_grid", r.offGrid);
    report.set("mean_abs_error", r.offGrid ? r.axes.front().maeInterpolated : r.axes.front().maeMap);
    report.set("bin_width", r.axes.front().binWidth);
    report.set("nearest_context_accuracy", r.nearestContextAccuracy);
    report.set("item_identification", r.itemIdentification);
    report.set("identification_gallery", r.identificationGallery);
    report.set("axes", axes);
    report.set("seconds", r.seconds);
    return 0;
}

} // namespace worldcli
