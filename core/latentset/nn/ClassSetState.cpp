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

ClassSetState ClassSetState::take(ChunkFile& project)
{
    const auto* chunk = project.find(kTag);
    if (!chunk)
        return {};
    project.checkVersion(*chunk, kVersion);
    {
        const ChunkFile inner = ChunkFile::fromBytes(chunk->payload, project.describe(*chunk));
        inner.require("AESE", 1);
        inner.require("CSTK", 2);
    } // the checked copy goes before the payload is taken
    return ClassSetState{project.takePayload(kTag)};
}

ClassSetState::Restored ClassSetState::restore(std::vector<Dataset> perClass, const ClassSetSettings& settings)
{
    if (bytes.empty())
        throw Error("class-set training state: nothing to restore");
    AutoencoderSet full;
    ChunkFile order("project training state"); // "CSTK" alone: small
    {
        ChunkFile inner = ChunkFile::fromBytes(bytes, "project training state");
        std::string().swap(bytes); // parsed: the serialised copy goes
        full = ModelFile::readSet(inner);
        const auto& c = inner.require("CSTK", 2);
        order.add(c.tag, c.version, c.payload);
    } // the members' payload goes before the task is built
    Restored r;
    r.task = std::make_shared<ClassSetTask>(std::move(full), std::move(perClass), settings);
    try {
        // readState changes nothing unless it succeeds (nn/ClassSetTask.h):
        // on failure the task is as built, the order starting afresh.
        r.task->readState(order);
        if (r.task->requestedBatchSize() != settings.batchSize)
            r.task->setBatchSize(settings.batchSize); // asked for before saving, not yet applied
        r.startEpoch = r.task->epochsDone();
        r.startBatch = r.task->batchInEpoch();
    } catch (const Error& e) {
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
