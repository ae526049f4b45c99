#include "latentset/world/WorldModel.h"

#include "latentset/nn/ModelFile.h"
#include "latentset/util/BinaryReader.h"
#include "latentset/util/BinaryWriter.h"
#include "latentset/util/ChunkFile.h"
#include "latentset/util/Error.h"
#include "latentset/util/JsonReader.h"
#include "latentset/util/JsonWriter.h"

#include <cmath>

namespace latentset {

void WorldModel::addTo(ChunkFile& file) const
{
    BinaryWriter head;
    head.writeString(JsonWriter::write(spec.toJson()));
    training.writeRecipe(head);
    head.writeI64(rounds);
    head.writeF64(trainSeconds);
    head.writeF64(selfError);
    head.writeF64(transferError);
    head.writeF64(noiseVariance);
    file.add(kTag, kVersion, head.take());
    ModelFile::writeSet(file, members, withTrainingState);
    if (!history.empty())
        ModelFile::writeHistory(file, history);
}

void WorldModel::save(const std::string& path) const
{
    ChunkFile file(path);
    addTo(file);
    file.save(path);
}

bool WorldModel::isWorldModel(const ChunkFile& file)
{
    return file.find(kTag) && file.find("AESE");
}

WorldModel WorldModel::from(const ChunkFile& file)
{
    if (!isWorldModel(file))
        throw Error(file.name() + ": not a world model (no '" + kTag + "' chunk with a member set)");
    WorldModel m;
    const ChunkFile::Chunk& chunk = file.require(kTag, kVersion);
    BinaryReader head(chunk.payload, file.describe(chunk));
    const std::string specText = head.readString();
    m.training.readRecipe(head);
    m.rounds = head.readI64();
    m.trainSeconds = head.readF64();
    m.selfError = head.readF64();
    m.transferError = head.readF64();
    m.noiseVariance = head.readF64();
    head.expectEnd();
    try {
        m.spec = WorldSpec::fromJson(JsonReader::parse(specText, "world settings"));
        m.training.validate();
    } catch (const Error& e) {
        head.fail(e.what());
    }
    if (m.rounds < 0 || !(m.noiseVariance >= 0) || !std::isfinite(m.noiseVariance))
        head.fail("implausible rounds or noise variance");
    m.members = ModelFile::readSet(file);
    m.withTrainingState = m.members.size() > 0;
    for (int i = 0; i < m.members.size() && m.withTrainingState; ++i)
        for (const Parameter* p : m.members.member(i).parameters())
            m.withTrainingState = m.withTrainingState && p->hasTrainingState();
    m.history = ModelFile::readHistory(file); // empty when the file has none
    for (const auto& row : m.history.rows)
        if (row.size() != m.history.columns.size())
            throw Error(file.name() + ": chunk 'HIST': a row of " + std::to_string(row.size()) + " values for "
                        + std::to_string(m.history.columns.size()) + " columns");
    // Before a front end builds the world's warps from the settings: the
    // members, whose bytes their reader proved, must be one per context.
    if (const long long claimed = m.spec.contextCountIfKnown(); claimed >= 0 && claimed != m.members.size())
        throw Error(file.name() + ": " + std::to_string(m.members.size()) + " members for the "
                    + std::to_string(claimed) + " contexts its world settings name");
    const AutoencoderConfig& got = m.members.config();
    AutoencoderConfig want = AutoencoderConfig::make(got.inputSize, {m.training.hidden}, m.training.latent, true);
    want.loss = LossKind::BinaryCrossEntropy;
    if (!(got == want))
        throw Error(file.name() + ": the members (" + got.describe() + ") are not the shape the training settings say ("
                    + want.describe() + ")");
    return m;
}

WorldModel WorldModel::load(const std::string& path)
{
    return from(ChunkFile::load(path));
}

void WorldModel::checkFits(const ContextWorld& world) const
{
    if (members.size() != world.contextCount())
        throw Error("world model: " + std::to_string(members.size()) + " members for the world's "
                    + std::to_string(world.contextCount()) + " contexts");
    if (members.config().inputSize != world.memberInputSize())
        throw Error("world model: members take " + std::to_string(members.config().inputSize)
                    + " inputs, the world's contexts need " + std::to_string(world.memberInputSize()));
}

} // namespace latentset
