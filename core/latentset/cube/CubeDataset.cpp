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

Matrix CubeDataset::memberInput(int context, const Matrix& glyphs) const
{
    return padRows(masked(context, glyphs), memberInputSize());
}

const std::vector<ContextAxis>& CubeDataset::axes() const
{
    static const std::vector<ContextAxis> kAxes{{"face", false, 0}, {"angle", false, 0}};
    return kAxes;
}

std::vector<double> CubeDataset::parameters(int c) const
{
    const FacePose& p = contexts_->pose(c);
    return {p.kind == FacePose::Kind::Side ? 0.0 : 1.0, p.angleDeg};
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
