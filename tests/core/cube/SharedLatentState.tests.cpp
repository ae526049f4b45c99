// SharedLatentState: a cube-world training saved between rounds and resumed
// in a new task continues bit for bit as the uninterrupted run (members,
// Adam moments, step counts, losses), whatever the thread count; damaged or
// mismatched states are refused with a message.
#include "latentset/cube/SharedLatentState.h"
#include "latentset/cube/SharedLatentTask.h"
#include "latentset/data/BuiltinGlyphs.h"
#include "latentset/nn/ModelFile.h"
#include "latentset/util/BinaryReader.h"
#include "latentset/util/BinaryWriter.h"
#include "latentset/util/ChunkFile.h"
#include "latentset/util/Error.h"
#include "latentset/util/ThreadPool.h"

#include <catch2/catch.hpp>

#include <fstream>
#include <functional>
#include <iterator>

using namespace latentset;

namespace {

// 4 contexts in 32x32 frames, painted with the built-in glyphs (no files);
// `flip` mirrors every glyph: the same count, other images.
std::shared_ptr<const CubeDataset> tinyWorld(bool flip = false, int contexts = 4)
{
    CubeContextsConfig config = CubeContextsConfig::forCount(contexts);
    config.cube.imageSize = 32;
    config.cube.subsamples = 2;
    std::vector<std::uint8_t> pixels;
    std::vector<int> labels;
    for (const std::string& name : BuiltinGlyphs::names()) {
        const Vector g = BuiltinGlyphs::render(name);
        for (int r = 0; r < 28; ++r)
            for (int c = 0; c < 28; ++c)
                pixels.push_back(std::uint8_t(255.0f * g(r * 28 + (flip ? 27 - c : c)) + 0.5f));
        labels.push_back(int(labels.size()));
    }
    return std::make_shared<const CubeDataset>(std::make_shared<const CubeContexts>(config),
                                               Dataset(28, 28, pixels, labels, {}, "built-in glyphs"));
}

SharedLatentSettings tinySettings()
{
    SharedLatentSettings s;
    s.hidden = 16;
    s.latent = 4;
    s.batchSize = 8;
    s.crossPerSelf = 2;
    s.learningRate = 3e-3f;
    s.seed = 21;
    return s;
}

std::string stateBytes(const SharedLatentTask& task, const MetricHistory& history = {})
{
    ChunkFile file("state");
    task.writeState(file, history);
    return file.toBytes();
}

SharedLatentState reread(const std::string& bytes)
{
    return SharedLatentState::read(ChunkFile::fromBytes(bytes, "saved state"));
}

// Rebuilds a state file with its "SLTS" payload passed through `edit`
// (CRCs recomputed, so only the content is wrong).
std::string withHeader(const std::string& bytes, const std::function<void(BinaryWriter&, SharedLatentState&)>& edit)
{
    const ChunkFile in = ChunkFile::fromBytes(bytes, "saved state");
    SharedLatentState s = SharedLatentState::read(in);
    ChunkFile out("edited");
    BinaryWriter w;
    edit(w, s);
    for (const auto& c : in.chunks())
        if (c.tag == SharedLatentState::kTag)
            out.add(c.tag, c.version, w.size() ? w.take() : c.payload);
        else
            out.add(c.tag, c.version, c.payload);
    return out.toBytes();
}

std::string messageOf(const std::function<void()>& fn)
{
    try {
        fn();
    } catch (const Error& e) {
        return e.what();
    }
    return {};
}

} // namespace

TEST_CASE("A cube training resumed from its saved state continues bit for bit", "[cube]")
{
    const auto data = tinyWorld();
    ThreadPool two(2), one(1);
    SharedLatentTask uninterrupted(data, tinySettings());
    // 7 rounds: a self round and two cross rounds per cycle, so the save
    // lands mid-cycle (the next round is a cross round).
    for (int r = 0; r < 7; ++r)
        uninterrupted.round(two);
    uninterrupted.setLearningRate(1.5e-3f); // changed while training: the rate in effect is saved
    MetricHistory history;
    history.columns = {"round", "self", "cross"};
    history.addRow({3, 0.5, 0.6});
    const std::string saved = stateBytes(uninterrupted, history);

    SharedLatentState state = reread(saved);
    CHECK(state.rounds == 7);
    CHECK(state.learningRate == 1.5e-3f);
    CHECK(state.settings.learningRate == 3e-3f);
    CHECK(state.glyphMismatch(data->glyphSet()).empty());
    REQUIRE(state.history.rows.size() == 1);
    CHECK(state.history.rows[0] == std::vector<double>{3, 0.5, 0.6});
    // Saved values, moments and step counts: exactly what the task holds.
    const Autoencoder& a = uninterrupted.members().member(2);
    const Autoencoder& b = state.members.member(2);
    CHECK(b.stepCount() == a.stepCount());
    CHECK(b.stepCount() > 0);
    for (std::size_t k = 0; k < a.parameters().size(); ++k) {
        CHECK(b.parameters()[k]->value == a.parameters()[k]->value);
        CHECK(b.parameters()[k]->m == a.parameters()[k]->m);
        CHECK(b.parameters()[k]->v == a.parameters()[k]->v);
    }

    SharedLatentTask resumed(data, std::move(state));
    CHECK(resumed.roundsDone() == 7);
    CHECK(resumed.nextIsCross());
    CHECK(resumed.learningRate() == 1.5e-3f);
    CHECK(stateBytes(resumed, history) == saved);
    // Six more rounds each, the resumed one on another thread count.
    for (int r = 0; r < 6; ++r) {
        const auto u = uninterrupted.round(two);
        const auto c = resumed.round(one);
        CHECK(u.cross == c.cross);
        CHECK(u.lossPerPixel == c.lossPerPixel);
    }
    CHECK(stateBytes(resumed) == stateBytes(uninterrupted));

    // Control: the same weights without their moments (what a project kept
    // before) are not the same run.
    SharedLatentTask valuesOnly(data, tinySettings(), uninterrupted.members().inferenceCopy(), 13);
    SharedLatentTask again(data, reread(stateBytes(uninterrupted)));
    valuesOnly.round(two);
    again.round(two);
    const Autoencoder& x = valuesOnly.members().member(0);
    const Autoencoder& y = again.members().member(0);
    CHECK_FALSE(x.parameters()[0]->value == y.parameters()[0]->value);
}

TEST_CASE("A damaged or mismatched cube training state is refused with a message", "[cube]")
{
    const auto data = tinyWorld();
    ThreadPool pool(2);
    SharedLatentTask task(data, tinySettings());
    task.round(pool);
    const std::string saved = stateBytes(task);

    SECTION("newer chunk version")
    {
        const ChunkFile in = ChunkFile::fromBytes(saved, "saved state");
        ChunkFile out("future.latentset");
        for (const auto& c : in.chunks())
            out.add(c.tag, c.tag == SharedLatentState::kTag ? SharedLatentState::kVersion + 1 : c.version, c.payload);
        const std::string m = messageOf([&] { SharedLatentState::read(ChunkFile::fromBytes(out.toBytes(), "future")); });
        INFO(m);
        CHECK(m.find("SLTS") != std::string::npos);
        CHECK(m.find("newer") != std::string::npos);
    }
    SECTION("negative round count")
    {
        const std::string bad = withHeader(saved, [](BinaryWriter& w, SharedLatentState& s) {
            s.rounds = -5;
            ChunkFile tmp;
            s.write(tmp);
            w.writeBytes(tmp.find(SharedLatentState::kTag)->payload.data(), tmp.find(SharedLatentState::kTag)->payload.size());
        });
        const std::string m = messageOf([&] { reread(bad); });
        INFO(m);
        CHECK(m.find("negative round count") != std::string::npos);
    }
    SECTION("truncated header")
    {
        const std::string bad = withHeader(saved, [&](BinaryWriter& w, SharedLatentState&) {
            const ChunkFile original = ChunkFile::fromBytes(saved, "x");
            const std::string& p = original.find(SharedLatentState::kTag)->payload;
            w.writeBytes(p.data(), p.size() - 6);
        });
        const std::string m = messageOf([&] { reread(bad); });
        INFO(m);
        CHECK(m.find("truncated") != std::string::npos);
    }
    SECTION("members saved without optimiser state")
    {
        const ChunkFile in = ChunkFile::fromBytes(saved, "saved state");
        ChunkFile out("no-moments");
        out.add(SharedLatentState::kTag, SharedLatentState::kVersion, in.find(SharedLatentState::kTag)->payload);
        ModelFile::writeSet(out, task.members(), false);
        const std::string m = messageOf([&] { reread(out.toBytes()); });
        INFO(m);
        CHECK(m.find("without its optimiser state") != std::string::npos);
    }
    SECTION("members of another shape than the settings")
    {
        const std::string bad = withHeader(saved, [](BinaryWriter& w, SharedLatentState& s) {
            s.settings.hidden = 17;
            ChunkFile tmp;
            s.write(tmp);
            w.writeBytes(tmp.find(SharedLatentState::kTag)->payload.data(), tmp.find(SharedLatentState::kTag)->payload.size());
        });
        const std::string m = messageOf([&] { reread(bad); });
        INFO(m);
        CHECK(m.find("not the shape") != std::string::npos);
    }
    SECTION("other contexts")
    {
        const auto six = tinyWorld(false, 6);
        const std::string m = messageOf([&] { SharedLatentTask(six, reread(saved)); });
        INFO(m);
        CHECK(m.find("other contexts") != std::string::npos);
    }
    SECTION("other glyphs are reported, not hidden")
    {
        const SharedLatentState s = reread(saved);
        CHECK(s.glyphMismatch(data->glyphSet()).empty());
        CHECK_FALSE(s.glyphMismatch(tinyWorld(true)->glyphSet()).empty());
        const std::vector<Index> firstTwo{0, 1};
        CHECK_FALSE(s.glyphMismatch(data->glyphSet().subset(firstTwo)).empty());
    }
}

TEST_CASE("SharedLatentState: the project chunk UICT of a file written before it moved into core reads", "[cube][state]")
{
    std::ifstream in(std::string(LATENTSET_TEST_DATA_DIR) + "/../fuzz/corpus/project/cube-concept-state.latentset",
                     std::ios::binary);
    const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    REQUIRE_FALSE(bytes.empty());
    const ChunkFile project = ChunkFile::fromBytes(bytes, "cube-concept-state.latentset");
    const auto state = SharedLatentState::readProjectChunk(project, nullptr);
    REQUIRE(state);
    CHECK(state->members.size() == state->contexts.sideCount + state->contexts.topCount);
    // Written back, it reads the same; a project without it has none.
    ChunkFile again("again");
    SharedLatentState::writeProjectChunk(again, project.find(SharedLatentState::kProjectTag)->payload);
    CHECK(SharedLatentState::readProjectChunk(ChunkFile::fromBytes(again.toBytes(), "again"), nullptr)->rounds == state->rounds);
    CHECK(SharedLatentState::readProjectChunk(ChunkFile("none"), nullptr) == nullptr);
}
