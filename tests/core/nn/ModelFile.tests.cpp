#include "latentset/data/Dataset.h"
#include "latentset/nn/ClassSetTask.h"
#include "latentset/nn/ModelFile.h"
#include "latentset/util/Error.h"
#include "latentset/util/Random.h"
#include "latentset/util/ThreadPool.h"

#include <catch2/catch.hpp>

#include <cstdio>
#include <filesystem>
#include <fstream>

using namespace latentset;

namespace {

std::string tempPath(const char* name)
{
    return (std::filesystem::temp_directory_path() / (std::string("latentset-nn-") + name)).string();
}

// Three classes of 4x4 images: a bright row, column or diagonal, plus noise.
Dataset patterns(int perClass, std::uint64_t seed)
{
    Random rng(seed);
    std::vector<std::uint8_t> pixels;
    std::vector<int> labels;
    for (int i = 0; i < perClass * 3; ++i) {
        const int c = i % 3;
        const int k = int(rng.below(4));
        for (int y = 0; y < 4; ++y)
            for (int x = 0; x < 4; ++x) {
                const bool on = (c == 0 && y == k) || (c == 1 && x == k) || (c == 2 && (x + k) % 4 == y);
                const double v = (on ? 220.0 : 20.0) + rng.uniform() * 30.0;
                pixels.push_back(std::uint8_t(v));
            }
        labels.push_back(c);
    }
    return Dataset(4, 4, std::move(pixels), std::move(labels), {}, "patterns");
}

ClassSetTask makeTask(std::uint64_t seed)
{
    const Dataset d = patterns(30, 3);
    std::vector<Dataset> parts{d.ofClass(0), d.ofClass(1), d.ofClass(2)};
    ClassSetSettings s;
    s.batchSize = 8;
    s.maskingNoise = 0.1f;
    s.seed = seed;
    s.optimizer.learningRate = 5e-3f;
    return ClassSetTask(AutoencoderSet(AutoencoderConfig::make(16, {10}, 3, true), 3, seed), parts, s);
}

} // namespace

TEST_CASE("Save then load reproduces outputs exactly and training resumes bit for bit", "[nn][modelfile]")
{
    ThreadPool pool(2);
    ClassSetTask a = makeTask(7);
    for (int i = 0; i < 20; ++i)
        a.step(pool, 0.0, 1.0);
    const std::string path = tempPath("resume.lset");
    {
        ChunkFile f(path);
        ModelFile::writeSet(f, a.set(), true);
        ModelFile::writeOptimizer(f, a.settings().optimizer);
        a.writeState(f);
        MetricHistory h;
        h.columns = {"epoch", "loss"};
        h.addRow({1.0, 0.5});
        ModelFile::writeHistory(f, h);
        f.save(path);
    }
    const ChunkFile loaded = ChunkFile::load(path);
    AutoencoderSet set = ModelFile::readSet(loaded);
    CHECK(ModelFile::readHistory(loaded).rows.at(0).at(1) == 0.5);
    CHECK(ModelFile::readOptimizer(loaded).learningRate == 5e-3f);
    const Matrix X = patterns(5, 99).all();
    for (int i = 0; i < 3; ++i)
        CHECK(set.member(i).reconstruct(X) == a.set().member(i).reconstruct(X));

    // Resume: a fresh task given the loaded set and state continues exactly.
    ClassSetTask b = makeTask(7);
    b.set() = std::move(set);
    b.readState(loaded);
    for (int i = 0; i < 15; ++i) {
        const auto la = a.step(pool, 0.5, 1.0).losses;
        const auto lb = b.step(pool, 0.5, 1.0).losses;
        CHECK(la == lb);
    }
    for (int i = 0; i < 3; ++i)
        CHECK(b.set().member(i).reconstruct(X) == a.set().member(i).reconstruct(X));
    std::remove(path.c_str());
}

TEST_CASE("Model files that are truncated, bit-flipped or newer are refused", "[nn][modelfile]")
{
    ThreadPool pool(1);
    ClassSetTask a = makeTask(3);
    a.step(pool, 0.0, 1.0);
    ChunkFile f("model.lset");
    ModelFile::writeSet(f, a.set(), true);
    const std::string bytes = f.toBytes();
    CHECK_NOTHROW(ModelFile::readSet(ChunkFile::fromBytes(bytes, "ok.lset")));
    for (std::size_t cut : {bytes.size() / 3, bytes.size() / 2, bytes.size() - 1})
        CHECK_THROWS_WITH(ModelFile::readSet(ChunkFile::fromBytes(bytes.substr(0, cut), "cut.lset")),
                          Catch::Contains("cut.lset"));
    std::string flipped = bytes;
    flipped[bytes.size() / 2] = char(flipped[bytes.size() / 2] ^ 1);
    CHECK_THROWS_WITH(ModelFile::readSet(ChunkFile::fromBytes(flipped, "flip.lset")), Catch::Contains("checksum"));

    // A chunk of a newer version than this build reads.
    ChunkFile newer("newer.lset");
    for (const auto& c : f.chunks())
        newer.add(c.tag, c.tag == "AESE" ? 2u : c.version, c.payload);
    CHECK_THROWS_WITH(ModelFile::readSet(ChunkFile::fromBytes(newer.toBytes(), "newer.lset")),
                      Catch::Contains("newer.lset") && Catch::Contains("newer than this LatentSet"));
    // A file without a set.
    ChunkFile other("other.lset");
    other.add("XXXX", 1, "x");
    CHECK_THROWS_WITH(ModelFile::readSet(other), Catch::Contains("missing chunk 'AECF'"));
}

TEST_CASE("Mlp round trip is exact", "[nn][modelfile]")
{
    Mlp mlp(16, 8, 3, 5);
    ChunkFile f("mlp.lset");
    ModelFile::writeMlp(f, mlp);
    const Mlp back = ModelFile::readMlp(ChunkFile::fromBytes(f.toBytes(), "mlp.lset"));
    const Matrix X = patterns(3, 1).all();
    CHECK(back.probabilities(X) == mlp.probabilities(X));
}
