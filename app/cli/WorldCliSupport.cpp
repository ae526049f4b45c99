// The pieces every `latentset-cli world` action shares (WorldCliSupport.h).
#include "WorldCliSupport.h"

#include "CliOptions.h"
#include "image/PairedFolderReader.h"

#include "latentset/world/PairedWorld.h"

#include <QCommandLineParser>

#include <cmath>

using namespace latentset;

namespace worldcli {

WorldSource sourceFor(const WorldSpec& spec)
{
    if (!spec.isFolder())
        return WorldSource::mnist(spec);
    const auto [train, test] = PairedWorld::split(PairedFolderReader::read(QString::fromStdString(spec.folder)));
    return {train, test};
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

} // namespace worldcli
