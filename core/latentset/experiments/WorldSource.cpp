#include "latentset/experiments/WorldSource.h"

#include "latentset/data/GlyphDeskew.h"
#include "latentset/experiments/MnistData.h"
#include "latentset/experiments/WorldBuilder.h"

namespace latentset {

WorldSource WorldSource::mnist(const WorldSpec& spec)
{
    const WorldBuilder builder(spec);
    if (spec.glyphs == "mnist-deskewed")
        return {builder.over(GlyphDeskew::apply(MnistData::train())), builder.over(GlyphDeskew::apply(MnistData::test()))};
    return {builder.over(MnistData::train()), builder.over(MnistData::test())};
}

} // namespace latentset
