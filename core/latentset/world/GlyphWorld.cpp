#include "latentset/world/GlyphWorld.h"

#include "latentset/util/Error.h"

namespace latentset {

GlyphWorld::GlyphWorld(std::shared_ptr<const WarpFamily> family, Dataset glyphs)
    : family_(std::move(family)), glyphs_(std::move(glyphs))
{
    if (!family_)
        throw Error("glyph world: no contexts");
    const int g = family_->glyphSize();
    if (glyphs_.width() != g || glyphs_.height() != g)
        throw Error("glyph world: '" + glyphs_.name() + "' has " + std::to_string(glyphs_.width()) + "x"
                    + std::to_string(glyphs_.height()) + " images, the " + family_->kind() + " world takes "
                    + std::to_string(g) + "x" + std::to_string(g));
}

std::string GlyphWorld::itemName(Index item) const
{
    return glyphs_.className(glyphs_.label(item)) + " #" + std::to_string(item);
}

Matrix GlyphWorld::masked(int c, std::span<const Index> items) const
{
    return family_->warp(c).apply(glyphs_.batch(items));
}

Matrix GlyphWorld::framesAt(const std::vector<double>& parameters, std::span<const Index> items) const
{
    const LinearWarp warp = family_->warpAt(parameters);
    const Matrix masked = warp.apply(glyphs_.batch(items));
    Matrix frames = Matrix::Zero(frameSize(), masked.rows() ? masked.cols() : Index(items.size()));
    for (Index j = 0; j < masked.cols(); ++j)
        for (Index k = 0; k < warp.maskSize(); ++k)
            frames(warp.mask()[std::size_t(k)], j) = masked(k, j);
    return frames;
}

} // namespace latentset
