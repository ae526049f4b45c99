#pragma once
// The two views of a world an experiment needs: `train` (the items it trains
// on) and `test` (held-out items it measures on), sharing one set of
// contexts. Glyph worlds paint MNIST's training and test digits (mnist());
// a front end builds folder worlds from decoded images (PairedWorld::split).
#include "latentset/world/ContextWorld.h"
#include "latentset/world/WorldSpec.h"

#include <memory>

namespace latentset {

struct WorldSource {
    std::shared_ptr<const ContextWorld> train, test;

    bool empty() const { return !train || !test; }
    // MNIST train / test (deskewed if spec.glyphs says so) in the glyph world `spec` (throws for a folder
    // world, or when MNIST is not installed).
    static WorldSource mnist(const WorldSpec& spec);
};

} // namespace latentset
