#include "latentset/cube/CubeRenderer.h"

#include "latentset/cube/FaceWarp.h"
#include "latentset/util/Error.h"

namespace latentset {

void CubeRenderer::addFace(const FacePose& pose, const Vector& glyph, Vector& image) const
{
    const Index glyphPixels = Index(geometry_.glyphSize()) * geometry_.glyphSize();
    if (glyph.size() != glyphPixels)
        throw Error("cube renderer: glyph has " + std::to_string(glyph.size()) + " pixels, expected "
                    + std::to_string(glyphPixels));
    // Direct accumulation: no sparse matrix is built for a one-off image.
    FaceWarp::visit(geometry_, pose, [&](int pixel, int glyphIndex, double weight) {
        image(pixel) += float(glyphIndex < 0 ? weight : weight * glyph(glyphIndex));
    });
}

Vector CubeRenderer::renderCube(double thetaDeg, const std::array<const Vector*, 3>& faceGlyphs) const
{
    Vector image = Vector::Zero(Index(geometry_.imageSize()) * geometry_.imageSize());
    const auto faces = geometry_.cubeFaces(thetaDeg);
    for (std::size_t f = 0; f < 3; ++f) {
        if (!faceGlyphs[f])
            throw Error("cube renderer: no glyph for face " + std::to_string(f));
        addFace(faces[f], *faceGlyphs[f], image);
    }
    // Shared boundary pixels add up to at most full coverage; rounding aside.
    return image.cwiseMin(1.0f);
}

Vector CubeRenderer::renderCube(double thetaDeg, const Vector& glyph) const
{
    return renderCube(thetaDeg, {&glyph, &glyph, &glyph});
}

Vector CubeRenderer::renderFace(const FacePose& pose, const Vector& glyph) const
{
    Vector image = Vector::Zero(Index(geometry_.imageSize()) * geometry_.imageSize());
    addFace(pose, glyph, image);
    return image.cwiseMin(1.0f);
}

} // namespace latentset
