#include "latentset/interop/ModelNpz.h"

#include "latentset/interop/LikelihoodNpz.h"
#include "latentset/likelihood/LikelihoodModel.h"
#include "latentset/nn/ModelFile.h"
#include "latentset/util/ChunkFile.h"
#include "latentset/util/Error.h"
#include "latentset/util/MemoryBudget.h"

#include <cmath>

namespace latentset {

namespace {

// "W0", "b1", ...: an array's name for layer l. (Built by appending: GCC 12
// at -O3 warns falsely, -Wrestrict, on "W" + std::to_string(l).)
std::string layerKey(char kind, int l)
{
    std::string key(1, kind);
    key += std::to_string(l);
    return key;
}

using RowMajor = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

std::vector<std::string> activationNames(const std::vector<Activation>& activations)
{
    std::vector<std::string> out;
    for (Activation a : activations)
        out.push_back(activationName(a));
    return out;
}

void addSet(NpzArchive& npz, const AutoencoderSet& set)
{
    const AutoencoderConfig& c = set.config();
    const int members = set.size();
    npz.add("format", NpyArray::scalarString(ModelNpz::kFormat));
    npz.add("format_version", NpyArray::scalarInt(ModelNpz::kFormatVersion));
    npz.add("input_size", NpyArray::scalarInt(c.inputSize));
    npz.add("latent_size", NpyArray::scalarInt(c.latentSize));
    npz.add("hidden_sizes", NpyArray::int64({std::int64_t(c.hiddenSizes.size())},
                                            std::vector<std::int64_t>(c.hiddenSizes.begin(), c.hiddenSizes.end())));
    npz.add("encoder_activations", NpyArray::strings(activationNames(c.encoderActivations)));
    npz.add("decoder_activations", NpyArray::strings(activationNames(c.decoderActivations)));
    npz.add("tied", NpyArray::scalarInt(c.tied ? 1 : 0));
    npz.add("loss", NpyArray::scalarString(lossName(c.loss)));
    std::vector<std::string> names;
    for (int i = 0; i < members; ++i)
        names.push_back(set.memberName(i));
    npz.add("member_names", NpyArray::strings(names));
    for (int l = 0; l < c.layerCount(); ++l) {
        const Autoencoder& first = set.member(0);
        const Index rows = first.layerOutputSize(l), cols = first.layerInputSize(l);
        const std::int64_t m = members, r = rows, k = cols;
        if (!first.weightTransposed(l)) {
            std::vector<float> w(std::size_t(m * r * k));
            for (int i = 0; i < members; ++i)
                Eigen::Map<RowMajor>(w.data() + std::size_t(i * r * k), rows, cols) = set.member(i).weightStorage(l);
            npz.add(layerKey('W', l), NpyArray::float32({m, r, k}, w));
        }
        std::vector<float> b(std::size_t(m * r));
        for (int i = 0; i < members; ++i)
            Eigen::Map<Vector>(b.data() + std::size_t(i * r), rows) = set.member(i).bias(l);
        npz.add(layerKey('b', l), NpyArray::float32({m, r}, b));
    }
}

// ---- import -------------------------------------------------------------

std::vector<Activation> activations(const NpzArchive& npz, const std::string& name, std::size_t count)
{
    const NpyArray& a = npz.require(name);
    const std::vector<std::string> texts = a.texts(npz.describe(name));
    if (a.shape().size() != 1 || texts.size() != count)
        throw Error(npz.describe(name) + ": shape " + a.describeShape() + ", expected (" + std::to_string(count)
                    + ",) (one per hidden layer, then the last layer's)");
    std::vector<Activation> out;
    for (const auto& t : texts) {
        try {
            out.push_back(parseActivation(t));
        } catch (const Error&) {
            throw Error(npz.describe(name) + ": unknown activation '" + t + "' (linear, relu, sigmoid or tanh)");
        }
    }
    return out;
}

AutoencoderConfig readConfig(const NpzArchive& npz)
{
    if (const NpyArray* f = npz.find("format")) {
        const auto t = f->texts(npz.describe("format"));
        if (t.size() != 1 || t[0] != ModelNpz::kFormat)
            throw Error(npz.describe("format") + ": expected '" + std::string(ModelNpz::kFormat) + "'");
    }
    if (npz.find("format_version") && npz.integer("format_version", 0, 1 << 30) > ModelNpz::kFormatVersion)
        throw Error(npz.describe("format_version") + ": written by a newer LatentSet (this one reads version "
                    + std::to_string(ModelNpz::kFormatVersion) + ")");
    constexpr std::int64_t kMaxSize = std::int64_t(1) << 24; // ModelFile::readConfig's limit
    AutoencoderConfig c;
    c.inputSize = npz.integer("input_size", 1, kMaxSize);
    c.latentSize = npz.integer("latent_size", 1, kMaxSize);
    const NpyArray& h = npz.require("hidden_sizes");
    if (h.shape().size() > 1 || h.elementCount() > 64)
        throw Error(npz.describe("hidden_sizes") + ": shape " + h.describeShape() + ", expected (H,) with H <= 64");
    c.hiddenSizes.clear();
    for (double v : h.doubles(npz.describe("hidden_sizes"))) {
        if (!(v >= 1 && v <= double(kMaxSize)) || v != std::floor(v))
            throw Error(npz.describe("hidden_sizes") + ": " + std::to_string(v) + " is not a layer size");
        c.hiddenSizes.push_back(Index(v));
    }
    c.encoderActivations = activations(npz, "encoder_activations", c.hiddenSizes.size() + 1);
    c.decoderActivations = activations(npz, "decoder_activations", c.hiddenSizes.size() + 1);
    c.tied = npz.integer("tied", 0, 1) == 1;
    if (const NpyArray* loss = npz.find("loss")) {
        const auto t = loss->texts(npz.describe("loss"));
        if (t.size() != 1 || (t[0] != "bce" && t[0] != "mse"))
            throw Error(npz.describe("loss") + ": expected 'bce' or 'mse'");
        c.loss = parseLoss(t[0]);
    }
    double total = 0;
    const auto sizes = c.layerSizes();
    for (std::size_t i = 0; i + 1 < sizes.size(); ++i)
        total += double(sizes[i]) * double(sizes[i + 1]);
    if (total > 4e9)
        throw Error(npz.source() + ": the layer sizes describe more than 4e9 weights per member");
    c.validate();
    return c;
}

} // namespace

NpzArchive ModelNpz::fromModel(const ChunkFile& model, const std::string& target)
{
    NpzArchive npz(target);
    const AutoencoderSet set = ModelFile::readSet(model);
    addSet(npz, set);
    if (const auto cal = ModelFile::readCalibration(model); cal && cal->first.size() == set.size()) {
        npz.add("classifier_scale", NpyArray::float32({set.size()}, {cal->first.data(), cal->first.data() + set.size()}));
        npz.add("classifier_offset", NpyArray::float32({set.size()}, {cal->second.data(), cal->second.data() + set.size()}));
    }
    if (const auto lk = LikelihoodModel::readFrom(model)) {
        lk->checkFits(set, model.name());
        LikelihoodNpz::add(npz, *lk);
    }
    return npz;
}

AutoencoderSet ModelNpz::readSet(const NpzArchive& npz)
{
    const AutoencoderConfig config = readConfig(npz);
    const NpyArray& first = npz.require("W0");
    if (first.shape().size() != 3 || first.shape()[0] < 1 || first.shape()[0] > 100000)
        throw Error(npz.describe("W0") + ": shape " + first.describeShape()
                    + ", expected (members, outputs, inputs) with 1 to 100000 members");
    const std::int64_t members = first.shape()[0];
    MemoryBudget::require((config.parameterCount() * sizeof(float) * CheckedSize(members)).value(),
                          npz.source() + ": " + std::to_string(members) + " members of " + config.describe());
    // Every array checked and converted first (one copy of the values), then
    // the members built one at a time (each holds optimiser buffers only
    // while it is filled).
    const int layers = config.layerCount();
    const auto sizes = config.layerSizes();
    const int encoderLayers = config.encoderLayerCount();
    std::vector<std::vector<float>> weights(static_cast<std::size_t>(layers)), biases(static_cast<std::size_t>(layers));
    for (int l = 0; l < layers; ++l) {
        const std::int64_t rows = sizes[std::size_t(l) + 1], cols = sizes[std::size_t(l)];
        const std::string w = layerKey('W', l), b = layerKey('b', l);
        if (config.tied && l >= encoderLayers) {
            if (npz.find(w))
                throw Error(npz.describe(w) + ": the set is tied, so decoder layer " + std::to_string(l) + " uses W"
                            + std::to_string(layers - 1 - l) + " transposed; drop " + w + " or set tied = 0");
        } else {
            weights[std::size_t(l)] = npz.floats(w, {members, rows, cols},
                                              "members, outputs, inputs of layer " + std::to_string(l));
        }
        biases[std::size_t(l)] = npz.floats(b, {members, rows}, "members, outputs of layer " + std::to_string(l));
    }
    std::vector<Autoencoder> built;
    built.reserve(std::size_t(members));
    for (std::int64_t i = 0; i < members; ++i) {
        Autoencoder m(config, 0);
        const std::vector<Parameter*> params = m.parameters();
        for (int l = 0; l < layers; ++l) {
            const std::int64_t rows = sizes[std::size_t(l) + 1], cols = sizes[std::size_t(l)];
            if (!weights[std::size_t(l)].empty())
                params[std::size_t(l)]->value =
                    Eigen::Map<const RowMajor>(weights[std::size_t(l)].data() + i * rows * cols, rows, cols);
            params[m.weightTensorCount() + std::size_t(l)]->value =
                Eigen::Map<const Vector>(biases[std::size_t(l)].data() + i * rows, rows);
        }
        for (Parameter* p : params)
            p->dropTrainingState();
        built.push_back(std::move(m));
    }
    AutoencoderSet set;
    set.setMembers(config, std::move(built), 0);
    if (const NpyArray* names = npz.find("member_names")) {
        std::vector<std::string> texts = names->texts(npz.describe("member_names"));
        if (names->shape().size() != 1 || std::int64_t(texts.size()) != members)
            throw Error(npz.describe("member_names") + ": shape " + names->describeShape() + ", expected ("
                        + std::to_string(members) + ",)");
        set.setMemberNames(std::move(texts));
    }
    return set;
}

std::optional<std::pair<Vector, Vector>> ModelNpz::readClassifierCalibration(const NpzArchive& npz, int members)
{
    const bool scale = npz.find("classifier_scale") != nullptr, offset = npz.find("classifier_offset") != nullptr;
    if (!scale && !offset)
        return std::nullopt;
    const auto s = npz.floats("classifier_scale", {members}, "one per member");
    const auto o = npz.floats("classifier_offset", {members}, "one per member");
    return std::make_pair(Vector(Eigen::Map<const Vector>(s.data(), members)),
                          Vector(Eigen::Map<const Vector>(o.data(), members)));
}

bool ModelNpz::hasLikelihood(const NpzArchive& npz) { return LikelihoodNpz::present(npz); }

ChunkFile ModelNpz::toModel(const NpzArchive& npz, const std::string& name)
{
    const AutoencoderSet set = readSet(npz);
    ChunkFile file(name);
    ModelFile::writeSet(file, set, false);
    if (const auto cal = readClassifierCalibration(npz, set.size()))
        ModelFile::writeCalibration(file, cal->first, cal->second);
    if (const auto lk = LikelihoodNpz::read(npz, set))
        lk->addTo(file);
    return file;
}

} // namespace latentset
