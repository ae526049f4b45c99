#include "project/ProjectWorld.h"

#include "image/WorldSources.h"
#include "session/SessionWorld.h"
#include "training/WorldTaskBuilder.h"

#include "latentset/experiments/WorldTrainExperiment.h"
#include "latentset/nn/AutoencoderSet.h"
#include "latentset/util/ChunkFile.h"
#include "latentset/util/Error.h"
#include "latentset/world/WorldConcept.h"
#include "latentset/world/WorldLikelihood.h"
#include "latentset/world/WorldModel.h"

void ProjectWorld::write(latentset::ChunkFile& project, const SessionWorld& world,
                         const latentset::WorldConcept* level2)
{
    latentset::WorldModel model;
    model.spec = world.spec;
    model.members = world.members->inferenceCopy(); // weights only (see the header)
    model.training = world.training;
    // The recipe's shape is the members' own (a world model file checks the one against the other).
    const latentset::AutoencoderConfig& config = model.members.config();
    if (config.hiddenSizes.size() == 1) {
        model.training.hidden = config.hiddenSizes.front();
        model.training.latent = config.latentSize;
    }
    model.rounds = world.rounds;
    model.noiseVariance = world.noiseVariance > 0
        ? world.noiseVariance
        : latentset::WorldLikelihood::noiseVariance(model.members, *world.train,
                                                     latentset::WorldTrainExperiment::spread(*world.train, 50));
    latentset::ChunkFile nested(project.name() + ": chunk '" + kTag + "'");
    model.addTo(nested);
    if (level2)
        level2->write(nested);
    project.add(kTag, kVersion, nested.toBytes());
}

bool ProjectWorld::present(const latentset::ChunkFile& project) { return project.find(kTag) != nullptr; }

ProjectWorld ProjectWorld::read(const latentset::ChunkFile& project, const QString& path)
{
    const latentset::ChunkFile::Chunk& chunk = project.require(kTag, kVersion);
    const std::string where = path.toStdString() + ": the project's context world (chunk '" + kTag + "')";
    ProjectWorld out;
    try {
        const latentset::ChunkFile nested = latentset::ChunkFile::fromBytes(chunk.payload, where);
        out.model = std::make_shared<const latentset::WorldModel>(latentset::WorldModel::from(nested));
        if (latentset::WorldConcept::present(nested)) {
            out.level2 = std::make_shared<const latentset::WorldConcept>(latentset::WorldConcept::read(nested));
            if (out.level2->contexts() != out.model->members.size())
                throw latentset::Error(where + ": its level-2 concept has " + std::to_string(out.level2->contexts())
                                       + " contexts, the world " + std::to_string(out.model->members.size()));
        }
    } catch (const latentset::Error& e) {
        const std::string message = e.what();
        // Messages from the nested reader already start with `where`.
        throw latentset::Error(message.rfind(where, 0) == 0 ? message : where + ": " + message);
    }
    if (!WorldTaskBuilder::needsGuiThread(out.model->spec))
        out.build(path);
    return out;
}

bool ProjectWorld::build(const QString& path)
{
    if (!source.empty())
        return true;
    if (!buildError.isEmpty())
        return false;
    try {
        source = WorldSources::forSpec(model->spec);
        model->checkFits(*source.test);
        return true;
    } catch (const std::exception& e) {
        source = {};
        buildError = QString("%1: the project's %2 world cannot be shown here: %3")
                         .arg(path, QString::fromStdString(model->spec.kind), QString::fromUtf8(e.what()));
        return false;
    }
}
