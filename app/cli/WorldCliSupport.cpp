// The pieces every `latentset-cli world` action shares (WorldCliSupport.h).
#include "WorldCliSupport.h"

#include "CliOptions.h"
#include "CliReport.h"
#include "ConceptCliSupport.h"
#include "image/FontGlyphs.h"
#include "image/WorldSources.h"

#include <QCommandLineParser>

#include <cmath>

using namespace latentset;

namespace worldcli {

WorldSource sourceFor(const WorldSpec& spec)
{
    return WorldSources::forSpec(spec);
}

Vector glyphOrFontGlyph(const std::string& word)
{
    if (word.rfind("font:", 0) == 0) {
        const QString w = QString::fromStdString(word);
        const int colon = w.lastIndexOf(':');
        const QString family = w.mid(5, colon - 5), character = w.mid(colon + 1);
        if (colon <= 5 || character.size() != 1)
            throw Error(word + ": expected font:<family>:<one character>");
        return FontGlyphs::render(family, character.front());
    }
    return conceptcli::glyphFromArgument(QString::fromStdString(word));
}

LoadedWorld loadWorld(const CliOptions& options)
{
    auto model = std::make_shared<const WorldModel>(WorldModel::load(options.existingModelFile().toStdString()));
    LoadedWorld w{model, sourceFor(model->spec)};
    model->checkFits(*w.source.test);
    return w;
}

void addCommon(QCommandLineParser& parser)
{
    parser.addHelpOption();
    parser.addPositionalArgument("action", "train, transfer, estimate or oneshot");
}

int mapColumns(const ContextWorld& world)
{
    const std::vector<int> grid = world.grid();
    if (!grid.empty() && grid.back() > 1 && grid.back() <= 64)
        return grid.back();
    return std::max(1, int(std::ceil(std::sqrt(double(world.contextCount())) - 1e-9)));
}

void printRoundProgress(const CliReport& report, std::int64_t rounds, const TrainerProgress& p)
{
    report.line(QString("round %1  %2 s  loss/pixel self %3  cross %4  (%5 samples/s)")
                    .arg(rounds)
                    .arg(p.elapsedSeconds, 0, 'f', 0)
                    .arg(p.losses[0], 0, 'f', 4)
                    .arg(p.losses[1], 0, 'f', 4)
                    .arg(p.samplesPerSecond, 0, 'f', 0));
}

} // namespace worldcli
