#include "latentset/cube/ContextTransfer.h"

#include "latentset/nn/AutoencoderSet.h"

namespace latentset {

ContextTransfer::ContextTransfer(const AutoencoderSet& members, const CubeDataset& data)
    : members_(members)
    , data_(data)
    , world_(members, data)
{
}

Matrix ContextTransfer::encodeGlyphs(int source, const Matrix& glyphs) const
{
    return members_.member(source).encode(data_.memberInput(source, glyphs));
}

Matrix ContextTransfer::encodeFrames(int source, const Matrix& frames) const
{
    return world_.encodeFrames(source, frames);
}

Matrix ContextTransfer::decodeAll(const Vector& code) const
{
    return world_.decodeAll(code);
}

Matrix ContextTransfer::transferGlyph(int source, const Vector& glyph) const
{
    return decodeAll(encodeGlyphs(source, glyph).col(0));
}

ContextTransfer::Errors ContextTransfer::errors(std::span<const Index> glyphIndices, ThreadPool* pool) const
{
    return world_.errors(glyphIndices, pool);
}

} // namespace latentset
