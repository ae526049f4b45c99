// World model files (world/WorldModel::from: "WRLD" with the world settings
// as JSON + "AECF"/"AESE" members). Accepted models are used as the world
// commands use them: the glyph world their settings name is built over one
// glyph, the members checked against it, and a glyph encoded and decoded in
// every context. Folder and fonts worlds need their images (a folder, a
// font renderer): only the file is read for them.
#include "FuzzSupport.h"

#include "latentset/experiments/WorldBuilder.h"
#include "latentset/world/WorldModel.h"

namespace {

using namespace latentset;

void readAll(const ChunkFile& file)
{
    fuzz::accepts([&] {
        const WorldModel model = WorldModel::from(file);
        if (model.spec.isFolder() || model.spec.isFonts())
            return;
        const WorldBuilder builder(model.spec);
        const auto world = builder.over(Dataset(28, 28, std::vector<std::uint8_t>(28 * 28, 128), {0}));
        model.checkFits(*world);
        const std::vector<Index> items{0};
        const Matrix code = model.members.member(0).encode(world->memberInput(0, items));
        for (int c = 0; c < model.members.size(); ++c) // context 0's code decoded in every context
            (void)world->unpad(c, model.members.member(c).decode(code));
    });
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    fuzz::withChunkFile(data, size, readAll);
    return 0;
}
