#include "latentset/world/ContextWorld.h"

#include "latentset/util/Error.h"

#include <numeric>

namespace latentset {

Index ContextWorld::memberInputSize() const
{
    Index largest = 0;
    for (int c = 0; c < contextCount(); ++c)
        largest = std::max(largest, maskSize(c));
    return largest;
}

Matrix ContextWorld::maskedGlyphs(int, const Matrix&) const
{
    throw Error("the " + kind() + " world's items are not glyphs: it cannot show a new glyph");
}

Matrix ContextWorld::framesAt(const std::vector<double>&, std::span<const Index>) const
{
    throw Error("the " + kind() + " world cannot show an item between its contexts' parameter values");
}

Matrix ContextWorld::padRows(const Matrix& block, Index rows)
{
    Matrix out = Matrix::Zero(rows, block.cols());
    out.topRows(block.rows()) = block;
    return out;
}

std::vector<int> ContextWorld::fullMask(Index frameSize)
{
    std::vector<int> mask(static_cast<std::size_t>(frameSize));
    std::iota(mask.begin(), mask.end(), 0);
    return mask;
}

Matrix ContextWorld::memberInput(int c, std::span<const Index> items) const
{
    return padRows(masked(c, items), memberInputSize());
}

Matrix ContextWorld::memberMask(int c) const
{
    Matrix m = Matrix::Zero(memberInputSize(), 1);
    m.topRows(maskSize(c)).setOnes();
    return m;
}

Matrix ContextWorld::framesFromMasked(int c, const Matrix& masked) const
{
    const std::vector<int>& mask = maskPixels(c);
    if (masked.rows() != Index(mask.size()))
        throw Error("context world: " + std::to_string(masked.rows()) + " rows for a mask of "
                    + std::to_string(mask.size()) + " pixels");
    Matrix frames = Matrix::Zero(frameSize(), masked.cols());
    for (Index j = 0; j < masked.cols(); ++j)
        for (std::size_t k = 0; k < mask.size(); ++k)
            frames(mask[k], j) = masked(Index(k), j);
    return frames;
}

Matrix ContextWorld::maskedFromFrames(int c, const Matrix& frames) const
{
    if (frames.rows() != frameSize())
        throw Error("context world: frames of " + std::to_string(frames.rows()) + " pixels, the world's are "
                    + std::to_string(frameSize()));
    const std::vector<int>& mask = maskPixels(c);
    Matrix out(Index(mask.size()), frames.cols());
    for (Index j = 0; j < frames.cols(); ++j)
        for (std::size_t k = 0; k < mask.size(); ++k)
            out(Index(k), j) = frames(mask[k], j);
    return out;
}

Matrix ContextWorld::memberInputFromFrames(int c, const Matrix& frames) const
{
    return padRows(maskedFromFrames(c, frames), memberInputSize());
}

} // namespace latentset
