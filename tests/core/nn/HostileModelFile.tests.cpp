// Model files whose config chunk claims sizes the file does not hold (the
// class of findings of the fuzzing campaign): refused before any member,
// MLP or weight matrix is built.
#include "HostileInput.h"

#include "latentset/nn/AutoencoderSet.h"
#include "latentset/nn/ModelFile.h"
#include "latentset/util/BinaryWriter.h"
#include "latentset/util/ChunkFile.h"

#include <catch2/catch.hpp>

#include <cstdlib>

using namespace latentset;

namespace {

// A config chunk for members of `hidden` units, and a set chunk claiming
// `count` members but holding only `bodyBytes` bytes of them.
ChunkFile claimedSet(Index hidden, std::uint64_t count, std::size_t bodyBytes)
{
    ChunkFile file("hostile.lset");
    ModelFile::writeConfig(file, AutoencoderConfig::make(784, {hidden}, 16, true));
    BinaryWriter w;
    w.writeU64(1);     // seed
    w.writeU64(count); // members
    w.writeU64(0);     // names
    w.writeBytes(std::string(bodyBytes, '\0').data(), bodyBytes);
    file.add("AESE", 1, w.take());
    return file;
}

} // namespace

TEST_CASE("A set whose config claims gigabytes per member is refused before building one", "[nn][modelfile][hostile]")
{
    // 784-1000000-16 tied: 3.1 GB of weights per member, in a 4 KB chunk.
    const ChunkFile file = claimedSet(1000000, 10, 4000);
    testing::requireRefusedCheaply([&] { (void)ModelFile::readSet(file); }, "10 members of 784-1000000relu");
    testing::requireRefusedCheaply([&] { (void)ModelFile::readSet(file); }, "only 4000 left");
}

TEST_CASE("A member count the chunk cannot hold is refused", "[nn][modelfile][hostile]")
{
    const ChunkFile file = claimedSet(64, 100000, 64);
    testing::requireRefusedCheaply([&] { (void)ModelFile::readSet(file); }, "100000 members");
}

TEST_CASE("A name count larger than the chunk is refused before reading names", "[nn][modelfile][hostile]")
{
    ChunkFile file("names.lset");
    ModelFile::writeConfig(file, AutoencoderConfig::make(4, {3}, 2, true));
    BinaryWriter w;
    w.writeU64(1);
    w.writeU64(2);
    w.writeU64(2);                   // two names ...
    w.writeU64(std::uint64_t(1) << 50); // ... the first claiming a petabyte
    file.add("AESE", 1, w.take());
    testing::requireRefusedCheaply([&] { (void)ModelFile::readSet(file); }, "need");
}

TEST_CASE("An MLP whose sizes claim more weights than the chunk holds is refused", "[nn][modelfile][hostile]")
{
    ChunkFile file("mlp.lset");
    BinaryWriter w;
    w.writeI64(784);
    w.writeI64(1000000); // 784M weights: passes the old 1e9 plausibility check
    w.writeI64(10);
    w.writeU64(0);
    w.writeBytes(std::string(1024, '\0').data(), 1024);
    file.add("MLPN", 1, w.take());
    testing::requireRefusedCheaply([&] { (void)ModelFile::readMlp(file); }, "an MLP 784-1000000-10");
}

TEST_CASE("A set that would not fit in memory is refused with what it needs", "[nn][modelfile][memory]")
{
    AutoencoderSet set(AutoencoderConfig::make(64, {256}, 8, true), 4, 3);
    ChunkFile file("budget.lset");
    ModelFile::writeSet(file, set, false);
    CHECK(ModelFile::readSet(file).size() == 4);
    const auto resident = std::uint64_t(ProcessStats::currentRssMb() * double(1 << 20));
    ::setenv("LATENTSET_MEMORY_LIMIT", (std::to_string((resident + (100ull << 10)) >> 10) + "K").c_str(), 1);
    testing::requireRefusedCheaply([&] { (void)ModelFile::readSet(file); }, "4 members of 64-256relu");
    ::unsetenv("LATENTSET_MEMORY_LIMIT");
}

TEST_CASE("parameterCount matches the members' tensors", "[nn][modelfile]")
{
    for (bool tied : {true, false}) {
        const AutoencoderConfig c = AutoencoderConfig::make(20, {7, 5}, 3, tied);
        const Autoencoder a(c, 1);
        std::uint64_t floats = 0;
        for (const Parameter* p : a.parameters())
            floats += std::uint64_t(p->value.size());
        CHECK(c.parameterCount().value() == floats);
        CHECK(std::size_t(c.tensorCount()) == a.parameters().size());
    }
}
