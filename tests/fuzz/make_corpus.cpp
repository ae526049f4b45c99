// Writes the seed corpora of the fuzz harnesses (tests/fuzz/corpus/<harness>/):
// for every format a few small valid files made by LatentSet's own writers
// (so a seed holds every chunk a real file holds) and a few damaged copies
// (truncated, a flipped byte, trailing bytes) that start the fuzzer next to
// the readers' rejections. The seeds are checked in; rerun this after a
// format change:
//
//   build/fuzz/tests/fuzz/latentset_fuzz_make_corpus tests/fuzz/corpus
//
// Output is deterministic (seeded models, no time stamps), so a rerun with
// unchanged formats leaves the files byte for byte as they were.
#include "FuzzSupport.h"
#include "TinyModels.h"

#include "project/ProjectFile.h"
#include "session/Session.h"

#include "latentset/concept/ConceptModel.h"
#include "latentset/interop/ModelNpz.h"
#include "latentset/cube/CubeModel.h"
#include "latentset/cube/SharedLatentState.h"
#include "latentset/world/WorldModel.h"
#include "latentset/likelihood/Calibration.h"
#include "latentset/likelihood/LikelihoodEstimator.h"
#include "latentset/likelihood/LikelihoodModel.h"
#include "latentset/nn/ModelFile.h"
#include "latentset/util/BinaryWriter.h"
#include "latentset/util/Random.h"
#include "latentset/util/ThreadPool.h"

#include <QJsonArray>
#include <QJsonObject>

#include <zlib.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>

namespace fs = std::filesystem;
using namespace latentset;

namespace {

fs::path g_root;

void put(const std::string& harness, const std::string& name, const std::string& bytes)
{
    const fs::path dir = g_root / harness;
    fs::create_directories(dir);
    std::ofstream out(dir / name, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), std::streamsize(bytes.size()));
    if (!out)
        throw Error((dir / name).string() + ": cannot write");
}

// The damaged copies every binary format gets.
void putDamaged(const std::string& harness, const std::string& name, const std::string& bytes, bool repairCrcs)
{
    put(harness, name + ".truncated", bytes.substr(0, bytes.size() / 2));
    std::string flipped = bytes;
    flipped[flipped.size() / 3] = char(flipped[flipped.size() / 3] ^ 0x5A);
    // A flipped byte behind a valid CRC reaches the chunk reader, not the checksum test.
    put(harness, name + ".flipped", repairCrcs ? fuzz::repairChunkCrcs(flipped) : flipped);
    put(harness, name + ".trailing", bytes + std::string("\x01\x02\x03", 3));
}

// --- IDX and CSV -------------------------------------------------------------

std::string idx(const std::vector<std::uint32_t>& dims, std::uint8_t type = 0x08)
{
    std::string bytes = {'\0', '\0', char(type), char(dims.size())};
    std::uint64_t elements = 1;
    for (std::uint32_t d : dims) {
        for (int shift = 24; shift >= 0; shift -= 8)
            bytes += char((d >> shift) & 0xFF);
        elements *= d;
    }
    for (std::uint64_t i = 0; i < elements; ++i)
        bytes += char((i * 37) & 0xFF);
    return bytes;
}

std::string gzip(const std::string& plain)
{
    z_stream z{};
    if (deflateInit2(&z, 9, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
        throw Error("zlib");
    std::string out(deflateBound(&z, uLong(plain.size())) + 32, '\0');
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(plain.data()));
    z.avail_in = uInt(plain.size());
    z.next_out = reinterpret_cast<Bytef*>(out.data());
    z.avail_out = uInt(out.size());
    if (deflate(&z, Z_FINISH) != Z_STREAM_END)
        throw Error("zlib");
    out.resize(z.total_out);
    deflateEnd(&z);
    return out;
}

void idxSeeds()
{
    const std::string images = idx({3, 2, 2}), labels = idx({3});
    for (const char* harness : {"idx", "idx_gz"}) {
        // Plain IDX content: the idx_gz harness compresses it itself.
        put(harness, "images-3x2x2", images);
        put(harness, "labels-3", labels);
        put(harness, "images-4d", idx({2, 2, 2, 2}));
        put(harness, "float32-type", idx({1}, 0x0D));
        put(harness, "zero-images", idx({0, 28, 28}));
        putDamaged(harness, "images-3x2x2", images, false);
    }
    put("idx", "images-28x28", idx({2, 28, 28}));
    put("idx_gz", "images-3x2x2.gz", gzip(images));
    put("idx_gz", "labels-3.gz", gzip(labels));
    put("idx_gz", "images-28x28.gz", gzip(idx({4, 28, 28})));
    // Two gzip members back to back (gzread reads through both).
    put("idx_gz", "two-members.gz", gzip(images.substr(0, 9)) + gzip(images.substr(9)));
    // 64 KB of zeros behind a valid header: a high compression ratio.
    put("idx_gz", "ratio.gz", gzip(idx({1, 256, 256}).substr(0, 16) + std::string(65536, '\0')));
    putDamaged("idx_gz", "images-3x2x2.gz", gzip(images), false);
}

void csvSeeds()
{
    put("csv", "header-2x2.csv", "label,p0,p1,p2,p3\n1,0,255,17,3\n0,4,5,6,7\n");
    put("csv", "plain-3x3.csv", "7,0,0,84,185,159,0,0,0,1\n2,1,2,3,4,5,6,7,8,9\n");
    put("csv", "crlf-blank.csv", "label,1x1,1x2,2x1,2x2\r\n\r\n3,1,2,3,4\r\n  \r\n4,\"5\",6 ,\t7,8\r\n");
    put("csv", "rect-2x3.csv", "0,1,2,3,4,5,6\n1,6,5,4,3,2,1\n");
    put("csv", "bad-cell.csv", "1,0,x,0,0\n");
    put("csv", "bad-pixel.csv", "1,0,256,0,0\n");
    put("csv", "ragged.csv", "1,0,0,0,0\n2,0,0,0\n");
    put("csv", "header-only.csv", "label,p0,p1,p2,p3\n");
}

// --- nn ----------------------------------------------------------------------

// One step of the tiny task, so the saved set has real Adam moments.
ClassSetTask& trainedTinyTask()
{
    static ClassSetTask task = fuzz::tinyClassTask();
    static bool stepped = false;
    if (!stepped) {
        ThreadPool pool(1);
        task.beginEpoch(0);
        task.step(pool, 0.0, 1.0);
        stepped = true;
    }
    return task;
}

std::string nnFile(bool withState)
{
    ClassSetTask& task = trainedTinyTask();
    ChunkFile file("seed");
    ModelFile::writeSet(file, task.set(), withState);
    ModelFile::writeOptimizer(file, OptimizerSettings{});
    Mlp mlp(4, 3, 2, 5);
    ModelFile::writeMlp(file, mlp);
    Random random(11);
    (void)random.uniform();
    ModelFile::writeRandomStates(file, {{"noise", random.state()}, {"order", Random(12).state()}});
    MetricHistory history;
    history.columns = {"epoch", "loss_0", "loss_1"};
    history.addRow({1.0, 0.5, 0.25});
    history.addRow({2.0, 0.4, 0.2});
    ModelFile::writeHistory(file, history);
    Vector scale(2), offset(2);
    scale << 1.0f, 0.5f;
    offset << -1.0f, 2.0f;
    ModelFile::writeCalibration(file, scale, offset);
    task.writeState(file);
    return file.toBytes();
}

void modelSeeds()
{
    const std::string full = nnFile(true);
    put("models", "all-chunks.lset", full);
    put("models", "values-only.lset", nnFile(false));
    {
        OptimizerSettings sgd;
        sgd.kind = OptimizerSettings::Kind::SgdMomentum;
        sgd.schedule = OptimizerSettings::Schedule::Cosine;
        ChunkFile file("seed");
        ModelFile::writeConfig(file, AutoencoderConfig::make(6, {4, 3}, 2, false));
        ModelFile::writeOptimizer(file, sgd);
        put("models", "config-optimizer.lset", file.toBytes());
    }
    put("models", "empty.lset", ChunkFile("seed").toBytes());
    putDamaged("models", "all-chunks.lset", full, true);
}

// --- likelihood --------------------------------------------------------------

std::string likelihoodFile(const LikelihoodSettings& settings, bool calibrate)
{
    const AutoencoderSet set = trainedTinyTask().set().inferenceCopy();
    Random random(21);
    std::vector<Matrix> data;
    for (int c = 0; c < set.size(); ++c) {
        Matrix x(4, 12);
        for (Index j = 0; j < x.cols(); ++j)
            for (Index i = 0; i < x.rows(); ++i)
                x(i, j) = float(random.uniform());
        data.push_back(x);
    }
    LikelihoodModel model = LikelihoodModel::fit(set, data, settings);
    if (calibrate) {
        auto shared = std::make_shared<const AutoencoderSet>(set);
        const LikelihoodEstimator estimator(shared, std::make_shared<const LikelihoodModel>(model),
                                            LikelihoodEstimator::Path::Dense);
        Matrix validation(4, 2 * 6);
        validation << data[0].leftCols(6), data[1].leftCols(6);
        std::vector<int> labels(12, 0);
        for (int j = 6; j < 12; ++j)
            labels[std::size_t(j)] = 1;
        model.setCalibration(Calibration::fit(estimator.evaluate(validation), labels));
        model.setAnomalyThreshold(3.5);
    }
    ChunkFile file("seed");
    ModelFile::writeSet(file, set, false);
    model.addTo(file);
    return file.toBytes();
}

void likelihoodSeeds()
{
    LikelihoodSettings settings;
    settings.mixture.components = 2;
    const std::string calibrated = likelihoodFile(settings, true);
    put("likelihood", "per-member-calibrated.lset", calibrated);
    LikelihoodSettings other;
    other.sigmaMode = LikelihoodSettings::SigmaMode::PerPixel;
    other.sharedLatentDensity = true;
    other.pooledSigma = false;
    other.mixture.components = 3;
    other.mixture.diagonal = true;
    put("likelihood", "shared-perpixel.lset", likelihoodFile(other, false));
    putDamaged("likelihood", "per-member-calibrated.lset", calibrated, true);
}

// --- cube --------------------------------------------------------------------

std::shared_ptr<const CubeContexts> tinyContexts()
{
    static const auto contexts = std::make_shared<const CubeContexts>(fuzz::tinyCubeConfig());
    return contexts;
}

AutoencoderSet cubeMembers(bool withState)
{
    const SharedLatentSettings s = fuzz::tinyCubeSettings();
    AutoencoderConfig config = AutoencoderConfig::make(tinyContexts()->largestMask(), {s.hidden}, s.latent, true);
    config.loss = LossKind::BinaryCrossEntropy;
    AutoencoderSet set(config, tinyContexts()->size(), s.seed);
    std::vector<std::string> names;
    for (int c = 0; c < tinyContexts()->size(); ++c)
        names.push_back(tinyContexts()->name(c));
    set.setMemberNames(names);
    if (withState)
        for (int i = 0; i < set.size(); ++i)
            for (Parameter* p : set.member(i).parameters())
                p->ensureTrainingState();
    return withState ? set : set.inferenceCopy();
}

CubeModel tinyCubeModel()
{
    CubeModel model;
    model.contexts = tinyContexts();
    model.members = cubeMembers(false);
    model.training = fuzz::tinyCubeSettings();
    model.rounds = 4;
    model.trainSeconds = 0.5;
    return model;
}

SharedLatentState tinyCubeState()
{
    SharedLatentState state;
    state.contexts = fuzz::tinyCubeConfig();
    state.glyphName = "seed glyphs";
    state.glyphCount = 1;
    state.glyphChecksum = SharedLatentState::glyphChecksumOf(Dataset(2, 2, std::vector<std::uint8_t>(4, 0), {0}));
    state.settings = fuzz::tinyCubeSettings();
    state.learningRate = state.settings.learningRate;
    state.rounds = 4;
    state.members = cubeMembers(true);
    state.history.columns = {"round", "loss"};
    state.history.addRow({1.0, 0.7});
    return state;
}

// The interim "CUBM" members chunk (CubeModel.cpp reads it for old files).
std::string legacyCubeFile()
{
    const CubeModel model = tinyCubeModel();
    ChunkFile file("seed");
    BinaryWriter head;
    model.contexts->config().write(head);
    model.training.writeRecipe(head);
    head.writeI64(model.rounds);
    head.writeF64(model.trainSeconds);
    head.writeF64(-1.0);
    head.writeF64(-1.0);
    file.add(CubeModel::kTag, CubeModel::kVersion, head.take());
    const AutoencoderConfig& c = model.members.config();
    BinaryWriter body;
    body.writeI64(c.inputSize);
    body.writeU32(std::uint32_t(c.hiddenSizes.size()));
    for (Index h : c.hiddenSizes)
        body.writeI64(h);
    body.writeI64(c.latentSize);
    body.writeU32(std::uint32_t(c.encoderActivations.size()));
    for (Activation a : c.encoderActivations)
        body.writeString(activationName(a));
    body.writeU32(std::uint32_t(c.decoderActivations.size()));
    for (Activation a : c.decoderActivations)
        body.writeString(activationName(a));
    body.writeBool(c.tied);
    body.writeString(lossName(c.loss));
    body.writeU64(model.members.seed());
    body.writeU32(std::uint32_t(model.members.size()));
    for (int i = 0; i < model.members.size(); ++i) {
        const auto params = model.members.member(i).parameters();
        body.writeU64(3);
        body.writeU32(std::uint32_t(params.size()));
        for (const Parameter* p : params)
            body.writeMatrix(p->value);
    }
    file.add(CubeModel::kMembersTag, CubeModel::kVersion, body.take());
    return file.toBytes();
}

std::string cubeStateBytes()
{
    ChunkFile inner("cube training state");
    tinyCubeState().write(inner);
    return inner.toBytes();
}

void cubeSeeds()
{
    ChunkFile model("seed");
    tinyCubeModel().addTo(model);
    const std::string modelBytes = model.toBytes();
    put("cube", "cube-model.lset", modelBytes);
    put("cube", "cube-legacy-cubm.lset", legacyCubeFile());
    const std::string state = cubeStateBytes();
    put("cube", "training-state.lset", state);
    // A cube world with its training state nested, as projects hold it.
    ChunkFile both("seed");
    tinyCubeModel().addTo(both);
    both.add("UICT", 1, state);
    put("cube", "model-and-nested-state.lset", both.toBytes());
    putDamaged("cube", "cube-model.lset", modelBytes, true);
    putDamaged("cube", "training-state.lset", state, true);
}

// --- concept -----------------------------------------------------------------

ConceptModel tinyConcept(bool calibrated)
{
    ConceptSettings settings;
    settings.hiddenSizes = {3};
    settings.epochs = 1;
    settings.restarts = 1;
    settings.batchSize = 2;
    ConceptModel model(tinyContexts()->size(), settings);
    if (calibrated) {
        Matrix maps(model.contexts(), 4);
        maps << 0.1f, 0.4f, 0.6f, 0.9f, 0.9f, 0.6f, 0.4f, 0.1f;
        model.train(maps);
        Vector u(3), theta(3);
        u << 0.2f, 0.5f, 0.8f;
        theta << 10.0f, 45.0f, 80.0f;
        model.setCalibration(u, theta);
    }
    return model;
}

void conceptSeeds()
{
    ChunkFile calibrated("seed");
    tinyConcept(true).write(calibrated);
    const std::string bytes = calibrated.toBytes();
    put("concept", "calibrated.lset", bytes);
    ChunkFile plain("seed");
    tinyConcept(false).write(plain);
    put("concept", "uncalibrated.lset", plain.toBytes());
    // Chunk version 1: the same payload without the map options (u32 + 2 f64).
    ChunkFile v1("seed");
    const ChunkFile::Chunk& chunk = calibrated.chunks().front();
    v1.add(chunk.tag, 1, chunk.payload.substr(0, chunk.payload.size() - 20));
    put("concept", "version1.lset", v1.toBytes());
    putDamaged("concept", "calibrated.lset", bytes, true);
}

// --- project -----------------------------------------------------------------

std::string readBack(const fs::path& path)
{
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

void projectSeeds()
{
    const fs::path tmp = fs::temp_directory_path() / ("latentset-corpus-" + std::to_string(::getpid()));
    fs::create_directories(tmp);

    Session session;
    ClassSetTask& task = trainedTinyTask();
    session.setClassSet(std::make_shared<const AutoencoderSet>(task.set().inferenceCopy()), {"zero", "one"});
    latentset::Vector glyph = latentset::Vector::Zero(784);
    glyph.segment(300, 40).setConstant(1.0f);
    session.addDrawnGlyph("bar", glyph);
    const QJsonObject project{{"dataset", QJsonObject{{"id", "mnist"}, {"name", "MNIST"}}}, {"view", "heatmap"}};
    ChunkFile trainingState("training state");
    ModelFile::writeSet(trainingState, task.set(), true);
    task.writeState(trainingState);

    const std::string classPath = (tmp / "class.latentset").string();
    ProjectFile::save(QString::fromStdString(classPath), session, project, trainingState.toBytes());
    const std::string classBytes = readBack(classPath);
    put("project", "class-set-with-state.latentset", classBytes);

    const CubeModel cube = tinyCubeModel();
    session.setCubeWorld(std::make_shared<const AutoencoderSet>(cube.members), cube.contexts);
    session.setConceptModel(std::make_shared<const ConceptModel>(tinyConcept(true)));
    const std::string allPath = (tmp / "all.latentset").string();
    ProjectFile::save(QString::fromStdString(allPath), session, project, {}, cubeStateBytes());
    put("project", "cube-concept-state.latentset", readBack(allPath));

    // A bare class-set model file (latentset-cli mnist --save) opens as a project too.
    ChunkFile bare("seed");
    ModelFile::writeSet(bare, task.set(), false);
    put("project", "bare-model.lset", bare.toBytes());
    // Project JSON alone.
    ChunkFile json("seed");
    json.add("UIPR", 1, R"({"format":"latentset-project","classNames":["a"],"drawnGlyphs":[]})");
    put("project", "json-only.latentset", json.toBytes());
    putDamaged("project", "class-set-with-state.latentset", classBytes, true);
    fs::remove_all(tmp);
}

// --- NPZ --------------------------------------------------------------------

void npzSeeds()
{
    const std::string tied = ModelNpz::fromModel(ChunkFile::fromBytes(nnFile(true), "seed"), "seed").toBytes();
    put("npz", "tiny-set.npz", tied);
    ChunkFile untied("seed");
    ModelFile::writeSet(untied, AutoencoderSet(AutoencoderConfig::make(4, {3}, 2, false), 2, 7), false);
    put("npz", "untied-set.npz", ModelNpz::fromModel(untied, "seed").toBytes());
    const ChunkFile likelihood = ChunkFile::fromBytes(likelihoodFile(LikelihoodSettings{}, true), "seed");
    put("npz", "with-likelihood.npz", ModelNpz::fromModel(likelihood, "seed").toBytes());
    put("npz", "matrix.npy", NpyArray::float32({2, 2}, {1, 2, 3, 4}).serialize());
    put("npz", "strings.npy", NpyArray::strings({"relu", "linear"}).serialize());
    putDamaged("npz", "tiny-set.npz", tied, false);
}

} // namespace

// --- world -------------------------------------------------------------------

// A rotation world of 2 contexts over 28 x 28 glyphs, tiny members.
void worldSeeds()
{
    WorldModel model;
    model.spec = WorldSpec::named("rotation");
    model.spec.contexts = 2;
    model.training = fuzz::tinyCubeSettings();
    AutoencoderConfig config = AutoencoderConfig::make(28 * 28, {model.training.hidden}, model.training.latent, true);
    config.loss = LossKind::BinaryCrossEntropy;
    model.members = AutoencoderSet(config, 2, 1).inferenceCopy();
    model.rounds = 4;
    ChunkFile file("seed");
    model.addTo(file);
    const std::string bytes = file.toBytes();
    put("world", "rotation-2.lset", bytes);
    putDamaged("world", "rotation-2.lset", bytes, true);
    // The same file claiming 36 contexts for its 2 members (refused before
    // any warp is built).
    model.spec.contexts = 36;
    ChunkFile claims("seed");
    model.addTo(claims);
    put("world", "rotation-claims-36.lset", claims.toBytes());
}

int main(int argc, char** argv)
{
    if (argc != 2) {
        std::cerr << "usage: " << argv[0] << " CORPUS_FOLDER   (tests/fuzz/corpus)\n";
        return 2;
    }
    g_root = argv[1];
    try {
        idxSeeds();
        csvSeeds();
        modelSeeds();
        likelihoodSeeds();
        cubeSeeds();
        conceptSeeds();
        projectSeeds();
        npzSeeds();
        worldSeeds();
    } catch (const std::exception& e) {
        std::cerr << "make_corpus: " << e.what() << "\n";
        return 1;
    }
    return 0;
}
