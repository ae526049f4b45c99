#include "latentset/cube/SharedLatentState.h"

#include "latentset/data/Dataset.h"
#include "latentset/nn/ModelFile.h"
#include "latentset/util/BinaryReader.h"
#include "latentset/util/BinaryWriter.h"
#include "latentset/util/ChunkFile.h"
#include "latentset/util/Error.h"

#include <cmath>

namespace latentset {

namespace {

bool sameContexts(const CubeContextsConfig& a, const CubeContextsConfig& b)
{
    return a.sideCount == b.sideCount && a.topCount == b.topCount && a.cube == b.cube;
}

} // namespace

void SharedLatentState::writeWith(ChunkFile& file, const AutoencoderSet& set) const
{
    BinaryWriter w;
    contexts.write(w);
    w.writeString(glyphName);
    w.writeI64(glyphCount);
    w.writeU32(glyphChecksum);
    settings.writeRecipe(w);
    w.writeI32(settings.cyclesPerEpoch);
    w.writeF32(learningRate);
    w.writeI64(rounds);
    file.add(kTag, kVersion, w.take());
    ModelFile::writeSet(file, set, true);
    if (!history.empty())
        ModelFile::writeHistory(file, history);
}

bool SharedLatentState::present(const ChunkFile& file)
{
    return file.find(kTag) != nullptr;
}

SharedLatentState SharedLatentState::read(const ChunkFile& file)
{
    const ChunkFile::Chunk& chunk = file.require(kTag, kVersion);
    BinaryReader r(chunk.payload, file.describe(chunk));
    SharedLatentState s;
    s.contexts = CubeContextsConfig::read(r);
    s.glyphName = r.readString();
    s.glyphCount = r.readI64();
    s.glyphChecksum = r.readU32();
    s.settings.readRecipe(r);
    s.settings.cyclesPerEpoch = r.readI32();
    s.learningRate = r.readF32();
    s.rounds = r.readI64();
    r.expectEnd();
    try {
        s.settings.validate();
    } catch (const Error& e) {
        r.fail(e.what());
    }
    if (s.glyphCount < 1)
        r.fail("no training glyphs recorded");
    if (!(s.learningRate > 0.0f) || !std::isfinite(s.learningRate))
        r.fail("learning rate in effect must be > 0");
    if (s.rounds < 0)
        r.fail("negative round count");

    s.members = ModelFile::readSet(file);
    const AutoencoderConfig& got = s.members.config();
    AutoencoderConfig want = AutoencoderConfig::make(got.inputSize, {s.settings.hidden}, s.settings.latent, true);
    want.loss = LossKind::BinaryCrossEntropy;
    if (!(got == want))
        throw Error(file.name() + ": the members (" + got.describe() + ") are not the shape the training settings say ("
                    + want.describe() + ")");
    // Whoever builds these contexts next (checkFits) builds them from the
    // file's claim: bound that work by the members the file proved it holds.
    try {
        s.contexts.checkMembers(s.members.size(), got.inputSize);
    } catch (const Error& e) {
        throw Error(file.name() + ": " + e.what());
    }
    // Without the moments a resumed run is not the uninterrupted one: a state
    // saved values-only is damaged, not a different kind of file.
    for (int i = 0; i < s.members.size(); ++i)
        for (const Parameter* p : s.members.member(i).parameters())
            if (!p->hasTrainingState())
                throw Error(file.name() + ": member " + std::to_string(i)
                            + " was saved without its optimiser state; the training cannot resume");
    s.history = ModelFile::readHistory(file);
    return s;
}

void SharedLatentState::checkFits(const CubeContexts& built) const
{
    if (!sameContexts(built.config(), contexts))
        throw Error("cube training state: saved for other contexts (" + std::to_string(contexts.count())
                    + " contexts at " + std::to_string(contexts.cube.imageSize) + " px) than these ("
                    + std::to_string(built.size()) + " at " + std::to_string(built.imageSize()) + " px)");
    if (members.size() != built.size())
        throw Error("cube training state: " + std::to_string(members.size()) + " members for "
                    + std::to_string(built.size()) + " contexts");
    if (members.config().inputSize != built.largestMask())
        throw Error("cube training state: members take " + std::to_string(members.config().inputSize)
                    + " inputs, the contexts need " + std::to_string(built.largestMask()));
}

std::string SharedLatentState::glyphMismatch(const Dataset& glyphs) const
{
    if (glyphs.size() != glyphCount)
        return "trained on " + std::to_string(glyphCount) + " glyphs (" + glyphName + "), now "
               + std::to_string(glyphs.size()) + " (" + glyphs.name() + ")";
    if (glyphChecksumOf(glyphs) != glyphChecksum)
        return "the glyph images differ from the ones trained on (" + glyphName + ")";
    return {};
}

std::uint32_t SharedLatentState::glyphChecksumOf(const Dataset& glyphs)
{
    const auto& bytes = glyphs.pixels();
    return ChunkFile::crc32(reinterpret_cast<const char*>(bytes.data()), bytes.size());
}

void SharedLatentState::writeProjectChunk(ChunkFile& project, std::string stateBytes)
{
    if (!stateBytes.empty())
        project.add(kProjectTag, kProjectVersion, std::move(stateBytes));
}

std::shared_ptr<SharedLatentState> SharedLatentState::readProjectChunk(const ChunkFile& project, const CubeContexts* known)
{
    const auto* chunk = project.find(kProjectTag);
    if (!chunk)
        return nullptr;
    project.checkVersion(*chunk, kProjectVersion);
    const ChunkFile inner = ChunkFile::fromBytes(chunk->payload, project.describe(*chunk));
    auto state = std::make_shared<SharedLatentState>(read(inner));
    // The members must fit their contexts: checked now, so a damaged state
    // fails the open instead of the first Play. The cube world's contexts
    // are normally the same ones (already built).
    try {
        const CubeContextsConfig& k = known ? known->config() : state->contexts;
        const bool same = known && k.sideCount == state->contexts.sideCount && k.topCount == state->contexts.topCount
                          && k.cube == state->contexts.cube;
        if (same)
            state->checkFits(*known);
        else
            state->checkFits(CubeContexts(state->contexts));
    } catch (const Error& e) {
        throw Error(project.describe(*chunk) + ": " + e.what());
    }
    return state;
}

} // namespace latentset
