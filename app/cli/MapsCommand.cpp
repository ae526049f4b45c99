// latentset-cli maps: context-likelihood maps of cubes (the paper's §11,
// fig. 12): cubes at the same angle with different digits give near-identical
// maps; at another angle the map changes. See docs/concept.md.
#include "Commands.h"
#include "CliReport.h"
#include "ConceptCliSupport.h"

#include "latentset/concept/ContextLikelihoodMap.h"
#include "latentset/concept/Correlation.h"
#include "latentset/concept/CubeWorldView.h"
#include "latentset/cube/CubeRenderer.h"
#include "latentset/data/Dataset.h"
#include "latentset/util/Error.h"
#include "latentset/util/ThreadPool.h"

#include <QCommandLineParser>
#include <QPainter>

using namespace latentset;

namespace {

int runMaps(const QStringList& arguments, CliReport& report)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        "Context-likelihood maps (paper fig. 12): the 100 members' per-pixel masked log-likelihoods of a rendered "
        "cube, as a 10x10 map, for two digits at the same angle; Pearson correlation of the maps at theta and at "
        "theta+45.");
    parser.addHelpOption();
    parser.addOption({"model", "Trained cube-world model file.", "file"});
    parser.addOption({"theta", "Cube angle in degrees (default 30).", "deg", "30"});
    parser.addOption({"digits", "Two MNIST digits painted on all faces, comma-separated (default 5,9).", "d1,d2", "5,9"});
    parser.addOption({"samples", "Pairs of digit images averaged in the correlations (default 20).", "N", "20"});
    parser.addOption({"png", "Write the figure (cubes and maps side by side) to this PNG.", "file"});
    parser.process(arguments);

    if (!parser.isSet("model"))
        throw conceptcli::UsageError("--model FILE is required");
    bool ok = false;
    const double theta = parser.value("theta").toDouble(&ok);
    if (!ok)
        throw conceptcli::UsageError("--theta must be a number of degrees");
    const QStringList digits = parser.value("digits").split(',');
    if (digits.size() != 2 || digits[0].size() != 1 || digits[1].size() != 1 || !digits[0][0].isDigit()
        || !digits[1][0].isDigit())
        throw conceptcli::UsageError("--digits must be two digits, e.g. 5,9");
    const int samples = parser.value("samples").toInt(&ok);
    if (!ok || samples < 1 || samples > 1000)
        throw conceptcli::UsageError("--samples must be between 1 and 1000");

    const conceptcli::World world = conceptcli::loadWorld(parser.value("model"));
    const CubeWorldView view(world.members, *world.contexts);
    const ContextLikelihoodMap map(view);
    const CubeRenderer renderer(world.contexts->geometry());
    const Dataset& train = conceptcli::mnistTrain();
    const auto first = train.indicesOfClass(digits[0][0].digitValue());
    const auto second = train.indicesOfClass(digits[1][0].digitValue());
    if (first.empty() || second.empty())
        throw Error("maps: a digit has no training images");

    // Frames: for sample k, digit 1 at theta, digit 2 at theta, digit 2 at theta + 45.
    const Index frameSize = world.contexts->frameSize();
    Matrix frames(frameSize, 3 * samples);
    for (int k = 0; k < samples; ++k) {
        const Vector g1 = train.imageVector(first[std::size_t(k) % first.size()]);
        const Vector g2 = train.imageVector(second[std::size_t(k) % second.size()]);
        frames.col(3 * k) = renderer.renderCube(theta, g1);
        frames.col(3 * k + 1) = renderer.renderCube(theta, g2);
        frames.col(3 * k + 2) = renderer.renderCube(theta + 45.0, g2);
    }
    const Matrix maps = map.logLikelihoods(frames, &ThreadPool::shared());
    double same = 0, other = 0;
    for (int k = 0; k < samples; ++k) {
        same += Correlation::pearson(maps.col(3 * k), maps.col(3 * k + 1));
        other += Correlation::pearson(maps.col(3 * k), maps.col(3 * k + 2));
    }
    same /= samples;
    other /= samples;

    report.line(QString("context-likelihood maps, %1 cube pairs, theta %2 deg").arg(samples).arg(theta));
    report.line(QString("  Pearson r, digit %1 vs digit %2 at the same theta:   %3   (target >= 0.9)")
                    .arg(digits[0], digits[1])
                    .arg(same, 0, 'f', 3));
    report.line(QString("  Pearson r, digit %1 at theta vs digit %2 at theta+45: %3   (should be clearly lower)")
                    .arg(digits[0], digits[1])
                    .arg(other, 0, 'f', 3));
    report.set("same_theta_correlation", same);
    report.set("theta_45_correlation", other);

    if (parser.isSet("png")) {
        // Fig. 12 side by side: [cube d1 | map d1 | cube d2 | map d2 | cube d2 +45 | map d2 +45].
        const int size = world.contexts->imageSize();
        const int zoom = 2, cell = 12, columns = world.contexts->gridColumns();
        const QImage probe = conceptcli::heatmapImage(maps.col(0), columns, cell);
        const int tile = std::max(size * zoom, probe.width());
        const int height = std::max(size * zoom, probe.height());
        QImage figure(6 * tile + 7 * 8, height + 16, QImage::Format_RGB32);
        figure.fill(Qt::white);
        QPainter painter(&figure);
        for (int k = 0; k < 3; ++k) {
            const int x = 8 + 2 * k * (tile + 8);
            painter.drawImage(x, 8, conceptcli::grayImage(frames.col(k), size, size, zoom));
            painter.drawImage(x + tile + 8, 8, conceptcli::heatmapImage(maps.col(k), columns, cell));
        }
        painter.end();
        conceptcli::savePng(figure, parser.value("png"));
        report.line("figure written to " + parser.value("png"));
    }
    return 0;
}

} // namespace

int runMapsCommand(const QStringList& arguments, CliReport& report)
{
    return conceptcli::runWithUsage("maps", [&] { return runMaps(arguments, report); });
}
