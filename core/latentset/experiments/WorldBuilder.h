#pragma once
// Builds the contexts of a glyph world (rotation, scale-position, cube) once
// and shows any glyph set in them (docs/worlds.md): the training digits and
// the held-out test digits share one set of warps. Folder worlds are built
// from their decoded images instead (world/PairedWorld).
// Thread rules: immutable after construction; over() is safe from any thread.
#include "latentset/data/Dataset.h"
#include "latentset/world/ContextWorld.h"
#include "latentset/world/WorldSpec.h"

#include <memory>

namespace latentset {

class CubeContexts;
class WarpFamily;

class WorldBuilder {
public:
    // Throws Error for a folder world or invalid settings.
    explicit WorldBuilder(WorldSpec spec);

    const WorldSpec& spec() const { return spec_; }
    // The world over `glyphs` (28 x 28 images; throws naming the dataset otherwise).
    std::shared_ptr<const ContextWorld> over(Dataset glyphs) const;

private:
    WorldSpec spec_;
    std::shared_ptr<const WarpFamily> family_;
    std::shared_ptr<const CubeContexts> cube_;
};

} // namespace latentset
