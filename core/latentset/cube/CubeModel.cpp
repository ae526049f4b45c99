#include "latentset/cube/CubeModel.h"

#include "latentset/nn/ModelFile.h"
#include "latentset/util/BinaryReader.h"
#include "latentset/util/BinaryWriter.h"
#include "latentset/util/ChunkFile.h"
#include "latentset/util/Error.h"

namespace latentset {

namespace {

// Reads the member config of the interim "CUBM" chunk.
AutoencoderConfig readConfig(BinaryReader& in)
{
    AutoencoderConfig c;
    auto count = [&](const char* what) {
        const std::uint32_t n = in.readU32();
        if (n > 64)
            in.fail(std::string("implausible number of ") + what + ": " + std::to_string(n));
        return n;
    };
    try {
        c.inputSize = in.readI64();
        c.hiddenSizes.assign(count("hidden layers"), 0);
        for (auto& h : c.hiddenSizes)
            h = in.readI64();
        c.latentSize = in.readI64();
        c.encoderActivations.assign(count("encoder activations"), Activation::Linear);
        for (auto& a : c.encoderActivations)
            a = parseActivation(in.readString());
        c.decoderActivations.assign(count("decoder activations"), Activation::Linear);
        for (auto& a : c.decoderActivations)
            a = parseActivation(in.readString());
        c.tied = in.readBool();
        c.loss = parseLoss(in.readString());
        c.validate();
    } catch (const Error& e) {
        if (std::string(e.what()).rfind(in.sourceName(), 0) == 0)
            throw;
        in.fail(e.what());
    }
    return c;
}

} // namespace

void CubeModel::addTo(ChunkFile& file) const
{
    if (!contexts)
        throw Error("cube model: no contexts to save");
    BinaryWriter head;
    contexts->config().write(head);
    training.writeRecipe(head);
    head.writeI64(rounds);
    head.writeF64(trainSeconds);
    head.writeF64(selfError);
    head.writeF64(transferError);
    file.add(kTag, kVersion, head.take());

    ModelFile::writeSet(file, members, false);
}

void CubeModel::save(const std::string& path) const
{
    ChunkFile file(path);
    addTo(file);
    file.save(path);
}

bool CubeModel::isCubeModel(const ChunkFile& file)
{
    return file.find(kTag) && (file.find(kMembersTag) || file.find("AESE"));
}

CubeModel CubeModel::from(const ChunkFile& file)
{
    if (!isCubeModel(file))
        throw Error(file.name() + ": not a cube-world model (no '" + kTag + "' chunk with a member set)");
    CubeModel model;
    const ChunkFile::Chunk& headChunk = file.require(kTag, kVersion);
    BinaryReader head(headChunk.payload, file.describe(headChunk));
    const CubeContextsConfig config = CubeContextsConfig::read(head);
    model.training.readRecipe(head);
    model.rounds = head.readI64();
    model.trainSeconds = head.readF64();
    model.selfError = head.readF64();
    model.transferError = head.readF64();
    head.expectEnd();

    // Members first: their reader proves the file holds them, and only then
    // may the config's claims (context count, frame size) build the warps.
    auto buildContexts = [&](int memberCount, Index memberInputSize, const std::string& source) {
        try {
            config.checkMembers(memberCount, memberInputSize);
        } catch (const Error& e) {
            throw Error(source + ": " + e.what());
        }
        model.contexts = std::make_shared<const CubeContexts>(config);
    };
    if (!file.find(kMembersTag)) {
        model.members = ModelFile::readSet(file);
        buildContexts(model.members.size(), model.members.config().inputSize, file.name());
        if (model.members.config().inputSize != model.contexts->largestMask())
            throw Error(file.name() + ": members take " + std::to_string(model.members.config().inputSize)
                        + " inputs, the contexts need " + std::to_string(model.contexts->largestMask()));
        return model;
    }
    // The interim format (before nn/ModelFile): "CUBM".
    const ChunkFile::Chunk& bodyChunk = file.require(kMembersTag, kVersion);
    BinaryReader body(bodyChunk.payload, file.describe(bodyChunk));
    const AutoencoderConfig memberConfig = readConfig(body);
    const std::uint64_t seed = body.readU64();
    const std::uint32_t count = body.readU32();
    // Per member: step count, tensor count, and per tensor a shape and values.
    body.requireBytes((CheckedSize(12) + memberConfig.parameterCount() * sizeof(float)
                       + CheckedSize(memberConfig.tensorCount()) * 16) * count,
                      std::to_string(count) + " members of " + memberConfig.describe());
    buildContexts(int(count), memberConfig.inputSize, body.sourceName());
    if (memberConfig.inputSize != model.contexts->largestMask())
        body.fail("members take " + std::to_string(memberConfig.inputSize) + " inputs, the contexts need "
                  + std::to_string(model.contexts->largestMask()));
    std::vector<Autoencoder> members;
    members.reserve(count);
    for (std::uint32_t i = 0; i < count; ++i) {
        // Seed 0: the initial draw is overwritten right away.
        Autoencoder m(memberConfig, 0);
        m.setStepCount(body.readU64());
        auto params = m.parameters();
        if (body.readU32() != params.size())
            body.fail("member " + std::to_string(i) + ": wrong parameter count");
        for (Parameter* p : params)
            p->value = body.readMatrix(p->value.rows(), p->value.cols(),
                                       "member " + std::to_string(i) + " parameter");
        members.push_back(m.inferenceCopy());
    }
    body.expectEnd();
    model.members.setMembers(memberConfig, std::move(members), seed);
    std::vector<std::string> names;
    for (int c = 0; c < model.contexts->size(); ++c)
        names.push_back(model.contexts->name(c));
    model.members.setMemberNames(names);
    return model;
}

CubeModel CubeModel::load(const std::string& path)
{
    return from(ChunkFile::load(path));
}

} // namespace latentset
