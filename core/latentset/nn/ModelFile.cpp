#include "latentset/nn/ModelFile.h"

#include "latentset/util/BinaryReader.h"
#include "latentset/util/BinaryWriter.h"
#include "latentset/util/Error.h"
#include "latentset/util/MemoryBudget.h"

namespace latentset {

namespace {

void writeParameter(BinaryWriter& w, const Parameter& p, bool withState)
{
    w.writeMatrix(p.value);
    const bool state = withState && p.hasTrainingState();
    w.writeBool(state);
    if (state) {
        w.writeMatrix(p.m);
        w.writeMatrix(p.v);
    }
}

void readParameter(BinaryReader& r, Parameter& p, const std::string& what)
{
    const Index rows = p.value.rows(), cols = p.value.cols();
    p.value = r.readMatrix(rows, cols, what);
    if (r.readBool()) {
        p.m = r.readMatrix(rows, cols, what + " (Adam m)");
        p.v = r.readMatrix(rows, cols, what + " (Adam v)");
        p.grad.setZero(rows, cols);
    } else {
        p.dropTrainingState();
    }
}

std::uint8_t activationCode(Activation a) { return std::uint8_t(a); }
Activation activationFrom(BinaryReader& r)
{
    const std::uint8_t c = r.readU8();
    if (c > std::uint8_t(Activation::Tanh))
        r.fail("unknown activation code " + std::to_string(c));
    return Activation(c);
}

} // namespace

void ModelFile::writeConfig(ChunkFile& file, const AutoencoderConfig& c)
{
    BinaryWriter w;
    w.writeI64(c.inputSize);
    w.writeU64(c.hiddenSizes.size());
    for (Index h : c.hiddenSizes)
        w.writeI64(h);
    w.writeI64(c.latentSize);
    for (Activation a : c.encoderActivations)
        w.writeU8(activationCode(a));
    for (Activation a : c.decoderActivations)
        w.writeU8(activationCode(a));
    w.writeBool(c.tied);
    w.writeU8(std::uint8_t(c.loss));
    file.add("AECF", 1, w.take());
}

AutoencoderConfig ModelFile::readConfig(const ChunkFile& file)
{
    const auto& chunk = file.require("AECF", 1);
    BinaryReader r(chunk.payload, file.describe(chunk));
    AutoencoderConfig c;
    c.inputSize = r.readI64();
    const std::uint64_t h = r.readU64();
    if (h > 64)
        r.fail("implausible number of hidden layers " + std::to_string(h));
    c.hiddenSizes.resize(std::size_t(h));
    for (auto& s : c.hiddenSizes)
        s = r.readI64();
    c.latentSize = r.readI64();
    c.encoderActivations.resize(std::size_t(h) + 1);
    c.decoderActivations.resize(std::size_t(h) + 1);
    for (auto& a : c.encoderActivations)
        a = activationFrom(r);
    for (auto& a : c.decoderActivations)
        a = activationFrom(r);
    c.tied = r.readBool();
    const std::uint8_t loss = r.readU8();
    if (loss > 1)
        r.fail("unknown loss code " + std::to_string(loss));
    c.loss = LossKind(loss);
    r.expectEnd();
    // Guard against absurd sizes before anything allocates weights.
    const auto sizes = c.layerSizes();
    double total = 0;
    for (std::size_t i = 0; i + 1 < sizes.size(); ++i) {
        if (sizes[i] <= 0 || sizes[i] > (1 << 24))
            r.fail("implausible layer size " + std::to_string(sizes[i]));
        total += double(sizes[i]) * double(sizes[i + 1]);
    }
    if (total > 4e9)
        r.fail("implausible model size");
    c.validate();
    return c;
}

void ModelFile::writeSet(ChunkFile& file, const AutoencoderSet& set, bool withState)
{
    writeConfig(file, set.config());
    BinaryWriter w;
    w.writeU64(set.seed());
    w.writeU64(std::uint64_t(set.size()));
    w.writeU64(set.memberNames().size());
    for (const auto& n : set.memberNames())
        w.writeString(n);
    for (int i = 0; i < set.size(); ++i) {
        const Autoencoder& m = set.member(i);
        w.writeU64(m.stepCount());
        for (const Parameter* p : m.parameters())
            writeParameter(w, *p, withState);
    }
    file.add("AESE", 1, w.take());
}

AutoencoderSet ModelFile::readSet(const ChunkFile& file)
{
    const AutoencoderConfig config = readConfig(file);
    const auto& chunk = file.require("AESE", 1);
    BinaryReader r(chunk.payload, file.describe(chunk));
    const std::uint64_t seed = r.readU64();
    const std::uint64_t count = r.readU64();
    if (count == 0 || count > 100000)
        r.fail("implausible member count " + std::to_string(count));
    const std::uint64_t nameCount = r.readCount(8, count, "member names");
    if (nameCount != 0 && nameCount != count)
        r.fail("member names do not match the member count");
    std::vector<std::string> names;
    for (std::uint64_t i = 0; i < nameCount; ++i)
        names.push_back(r.readString());
    // Prove the claim before building anything from it: every member needs its
    // step count and, per tensor, a shape, the values and a state flag.
    const CheckedSize floats = config.parameterCount();
    const CheckedSize perMember = CheckedSize(8) + floats * sizeof(float) + CheckedSize(config.tensorCount()) * 17;
    r.requireBytes(perMember * count, std::to_string(count) + " members of " + config.describe());
    MemoryBudget::require((floats * sizeof(float) * count).value(),
                          file.name() + ": " + std::to_string(count) + " members of " + config.describe());
    std::vector<Autoencoder> members;
    members.reserve(std::size_t(count));
    for (std::uint64_t i = 0; i < count; ++i) {
        // The shapes come from the config; values are overwritten below.
        if (r.remaining() < 8)
            r.fail("truncated at member " + std::to_string(i));
        Autoencoder m(config, 0);
        m.setStepCount(r.readU64());
        int k = 0;
        for (Parameter* p : m.parameters())
            readParameter(r, *p, "member " + std::to_string(i) + " tensor " + std::to_string(k++));
        members.push_back(std::move(m));
    }
    r.expectEnd();
    AutoencoderSet set;
    set.setMembers(config, std::move(members), seed);
    set.setMemberNames(std::move(names));
    return set;
}

void ModelFile::writeOptimizer(ChunkFile& file, const OptimizerSettings& s)
{
    BinaryWriter w;
    w.writeU8(std::uint8_t(s.kind));
    for (float f : {s.learningRate, s.beta1, s.beta2, s.epsilon, s.momentum, s.weightDecay, s.clipNorm})
        w.writeF32(f);
    w.writeU8(std::uint8_t(s.schedule));
    for (float f : {s.decayFactor, s.decayEvery, s.minFactor})
        w.writeF32(f);
    file.add("OPTS", 1, w.take());
}

OptimizerSettings ModelFile::readOptimizer(const ChunkFile& file)
{
    const auto& chunk = file.require("OPTS", 1);
    BinaryReader r(chunk.payload, file.describe(chunk));
    OptimizerSettings s;
    const std::uint8_t kind = r.readU8();
    if (kind > 1)
        r.fail("unknown optimiser code");
    s.kind = OptimizerSettings::Kind(kind);
    for (float* f : {&s.learningRate, &s.beta1, &s.beta2, &s.epsilon, &s.momentum, &s.weightDecay, &s.clipNorm})
        *f = r.readF32();
    const std::uint8_t sched = r.readU8();
    if (sched > 2)
        r.fail("unknown schedule code");
    s.schedule = OptimizerSettings::Schedule(sched);
    for (float* f : {&s.decayFactor, &s.decayEvery, &s.minFactor})
        *f = r.readF32();
    r.expectEnd();
    return s;
}

void ModelFile::writeMlp(ChunkFile& file, const Mlp& mlp)
{
    BinaryWriter w;
    w.writeI64(mlp.inputSize());
    w.writeI64(mlp.hiddenSize());
    w.writeI64(mlp.classCount());
    w.writeU64(mlp.stepCount());
    for (const Parameter* p : mlp.parameters())
        writeParameter(w, *p, true);
    file.add("MLPN", 1, w.take());
}

Mlp ModelFile::readMlp(const ChunkFile& file)
{
    const auto& chunk = file.require("MLPN", 1);
    BinaryReader r(chunk.payload, file.describe(chunk));
    const Index in = r.readI64(), hidden = r.readI64(), classes = r.readI64();
    if (in <= 0 || hidden <= 0 || classes < 2 || double(in) * double(hidden) > 1e9 || classes > 1000000
        || double(hidden) * double(classes) > 1e9)
        r.fail("implausible network sizes");
    const CheckedSize floats = CheckedSize(in) * hidden + hidden + CheckedSize(hidden) * classes + classes;
    r.requireBytes(CheckedSize(8) + floats * sizeof(float) + 4 * 17,
                   "an MLP " + std::to_string(in) + "-" + std::to_string(hidden) + "-" + std::to_string(classes));
    Mlp mlp(in, hidden, classes, 0);
    mlp.setStepCount(r.readU64());
    int k = 0;
    for (Parameter* p : mlp.parameters())
        readParameter(r, *p, "mlp tensor " + std::to_string(k++));
    r.expectEnd();
    return mlp;
}

void ModelFile::writeRandomStates(ChunkFile& file, const std::vector<std::pair<std::string, std::string>>& states)
{
    BinaryWriter w;
    w.writeU64(states.size());
    for (const auto& [name, state] : states) {
        w.writeString(name);
        w.writeString(state);
    }
    file.add("RNGS", 1, w.take());
}

std::vector<std::pair<std::string, std::string>> ModelFile::readRandomStates(const ChunkFile& file)
{
    const auto& chunk = file.require("RNGS", 1);
    BinaryReader r(chunk.payload, file.describe(chunk));
    const std::uint64_t n = r.readU64();
    if (n > r.remaining() / 16)
        r.fail("corrupted state count");
    std::vector<std::pair<std::string, std::string>> out;
    for (std::uint64_t i = 0; i < n; ++i) {
        std::string name = r.readString();
        out.emplace_back(std::move(name), r.readString());
    }
    r.expectEnd();
    return out;
}

void ModelFile::writeHistory(ChunkFile& file, const MetricHistory& h)
{
    BinaryWriter w;
    w.writeU64(h.columns.size());
    for (const auto& c : h.columns)
        w.writeString(c);
    w.writeU64(h.rows.size());
    for (const auto& row : h.rows)
        w.writeDoubles(row);
    file.add("HIST", 1, w.take());
}

MetricHistory ModelFile::readHistory(const ChunkFile& file)
{
    MetricHistory h;
    const auto* chunk = file.find("HIST");
    if (!chunk)
        return h;
    file.checkVersion(*chunk, 1);
    BinaryReader r(chunk->payload, file.describe(*chunk));
    const std::uint64_t nc = r.readU64();
    if (nc > r.remaining() / 8)
        r.fail("corrupted column count");
    for (std::uint64_t i = 0; i < nc; ++i)
        h.columns.push_back(r.readString());
    const std::uint64_t nr = r.readU64();
    if (nr > r.remaining() / 8)
        r.fail("corrupted row count");
    for (std::uint64_t i = 0; i < nr; ++i)
        h.rows.push_back(r.readDoubles());
    r.expectEnd();
    return h;
}

void ModelFile::writeCalibration(ChunkFile& file, const Vector& scale, const Vector& offset)
{
    BinaryWriter w;
    w.writeMatrix(scale);
    w.writeMatrix(offset);
    file.add("CLBN", 1, w.take());
}

std::optional<std::pair<Vector, Vector>> ModelFile::readCalibration(const ChunkFile& file)
{
    const auto* chunk = file.find("CLBN");
    if (!chunk)
        return std::nullopt;
    file.checkVersion(*chunk, 1);
    BinaryReader r(chunk->payload, file.describe(*chunk));
    const Matrix mean = r.readMatrix();
    const Matrix sd = r.readMatrix();
    if (mean.cols() != 1 || sd.cols() != 1 || mean.size() != sd.size())
        r.fail("mean and deviation sizes differ");
    r.expectEnd();
    return std::make_pair(Vector(mean.col(0)), Vector(sd.col(0)));
}

void ModelFile::saveSet(const std::string& path, const AutoencoderSet& set, const MetricHistory& history)
{
    ChunkFile file(path);
    writeSet(file, set, true);
    if (!history.empty())
        writeHistory(file, history);
    file.save(path);
}

AutoencoderSet ModelFile::loadSet(const std::string& path) { return readSet(ChunkFile::load(path)); }

} // namespace latentset
