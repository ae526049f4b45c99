#include "latentset/cube/ContextTransfer.h"
#include "latentset/cube/CubeModel.h"
#include "latentset/cube/SharedLatentTask.h"
#include "latentset/data/BuiltinGlyphs.h"
#include "latentset/util/ChunkFile.h"
#include "latentset/util/Error.h"
#include "latentset/nn/Trainer.h"
#include "latentset/util/ThreadPool.h"

#include <catch2/catch.hpp>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <thread>

using namespace latentset;

namespace {

// A small cube world: 4 contexts (1 side + 3 top) in 32x32 frames, painted
// with the built-in glyphs (made in code, no download) and their mirror images.
std::shared_ptr<const CubeDataset> smallWorld()
{
    CubeContextsConfig config = CubeContextsConfig::forCount(4);
    config.cube.imageSize = 32;
    config.cube.subsamples = 2;
    auto contexts = std::make_shared<const CubeContexts>(config);
    std::vector<std::uint8_t> pixels;
    std::vector<int> labels;
    for (const std::string& name : BuiltinGlyphs::names()) {
        const Vector g = BuiltinGlyphs::render(name);
        for (int mirror = 0; mirror < 2; ++mirror) {
            for (int r = 0; r < 28; ++r)
                for (int c = 0; c < 28; ++c)
                    pixels.push_back(std::uint8_t(255.0f * g(r * 28 + (mirror ? 27 - c : c)) + 0.5f));
            labels.push_back(int(labels.size()));
        }
    }
    return std::make_shared<const CubeDataset>(contexts, Dataset(28, 28, pixels, labels, {}, "built-in glyphs"));
}

SharedLatentSettings smallSettings(int crossPerSelf)
{
    SharedLatentSettings s;
    s.hidden = 32;
    s.latent = 8;
    s.batchSize = 16;
    s.crossPerSelf = crossPerSelf;
    s.learningRate = 3e-3f;
    s.seed = 11;
    return s;
}

std::vector<Index> allGlyphs(const CubeDataset& data)
{
    std::vector<Index> all;
    for (Index g = 0; g < data.glyphCount(); ++g)
        all.push_back(g);
    return all;
}

} // namespace

TEST_CASE("A cross-trained set transfers better than an untrained or a self-only one", "[cube][slow]")
{
    const auto data = smallWorld();
    ThreadPool pool(2);
    const auto glyphs = allGlyphs(*data);

    SharedLatentTask untrained(data, smallSettings(1));
    const auto e0 = ContextTransfer(untrained.members(), *data).errors(glyphs, &pool);

    SharedLatentTask selfOnly(data, smallSettings(0));
    SharedLatentTask cross(data, smallSettings(1));
    for (int r = 0; r < 800; ++r) {
        selfOnly.round(pool);
        cross.round(pool);
    }
    const auto eSelf = ContextTransfer(selfOnly.members(), *data).errors(glyphs, &pool);
    const auto eCross = ContextTransfer(cross.members(), *data).errors(glyphs, &pool);
    INFO("untrained transfer " << e0.transferError << ", self-only " << eSelf.transferError << " (self "
                               << eSelf.selfError << "), cross " << eCross.transferError << " (self "
                               << eCross.selfError << ")");
    // Self-only training learns to reconstruct but its codes mean different things per member.
    CHECK(eSelf.selfError < 0.5 * e0.selfError);
    CHECK(eCross.transferError < 0.6 * eSelf.transferError);
    CHECK(eCross.transferError < 0.6 * e0.transferError);
    CHECK(eCross.transferRatio < 0.6 * eSelf.transferRatio);
}

TEST_CASE("Training is reproducible whatever the thread count", "[cube]")
{
    const auto data = smallWorld();
    ThreadPool one(1), two(2);
    SharedLatentTask a(data, smallSettings(1)), b(data, smallSettings(1));
    for (int r = 0; r < 6; ++r) {
        const auto ra = a.round(one);
        const auto rb = b.round(two);
        CHECK(ra.cross == rb.cross);
        CHECK(ra.lossPerPixel == rb.lossPerPixel);
    }
    for (int m = 0; m < a.members().size(); ++m)
        CHECK(a.members().member(m).effectiveWeight(0) == b.members().member(m).effectiveWeight(0));
}

TEST_CASE("A cube model survives a save and load, and a damaged file is refused", "[cube]")
{
    const auto data = smallWorld();
    ThreadPool pool(2);
    SharedLatentTask task(data, smallSettings(1));
    for (int r = 0; r < 4; ++r)
        task.round(pool);
    CubeModel model;
    model.contexts = data->sharedContexts();
    model.members = *task.membersSnapshot();
    model.training = task.settings();
    model.rounds = task.roundsDone();
    const std::string path = (std::filesystem::temp_directory_path() / "latentset_cube_model_test.lset").string();
    model.save(path);
    const CubeModel loaded = CubeModel::load(path);
    CHECK(loaded.rounds == 4);
    CHECK(loaded.contexts->config() .sideCount == 1);
    CHECK(loaded.contexts->config().cube == model.contexts->config().cube);
    const Matrix x = data->memberInput(2, data->glyphs(std::vector<Index>{0, 1, 2}));
    for (int m = 0; m < 4; ++m)
        CHECK((loaded.members.member(m).encode(x) - model.members.member(m).encode(x)).cwiseAbs().maxCoeff() == 0.0f);

    // Truncate the file: a clear error, no crash.
    const auto size = std::filesystem::file_size(path);
    std::filesystem::resize_file(path, size / 2);
    CHECK_THROWS_AS(CubeModel::load(path), Error);
    std::filesystem::remove(path);

    // A chunk file without the cube's chunks is not a cube model.
    ChunkFile other("other.lset");
    other.add("XXXX", 1, "abc");
    CHECK_FALSE(CubeModel::isCubeModel(other));
    CHECK_THROWS_WITH(CubeModel::from(other), Catch::Contains("not a cube-world model"));
}

TEST_CASE("Cross-training runs in the engine's Trainer with snapshots and stepping", "[cube]")
{
    const auto data = smallWorld();
    SharedLatentSettings s = smallSettings(2);
    s.cyclesPerEpoch = 3;
    auto task = std::make_shared<SharedLatentTask>(data, s);
    TrainerSettings ts;
    ts.epochs = 2;
    ts.threads = 2;
    Trainer trainer(task, ts);
    CHECK(trainer.run() == TrainerState::Finished);
    // 2 epochs x 3 cycles x (1 self + 2 cross rounds).
    CHECK(task->roundsDone() == 18);
    const auto snapshot = std::dynamic_pointer_cast<const CubeSnapshot>(trainer.snapshot());
    REQUIRE(snapshot);
    CHECK(snapshot->rounds == 18);
    CHECK(snapshot->set.size() == 4);
    CHECK(snapshot->contexts == data->sharedContexts());
    REQUIRE(trainer.history().size() == 2);
    CHECK(trainer.history()[0].meanLosses.size() == 2);
    CHECK(trainer.history()[1].meanLosses[1] > 0.0);

    // Started paused, one step, cancel: exactly one cycle ran.
    auto paused = std::make_shared<SharedLatentTask>(data, s);
    TrainerSettings ps = ts;
    ps.startPaused = true;
    Trainer stepper(paused, ps);
    stepper.start();
    stepper.stepOnce();
    for (int k = 0; k < 500 && paused->roundsDone() < 3; ++k)
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    stepper.cancel();
    stepper.wait();
    CHECK(paused->roundsDone() == 3);
    CHECK(stepper.state() == TrainerState::Cancelled);
}
