#include "latentset/cube/CubeDataset.h"

#include "latentset/util/Error.h"

namespace latentset {

CubeDataset::CubeDataset(std::shared_ptr<const CubeContexts> contexts, Dataset glyphs)
    : contexts_(std::move(contexts))
    , glyphs_(std::move(glyphs))
    , renderer_(contexts_ ? contexts_->geometry() : CubeGeometry())
{
    if (!contexts_)
        throw Error("cube dataset: no contexts");
    const int g = contexts_->geometry().glyphSize();
    if (glyphs_.width() != g || glyphs_.height() != g)
        throw Error("cube dataset: '" + glyphs_.name() + "' has " + std::to_string(glyphs_.width()) + "x"
                    + std::to_string(glyphs_.height()) + " images, the cube's faces take " + std::to_string(g)
                    + "x" + std::to_string(g));
}

Matrix CubeDataset::padRows(const Matrix& masked, Index rows)
{
    Matrix out = Matrix::Zero(rows, masked.cols());
    out.topRows(masked.rows()) = masked;
    return out;
}

Matrix CubeDataset::memberInput(int context, const Matrix& glyphs) const
{
    return padRows(masked(context, glyphs), memberInputSize());
}

Matrix CubeDataset::memberMask(int context) const
{
    Matrix m = Matrix::Zero(memberInputSize(), 1);
    m.topRows(contexts_->warp(context).maskSize()).setOnes();
    return m;
}

Matrix CubeDataset::unpad(int context, const Matrix& member) const
{
    return member.topRows(contexts_->warp(context).maskSize());
}

Matrix CubeDataset::framesFromMasked(int context, const Matrix& masked) const
{
    Matrix frames = Matrix::Zero(contexts_->frameSize(), masked.cols());
    contexts_->warp(context).scatter(masked, frames);
    return frames;
}

Vector CubeDataset::cube(double thetaDeg, Index glyph) const
{
    return renderer_.renderCube(thetaDeg, glyphs_.imageVector(glyph));
}

Vector CubeDataset::contextFrame(int context, Index glyph) const
{
    return renderer_.renderFace(contexts_->pose(context), glyphs_.imageVector(glyph));
}

} // namespace latentset
