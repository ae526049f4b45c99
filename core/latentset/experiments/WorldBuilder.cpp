#include "latentset/experiments/WorldBuilder.h"

#include "latentset/cube/CubeContexts.h"
#include "latentset/cube/CubeDataset.h"
#include "latentset/util/Error.h"
#include "latentset/world/GlyphWorld.h"
#include "latentset/world/RotationFamily.h"

namespace latentset {

WorldBuilder::WorldBuilder(WorldSpec spec) : spec_(std::move(spec))
{
    spec_.validate();
    if (spec_.kind == "rotation")
        family_ = RotationFamily::make(spec_.contexts, spec_.turnDeg);
    else if (spec_.kind == "scale-position")
        family_ = ScalePositionFamily::make(spec_.scalePosition);
    else if (spec_.kind == "cube")
        cube_ = std::make_shared<const CubeContexts>(CubeContextsConfig::forCount(spec_.contexts));
    else
        throw Error("world builder: a " + spec_.kind + " world is read or rendered by a front end, not built from glyphs");
}

std::shared_ptr<const ContextWorld> WorldBuilder::over(Dataset glyphs) const
{
    if (cube_)
        return std::make_shared<const CubeDataset>(cube_, std::move(glyphs));
    return std::make_shared<const GlyphWorld>(family_, std::move(glyphs));
}

} // namespace latentset
