// nn/ClassSetState: the class-set area's project chunks. A captured state
// restores a task that continues bit for bit; project files written before
// the state moved into core (tests/fuzz/corpus/project) still read; damaged
// ones throw.
#include "latentset/data/Dataset.h"
#include "latentset/nn/ClassSetState.h"
#include "latentset/util/ChunkFile.h"
#include "latentset/util/Error.h"
#include "latentset/util/Random.h"
#include "latentset/util/ThreadPool.h"

#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

using namespace latentset;

namespace {

std::vector<Dataset> twoClasses()
{
    Random rng(5);
    std::vector<std::uint8_t> pixels;
    std::vector<int> labels;
    for (int i = 0; i < 40; ++i) {
        for (int p = 0; p < 16; ++p)
            pixels.push_back(std::uint8_t(rng.uniform() * 120.0 + (i % 2) * 100.0));
        labels.push_back(i % 2);
    }
    const Dataset d(4, 4, std::move(pixels), std::move(labels), {}, "noise");
    return {d.ofClass(0), d.ofClass(1)};
}

ClassSetSettings settings()
{
    ClassSetSettings s;
    s.batchSize = 8;
    s.maskingNoise = 0.1f;
    s.seed = 3;
    return s;
}

std::string corpus(const char* name)
{
    std::ifstream in(std::string(LATENTSET_TEST_DATA_DIR) + "/../fuzz/corpus/project/" + name, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

} // namespace

TEST_CASE("ClassSetState: capture, project chunk, restore continues bit for bit", "[experiments][state]")
{
    ThreadPool pool(2);
    ClassSetTask straight(AutoencoderSet(AutoencoderConfig::make(16, {8}, 2, true), 2, 7), twoClasses(), settings());
    ClassSetTask first(AutoencoderSet(AutoencoderConfig::make(16, {8}, 2, true), 2, 7), twoClasses(), settings());
    straight.beginEpoch(0);
    first.beginEpoch(0);
    for (int k = 0; k < 3; ++k) {
        straight.step(pool, 0.1 * k, 1.0);
        first.step(pool, 0.1 * k, 1.0);
    }
    ChunkFile project("p.latentset");
    ClassSetState::capture(first).write(project);
    ClassSetState::writeSet(project, first.set().inferenceCopy());
    const ChunkFile reread = ChunkFile::fromBytes(project.toBytes(), "p.latentset");
    ClassSetState state = ClassSetState::read(reread);
    REQUIRE_FALSE(state.empty());
    ChunkFile taken = ChunkFile::fromBytes(project.toBytes(), "p.latentset");
    CHECK(ClassSetState::take(taken).bytes == state.bytes); // moved out of the file, the same bytes
    CHECK(taken.find(ClassSetState::kTag)->payload.empty());
    ClassSetState::Restored r = state.restore(twoClasses(), settings());
    CHECK(state.empty()); // restore takes the bytes: no second copy
    CHECK(r.note.empty());
    CHECK(r.startEpoch == first.epochsDone());
    CHECK(r.startBatch == first.batchInEpoch());
    for (int k = 3; k < 5; ++k) {
        straight.step(pool, 0.1 * k, 1.0);
        r.task->step(pool, 0.1 * k, 1.0);
    }
    const Matrix x = Matrix::Constant(16, 2, 0.5f);
    CHECK((straight.set().member(1).reconstruct(x) - r.task->set().member(1).reconstruct(x)).cwiseAbs().maxCoeff() == 0.0f);
    REQUIRE(ClassSetState::hasSet(reread, false));
    const auto shown = ClassSetState::readSet(reread, false);
    CHECK(shown->size() == 2);
}

TEST_CASE("ClassSetState: an order that does not fit the data restores the weights with a fresh order",
          "[experiments][state]")
{
    ThreadPool pool(2);
    ClassSetTask first(AutoencoderSet(AutoencoderConfig::make(16, {8}, 2, true), 2, 7), twoClasses(), settings());
    first.beginEpoch(0);
    for (int k = 0; k < 3; ++k)
        first.step(pool, 0.1 * k, 1.0);
    ChunkFile project("p.latentset");
    ClassSetState::capture(first).write(project);
    ClassSetState state = ClassSetState::read(project);
    // Fewer images per class than the saved order indexes (another split).
    auto fewer = [] {
        std::vector<Dataset> d = twoClasses();
        const std::vector<Index> keep{0, 1, 2, 3};
        for (auto& c : d)
            c = c.subset(keep);
        return d;
    };
    ClassSetState::Restored r = state.restore(fewer(), settings());
    CHECK_FALSE(r.note.empty());
    CHECK(state.empty());
    CHECK(r.task->stepsDone() == 0);
    CHECK(r.startEpoch == 0);
    CHECK(r.startBatch == 0);
    // The task is as if built afresh from the saved weights: the same next step.
    ClassSetTask fresh(first.set().inferenceCopy(), fewer(), settings());
    const Matrix x = Matrix::Constant(16, 2, 0.5f);
    CHECK((fresh.set().member(0).reconstruct(x) - r.task->set().member(0).reconstruct(x)).cwiseAbs().maxCoeff()
          == 0.0f);
    fresh.beginEpoch(0);
    r.task->beginEpoch(0);
    const auto a = fresh.step(pool, 0.0, 1.0);
    const auto b = r.task->step(pool, 0.0, 1.0);
    REQUIRE(a.losses.size() == b.losses.size());
    CHECK(a.losses[0] == b.losses[0]);
}

TEST_CASE("ClassSetState: a project without the chunks is empty, not an error", "[experiments][state]")
{
    ChunkFile project("empty.latentset");
    project.add("UIPR", 1, "{}");
    CHECK(ClassSetState::read(project).empty());
    CHECK_FALSE(ClassSetState::hasSet(project, false));
    CHECK(ClassSetState::readSet(project, false) == nullptr);
}

TEST_CASE("ClassSetState: project files written before the move still read", "[experiments][state]")
{
    const std::string bytes = corpus("class-set-with-state.latentset");
    REQUIRE_FALSE(bytes.empty());
    const ChunkFile file = ChunkFile::fromBytes(bytes, "class-set-with-state.latentset");
    const ClassSetState state = ClassSetState::read(file);
    CHECK_FALSE(state.empty());
    CHECK(ClassSetState::hasSet(file, false));
    CHECK(ClassSetState::readSet(file, false) != nullptr);
    // A bare model file (latentset-cli mnist --save): top-level AESE.
    const ChunkFile bare = ChunkFile::fromBytes(corpus("bare-model.lset"), "bare-model.lset");
    CHECK(ClassSetState::hasSet(bare, false));
    CHECK(ClassSetState::readSet(bare, false) != nullptr);
    CHECK_FALSE(ClassSetState::hasSet(bare, true)); // in a cube model those tags are the cube's members
}

TEST_CASE("ClassSetState: a damaged training state fails the read", "[experiments][state]")
{
    const std::string inner = ChunkFile("state").toBytes(); // a valid container without AESE/CSTK
    ChunkFile project("p");
    project.add(ClassSetState::kTag, ClassSetState::kVersion, inner);
    CHECK_THROWS_AS(ClassSetState::read(project), Error);
    ChunkFile newer("p");
    newer.add(ClassSetState::kTag, ClassSetState::kVersion + 1, inner);
    CHECK_THROWS_AS(ClassSetState::read(newer), Error);
}
