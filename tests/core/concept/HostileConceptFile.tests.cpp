// Level-2 concept chunks that lie: an empty (0-column) calibration table used
// to crash the app (an index into a 0-column matrix), and a claimed network
// shape was built before its weights were proven present.
#include "HostileInput.h"

#include "latentset/concept/ConceptModel.h"
#include "latentset/util/ChunkFile.h"

#include <catch2/catch.hpp>

#include <cstring>

using namespace latentset;

namespace {

// A small untrained concept model's chunk, for patching.
ChunkFile conceptFile()
{
    ConceptSettings s;
    s.hiddenSizes = {3};
    ChunkFile file("concept.lset");
    ConceptModel(4, s).write(file);
    return file;
}

void patchU64(std::string& payload, std::size_t offset, std::uint64_t v)
{
    std::memcpy(payload.data() + offset, &v, 8);
}

// The concept file with its one chunk's payload changed by `patch`.
template <class Fn>
ChunkFile patched(Fn&& patch)
{
    const ChunkFile original = conceptFile();
    const ChunkFile::Chunk& chunk = original.chunks().at(0);
    std::string payload = chunk.payload;
    patch(payload);
    ChunkFile file("concept.lset");
    file.add(chunk.tag, chunk.version, payload);
    return file;
}

} // namespace

TEST_CASE("A concept chunk round-trips", "[concept][hostile]")
{
    const ConceptModel read = ConceptModel::read(conceptFile());
    CHECK(read.contexts() == 4);
    CHECK_FALSE(read.calibrated());
}

TEST_CASE("An empty 0-column calibration table is refused, not indexed", "[concept][hostile]")
{
    const ChunkFile file = patched([](std::string& payload) {
        // The tail: u (rows u64, cols u64, no data), theta (same), u32, f64, f64.
        const std::size_t u = payload.size() - (16 + 16 + 4 + 8 + 8);
        patchU64(payload, u + 8, 0);      // u: 0 x 0
        patchU64(payload, u + 16 + 8, 0); // theta: 0 x 0
    });
    testing::requireRefusedCheaply([&] { (void)ConceptModel::read(file); }, "bad calibration table");
}

TEST_CASE("A level-2 shape claiming more weights than the chunk holds is refused before building it",
          "[concept][hostile]")
{
    const ChunkFile file = patched([](std::string& payload) {
        const std::int32_t contexts = 100000;
        std::memcpy(payload.data(), &contexts, 4);
        patchU64(payload, 8, 100000); // hidden size: 1e10 weights claimed
    });
    testing::requireRefusedCheaply([&] { (void)ConceptModel::read(file); }, "a level-2 network of 100000-100000relu");
}
