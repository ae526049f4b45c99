#include "views/WorldInput.h"

#include "session/SessionWorld.h"

#include "latentset/data/Dataset.h"
#include "latentset/util/Error.h"
#include "latentset/world/GlyphWorld.h"

#include <algorithm>
#include <cmath>
#include <span>

namespace {
// A one-image dataset of the glyph (8-bit, as every glyph world's items are).
latentset::Dataset glyphDataset(const latentset::Vector& glyph, int side)
{
    std::vector<std::uint8_t> pixels(std::size_t(glyph.size()));
    for (latentset::Index i = 0; i < glyph.size(); ++i)
        pixels[std::size_t(i)] = std::uint8_t(std::lround(std::clamp(glyph[i], 0.0f, 1.0f) * 255.0f));
    return latentset::Dataset(side, side, std::move(pixels), {0}, {}, "glyph");
}
} // namespace

latentset::Matrix WorldInput::maskedIn(const SessionWorld& world, int c) const
{
    const latentset::ContextWorld& w = *world.test;
    if (!isGlyph) {
        const latentset::Index items[] = {std::clamp<latentset::Index>(item, 0, w.itemCount() - 1)};
        return w.masked(c, std::span<const latentset::Index>(items));
    }
    if (w.glyphSize() <= 0 || glyph.size() != latentset::Index(w.glyphSize()) * w.glyphSize())
        throw latentset::Error("this world does not show glyphs of this size: pick one of its items");
    return w.maskedGlyphs(c, glyph);
}

latentset::Matrix WorldInput::frameIn(const SessionWorld& world, int c) const
{
    return world.test->framesFromMasked(c, maskedIn(world, c));
}

bool WorldInput::rendersBetween(const SessionWorld& world, bool glyph)
{
    if (!world.test || !world.test->rendersBetween())
        return false;
    return !glyph || dynamic_cast<const latentset::GlyphWorld*>(world.test.get());
}

latentset::Matrix WorldInput::frameAt(const SessionWorld& world, const std::vector<double>& parameters) const
{
    if (!rendersBetween(world, isGlyph))
        throw latentset::Error("this world cannot show an input between its contexts");
    if (!isGlyph) {
        const latentset::Index items[] = {std::clamp<latentset::Index>(item, 0, world.test->itemCount() - 1)};
        return world.test->framesAt(parameters, std::span<const latentset::Index>(items));
    }
    const auto& glyphs = static_cast<const latentset::GlyphWorld&>(*world.test);
    const latentset::GlyphWorld one(glyphs.sharedFamily(), glyphDataset(glyph, glyphs.glyphSize()));
    const latentset::Index first[] = {0};
    return one.framesAt(parameters, std::span<const latentset::Index>(first));
}
