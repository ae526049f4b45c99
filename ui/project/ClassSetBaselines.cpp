#include "project/ClassSetBaselines.h"

#include "latentset/likelihood/LikelihoodModel.h"
#include "latentset/nn/AutoencoderSet.h"
#include "latentset/nn/ClassSetState.h"
#include "latentset/nn/Mlp.h"
#include "latentset/nn/ModelFile.h"
#include "latentset/util/ChunkFile.h"
#include "latentset/util/Error.h"

#include <optional>

using latentset::ChunkFile;
using latentset::ClassSetState;

void ClassSetBaselines::writeSet(ChunkFile& project, const latentset::AutoencoderSet& set, const Models& models)
{
    if (!models.mlp && !models.likelihood) {
        ClassSetState::writeSet(project, set); // the layout of every project before the baselines
        return;
    }
    ChunkFile inner("class set");
    latentset::ModelFile::writeSet(inner, set, false);
    if (models.mlp)
        latentset::ModelFile::writeMlp(inner, *models.mlp);
    if (models.likelihood)
        models.likelihood->addTo(inner);
    project.add(ClassSetState::kSetTag, ClassSetState::kSetVersion, inner.toBytes());
}

ClassSetBaselines::Models ClassSetBaselines::read(const ChunkFile& project, bool cubeModel,
                                                  const latentset::AutoencoderSet* set, const std::string& source)
{
    Models out;
    if (!set)
        return out;
    std::optional<ChunkFile> nested;
    if (const auto* chunk = project.find(ClassSetState::kSetTag)) {
        project.checkVersion(*chunk, ClassSetState::kSetVersion);
        nested = ChunkFile::fromBytes(chunk->payload, project.describe(*chunk));
    } else if (cubeModel) {
        return out; // a cube world's file: its top-level chunks are the cube's
    }
    const ChunkFile& file = nested ? *nested : project;
    if (file.find("MLPN")) {
        latentset::Mlp mlp = latentset::ModelFile::readMlp(file);
        if (mlp.inputSize() != set->config().inputSize)
            throw latentset::Error(source + ": the MLP takes " + std::to_string(mlp.inputSize()) +
                                   " pixels, the class set " + std::to_string(set->config().inputSize));
        out.mlp = std::make_shared<const latentset::Mlp>(mlp.inferenceCopy());
    }
    if (std::optional<latentset::LikelihoodModel> likelihood = latentset::LikelihoodModel::readFrom(file)) {
        likelihood->checkFits(*set, source);
        out.likelihood = std::make_shared<const latentset::LikelihoodModel>(std::move(*likelihood));
    }
    return out;
}
