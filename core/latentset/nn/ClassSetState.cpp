#include "latentset/nn/ClassSetState.h"

#include "latentset/nn/ModelFile.h"
#include "latentset/util/ChunkFile.h"
#include "latentset/util/Error.h"

namespace latentset {

ClassSetState ClassSetState::capture(const ClassSetTask& task)
{
    ChunkFile inner("training state");
    ModelFile::writeSet(inner, task.set(), true);
    task.writeState(inner);
    return ClassSetState{inner.toBytes()};
}

void ClassSetState::write(ChunkFile& project) const
{
    if (!bytes.empty())
        project.add(kTag, kVersion, bytes);
}

ClassSetState ClassSetState::read(const ChunkFile& project)
{
    const auto* chunk = project.find(kTag);
    if (!chunk)
        return {};
    project.checkVersion(*chunk, kVersion);
    const ChunkFile inner = ChunkFile::fromBytes(chunk->payload, project.describe(*chunk));
    inner.require("AESE", 1);
    inner.require("CSTK", 2);
    return ClassSetState{chunk->payload};
}

ClassSetState::Restored ClassSetState::restore(std::vector<Dataset> perClass, const ClassSetSettings& settings) const
{
    if (bytes.empty())
        throw Error("class-set training state: nothing to restore");
    const ChunkFile inner = ChunkFile::fromBytes(bytes, "project training state");
    AutoencoderSet full = ModelFile::readSet(inner);
    Restored r;
    auto keep = std::make_shared<ClassSetTask>(full, perClass, settings);
    try {
        keep->readState(inner);
        r.task = std::move(keep);
        if (r.task->requestedBatchSize() != settings.batchSize)
            r.task->setBatchSize(settings.batchSize); // asked for before saving, not yet applied
        r.startEpoch = r.task->epochsDone();
        r.startBatch = r.task->batchInEpoch();
    } catch (const Error& e) {
        r.task = std::make_shared<ClassSetTask>(std::move(full), std::move(perClass), settings);
        r.note = e.what();
    }
    return r;
}

void ClassSetState::writeSet(ChunkFile& project, const AutoencoderSet& set)
{
    ChunkFile inner("class set");
    ModelFile::writeSet(inner, set, false);
    project.add(kSetTag, kSetVersion, inner.toBytes());
}

bool ClassSetState::hasSet(const ChunkFile& project, bool cubeModel)
{
    return project.find(kSetTag) != nullptr || (!cubeModel && project.find("AESE") != nullptr);
}

std::shared_ptr<const AutoencoderSet> ClassSetState::readSet(const ChunkFile& project, bool cubeModel)
{
    if (const auto* nested = project.find(kSetTag)) {
        project.checkVersion(*nested, kSetVersion);
        const ChunkFile inner = ChunkFile::fromBytes(nested->payload, project.describe(*nested));
        return std::make_shared<const AutoencoderSet>(ModelFile::readSet(inner));
    }
    if (hasSet(project, cubeModel))
        return std::make_shared<const AutoencoderSet>(ModelFile::readSet(project));
    return nullptr;
}

} // namespace latentset
