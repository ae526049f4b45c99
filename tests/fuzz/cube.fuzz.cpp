// Cube worlds (cube/CubeModel::from: "CUBE" + "AECF"/"AESE" or the older
// "CUBM"; cube/CubeContexts config) and the cube training state
// (cube/SharedLatentState::read: "SLTS" + members with their optimiser
// state + "HIST"), at top level and nested in a "UICT" chunk as projects
// keep it. Accepted models are used as the concept experiments use them (a
// CubeWorldView encoding and decoding a glyph in the last context), accepted
// states are checked against contexts built from their own claim, as
// ProjectFile does before publishing one.
#include "FuzzSupport.h"

#include "latentset/concept/CubeWorldView.h"
#include "latentset/cube/CubeModel.h"
#include "latentset/cube/SharedLatentState.h"

namespace {

using namespace latentset;

void readState(const ChunkFile& file)
{
    fuzz::accepts([&] {
        const SharedLatentState state = SharedLatentState::read(file);
        state.checkFits(CubeContexts(state.contexts));
        (void)state.glyphMismatch(Dataset(2, 2, std::vector<std::uint8_t>(4, 0), {0}));
    });
}

void readAll(const ChunkFile& file)
{
    fuzz::accepts([&] {
        const CubeModel model = CubeModel::from(file);
        const CubeWorldView view(model.members, *model.contexts);
        const int last = view.size() - 1;
        const Matrix glyph = Matrix::Constant(model.contexts->glyphPixels(), 1, 0.5f);
        (void)view.decodeMasked(last, view.encodeGlyphs(last, glyph));
    });
    readState(file);
    if (const ChunkFile::Chunk* nested = file.find("UICT"))
        fuzz::accepts([&] { readState(ChunkFile::fromBytes(nested->payload, file.describe(*nested))); });
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    fuzz::withChunkFile(data, size, readAll);
    return 0;
}
