// latentset-cli maps: context-likelihood maps of cubes (the paper's §11,
// fig. 12): cubes at the same angle with different digits give near-identical
// maps; at another angle the map changes. One angle and one digit pair, or a
// sweep over a grid of angles and all digit pairs. See docs/concept.md.
#include "Commands.h"
#include "CliOptions.h"
#include "CliReport.h"
#include "ConceptCliSupport.h"
#include "image/ImageConvert.h"
#include "image/Palette.h"
#include "image/PngWriter.h"

#include "latentset/concept/ContextLikelihoodMap.h"
#include "latentset/concept/CubeWorldView.h"
#include "latentset/concept/MapSweep.h"
#include "latentset/cube/CubeRenderer.h"
#include "latentset/experiments/MapsExperiment.h"
#include "latentset/util/Error.h"
#include "latentset/util/ThreadPool.h"

#include <QCommandLineParser>
#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QPainter>
#include <QTextStream>

#include <cmath>

using namespace latentset;

namespace {

QJsonObject distribution(const MapSweepResult& r, bool same)
{
    auto q = [&](double p) { return same ? r.sameQuantile(p) : r.turnedQuantile(p); };
    QJsonObject o;
    o["mean"] = same ? r.meanSame() : r.meanTurned();
    o["min"] = q(0.0);
    o["p10"] = q(0.1);
    o["median"] = q(0.5);
    o["p90"] = q(0.9);
    o["max"] = q(1.0);
    return o;
}

// The human lines and --json figures of a sweep.
void printSweep(CliReport& report, const MapsSettings& settings, const MapsResult& swept, const QString& digitsArgument)
{
    const MapSweepResult& result = swept.sweep;
    const ContextMapOptions& options = settings.map;
    const std::vector<double>& thetas = settings.thetas;
    const QString split = QString::fromStdString(swept.split);
    const int samples = settings.samples;
    const double offset = settings.offset;
    const double seconds = swept.seconds;
    const QString valueName = QString::fromStdString(ContextMapOptions::name(options.value))
                              + (options.poseSmoothingDeg > 0 ? QString(", pose smoothing %1 deg").arg(options.poseSmoothingDeg) : QString())
                              + (options.centreKinds ? ", centred per kind" : "");
    report.line(QString("context-likelihood maps (%1), MNIST %2 digits %3, %4 angle(s), %5 example(s) per digit: "
                        "%6 compared pairs, %7 s")
                    .arg(valueName, split, digitsArgument)
                    .arg(thetas.size())
                    .arg(samples)
                    .arg(result.pairs.size())
                    .arg(seconds, 0, 'f', 1));
    auto line = [&](const char* label, bool same) {
        auto q = [&](double p) { return same ? result.sameQuantile(p) : result.turnedQuantile(p); };
        report.line(QString("  %1 mean %2  (min %3, p10 %4, median %5, p90 %6, max %7)")
                        .arg(label)
                        .arg(same ? result.meanSame() : result.meanTurned(), 6, 'f', 3)
                        .arg(q(0), 0, 'f', 3)
                        .arg(q(0.1), 0, 'f', 3)
                        .arg(q(0.5), 0, 'f', 3)
                        .arg(q(0.9), 0, 'f', 3)
                        .arg(q(1), 0, 'f', 3));
    };
    line("Pearson r, two digits at the same theta:       ", true);
    line(QString("Pearson r, digit at theta vs theta+%1 (mod 90):").arg(offset).toUtf8().constData(), false);
    report.line("  target: same theta >= 0.9 on average, turned clearly lower");
    QJsonArray perTheta;
    if (thetas.size() > 1) {
        report.line("  theta   same   turned");
        for (double t : result.thetas()) {
            report.line(QString("  %1  %2  %3")
                            .arg(t, 5, 'f', 1)
                            .arg(result.meanSameAt(t), 6, 'f', 3)
                            .arg(result.meanTurnedAt(t), 6, 'f', 3));
            QJsonObject o;
            o["theta"] = t;
            o["same"] = result.meanSameAt(t);
            o["turned"] = result.meanTurnedAt(t);
            perTheta.append(o);
        }
        double worst = 1;
        for (double t : result.thetas())
            worst = std::min(worst, result.meanSameAt(t));
        report.line(QString("  worst angle's mean same-theta r: %1").arg(worst, 0, 'f', 3));
        report.set("same_theta_worst_angle", worst);
    }
    // Both keys average over every compared pair: all angles, all digit pairs, all examples.
    report.set("same_theta_correlation", result.meanSame());
    report.set("theta_45_correlation", result.meanTurned());
    report.set("same_theta_distribution", distribution(result, true));
    report.set("theta_45_distribution", distribution(result, false));
    report.set("per_theta", perTheta);
    report.set("pairs", int(result.pairs.size()));
    report.set("value", QString::fromStdString(ContextMapOptions::name(options.value)));
    report.set("smoothing_deg", options.poseSmoothingDeg);
    report.set("centred", options.centreKinds);
    report.set("split", split);

}

// One row per compared pair.
void writePairsCsv(CliReport& report, const QString& path, const MapSweepResult& result, const std::vector<int>& digits)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Text))
        throw Error(path.toStdString() + ": cannot write");
    QTextStream out(&file);
    out << "theta,digit_a,digit_b,example,r_same,r_turned\n";
    for (const MapSweepPair& p : result.pairs)
        out << p.theta << ',' << digits[std::size_t(p.groupA)] << ',' << digits[std::size_t(p.groupB)] << ','
            << p.example << ',' << p.same << ',' << p.turned << '\n';
    report.line("pairs written to " + path);
}

// Fig. 12 side by side, one row per shown angle (the single theta, or
// 0/30/60 for a sweep): [cube d1 | map d1 | cube d2 | map d2 | cube d2
// turned | map d2 turned], the first example of the first two digits.
void writeFigure(CliReport& report, const QString& path, const conceptcli::World& w, const MapsSettings& settings,
             const std::vector<Matrix>& groups)
{
    const conceptcli::World* world = &w; // the figure code reads it as world->
    const ContextMapOptions& options = settings.map;
    const double offset = settings.offset;
    const bool sweep = settings.sweep;
    const std::vector<double>& thetas = settings.thetas;
    std::vector<double> shown = sweep ? std::vector<double>{0.0, 30.0, 60.0} : thetas;
    const CubeWorldView view(world->members, *world->contexts);
    const ContextLikelihoodMap map(view, options);
    const CubeRenderer renderer(world->contexts->geometry());
    const int size = world->contexts->imageSize();
    const int zoom = 2, cell = 12, columns = world->contexts->gridColumns();
    Matrix frames(world->contexts->frameSize(), 3 * Index(shown.size()));
    for (std::size_t i = 0; i < shown.size(); ++i) {
        const double turned = std::fmod(std::fmod(shown[i] + offset, 90.0) + 90.0, 90.0);
        frames.col(3 * Index(i)) = renderer.renderCube(shown[i], Vector(groups[0].col(0)));
        frames.col(3 * Index(i) + 1) = renderer.renderCube(shown[i], Vector(groups[1].col(0)));
        frames.col(3 * Index(i) + 2) = renderer.renderCube(turned, Vector(groups[1].col(0)));
    }
    const Matrix maps = map.logLikelihoods(frames, &ThreadPool::shared());
    const QImage probe = Palette::viridis().gridImage(maps.col(0), columns, cell);
    const int tile = std::max(size * zoom, probe.width());
    const int height = std::max(size * zoom, probe.height());
    QImage figure(6 * tile + 7 * 8, int(shown.size()) * (height + 8) + 8, QImage::Format_RGB32);
    figure.fill(Qt::white);
    QPainter painter(&figure);
    for (std::size_t i = 0; i < shown.size(); ++i) {
        const int y = 8 + int(i) * (height + 8);
        for (int k = 0; k < 3; ++k) {
            const Index col = 3 * Index(i) + k;
            const int x = 8 + 2 * k * (tile + 8);
            painter.drawImage(x, y, ImageConvert::toImage(frames.col(col), size, size, zoom));
            painter.drawImage(x + tile + 8, y, Palette::viridis().gridImage(maps.col(col), columns, cell));
        }
    }
    painter.end();
    PngWriter(path).write(figure);
    report.line("figure written to " + path);
}

void declareMapsOptions(QCommandLineParser& parser)
{
    parser.setApplicationDescription(
        "Context-likelihood maps (paper fig. 12): the 100 members' masked log-likelihoods of a rendered cube, as a "
        "10x10 map. Pearson correlation between the maps of two digits at the same theta, and at theta vs "
        "theta+45 (mod 90); for one angle and digit pair, or averaged over a grid of angles and all digit pairs.");
    parser.addHelpOption();
    parser.addOption({"model", "Trained cube-world model file.", "file"});
    parser.addOption({"theta", "Cube angle in degrees, or 'all' for the grid 0, step, ... < 90 (default 30).", "deg|all", "30"});
    parser.addOption({"step", "Grid step in degrees for --theta all (default 5).", "deg", "5"});
    parser.addOption({"digits", "Digits painted on all faces: two, comma-separated, or 'all' for every pair of 0-9 (default 5,9).",
                      "d1,d2|all", "5,9"});
    parser.addOption({"samples", "Example images per digit; example k of one digit is paired with example k of the other "
                                 "(default 20 for one angle, 5 for --theta all).", "N"});
    parser.addOption({"split", "MNIST split the digit images come from: test (never seen by any member) or train (default test).",
                      "test|train", "test"});
    parser.addOption({"value", "Map value: robust-sigma (default) or mean-square (see docs/concept.md).", "name", "robust-sigma"});
    parser.addOption({"smooth", "Pose smoothing of the map: Gaussian standard deviation in degrees over each face kind's poses, 0 = off (default: the library's).", "deg"});
    parser.addOption({"centre", "Subtract each face kind's mean per image: 1 (default) or 0.", "1|0", "1"});
    parser.addOption({"offset", "Angle between the turned cube and the first one, degrees (default 45).", "deg", "45"});
    parser.addOption({"png", "Write the figure (cubes and maps side by side) to this PNG.", "file"});
    parser.addOption({"csv", "Write one row per compared pair (theta, digits, example, r same, r turned).", "file"});
}

// --theta (one angle, or 'all' for the grid of --step).
std::vector<double> parseThetas(const QCommandLineParser& parser, bool sweep)
{
    bool ok = false;
    std::vector<double> thetas;
    if (sweep) {
        const double step = parser.value("step").toDouble(&ok);
        if (!ok || !(step >= 0.5) || step > 90)
            throw conceptcli::UsageError("--step must be a number of degrees in 0.5..90");
        thetas = MapSweep::grid(step);
    } else {
        const double theta = parser.value("theta").toDouble(&ok);
        if (!ok || !std::isfinite(theta))
            throw conceptcli::UsageError("--theta must be a number of degrees or 'all'");
        thetas = {theta};
    }
    return thetas;
}

// --digits (two different digits, or 'all').
std::vector<int> parseDigits(const QCommandLineParser& parser)
{
    std::vector<int> digits;
    if (parser.value("digits") == "all") {
        for (int d = 0; d < 10; ++d)
            digits.push_back(d);
    } else {
        const QStringList list = parser.value("digits").split(',');
        if (list.size() != 2 || list[0].size() != 1 || list[1].size() != 1 || !list[0][0].isDigit() || !list[1][0].isDigit()
            || list[0] == list[1])
            throw conceptcli::UsageError("--digits must be two different digits, e.g. 5,9, or 'all'");
        digits = {list[0][0].digitValue(), list[1][0].digitValue()};
    }
    return digits;
}

// The experiment's settings from the parsed options; a UsageError names the
// first bad one (checked in the order the options are listed).
MapsSettings mapsSettings(const QCommandLineParser& parser)
{
    if (!parser.isSet("model"))
        throw conceptcli::UsageError("--model FILE is required");
    bool ok = false;
    const bool sweep = parser.value("theta") == "all";
    const std::vector<double> thetas = parseThetas(parser, sweep);
    const std::vector<int> digits = parseDigits(parser);
    const int samples = parser.isSet("samples") ? parser.value("samples").toInt(&ok) : (sweep ? 5 : 20);
    if (parser.isSet("samples") && (!ok || samples < 1 || samples > 1000))
        throw conceptcli::UsageError("--samples must be between 1 and 1000");
    const QString split = parser.value("split");
    if (split != "test" && split != "train")
        throw conceptcli::UsageError("--split must be test or train");
    ContextMapOptions options;
    try {
        options.value = ContextMapOptions::parse(parser.value("value").toStdString());
    } catch (const Error& e) {
        throw conceptcli::UsageError(e.what());
    }
    if (parser.isSet("smooth")) {
        options.poseSmoothingDeg = parser.value("smooth").toDouble(&ok);
        if (!ok || !(options.poseSmoothingDeg >= 0) || options.poseSmoothingDeg > 90)
            throw conceptcli::UsageError("--smooth must be 0 (off) or a standard deviation in degrees up to 90");
    }
    if (parser.value("centre") != "0" && parser.value("centre") != "1")
        throw conceptcli::UsageError("--centre must be 0 or 1");
    options.centreKinds = parser.value("centre") == "1";
    const double offset = parser.value("offset").toDouble(&ok);
    if (!ok || !std::isfinite(offset))
        throw conceptcli::UsageError("--offset must be a number of degrees");

    MapsSettings settings;
    settings.model = parser.value("model").toStdString();
    settings.thetas = thetas;
    settings.sweep = sweep;
    settings.digits = digits;
    settings.samples = samples;
    settings.testSplit = split == "test";
    settings.map = options;
    settings.offset = offset;
    return settings;
}

int runMaps(const QStringList& arguments, CliReport& report)
{
    QCommandLineParser parser;
    declareMapsOptions(parser);
    int exitCode = 0;
    if (!CliOptions::parse(parser, arguments, "maps", exitCode))
        return exitCode;

    const MapsSettings settings = mapsSettings(parser);
    const std::vector<int>& digits = settings.digits;
    const auto world = std::make_shared<const conceptcli::World>(conceptcli::loadWorld(parser.value("model")));
    MapsExperiment experiment(settings, world);
    const MapsResult swept = experiment.run();

    printSweep(report, settings, swept, parser.value("digits"));
    if (parser.isSet("csv"))
        writePairsCsv(report, parser.value("csv"), swept.sweep, digits);
    if (parser.isSet("png"))
        writeFigure(report, parser.value("png"), *world, settings, swept.groups);
    return 0;
}

} // namespace

int runMapsCommand(const QStringList& arguments, CliReport& report)
{
    return CliOptions::run("maps", [&] { return runMaps(arguments, report); });
}
