#include "latentset/world/LinearWarp.h"

#include "latentset/util/Error.h"

#include <cmath>

namespace latentset {

LinearWarp::LinearWarp(int frameWidth, int frameHeight, int glyphSize, const InverseMap& toGlyph, int subsamples,
                       bool wholeFrameMask)
    : frameWidth_(frameWidth), frameHeight_(frameHeight), glyphSize_(glyphSize)
{
    if (frameWidth < 1 || frameHeight < 1 || glyphSize < 1 || frameWidth > 4096 || frameHeight > 4096 || glyphSize > 4096)
        throw Error("warp: frame and glyph sizes must be in 1..4096");
    if (subsamples < 1 || subsamples > 8)
        throw Error("warp: subsamples must be in 1..8");
    const int g = glyphSize, n = subsamples;
    const double perSample = 1.0 / double(n * n);
    std::vector<Eigen::Triplet<float, int>> taps;
    std::vector<int> rowOf(std::size_t(frameWidth) * std::size_t(frameHeight), -1);
    for (int y = 0; y < frameHeight; ++y) {
        for (int x = 0; x < frameWidth; ++x) {
            const int pixel = y * frameWidth + x;
            bool hit = false;
            std::vector<Eigen::Triplet<float, int>> local;
            for (int sy = 0; sy < n; ++sy) {
                for (int sx = 0; sx < n; ++sx) {
                    const Eigen::Vector2d q = toGlyph(x + (sx + 0.5) / n, y + (sy + 0.5) / n);
                    if (!(q.x() >= 0.0 && q.x() < g && q.y() >= 0.0 && q.y() < g))
                        continue;
                    hit = true;
                    // Bilinear between the four nearest pixel centres; taps
                    // outside the glyph read its background, 0.
                    const double u = q.x() - 0.5, v = q.y() - 0.5;
                    const double fu = std::floor(u), fv = std::floor(v);
                    const double au = u - fu, av = v - fv;
                    const int c0 = int(fu), r0 = int(fv);
                    const double w[4] = {(1 - au) * (1 - av), au * (1 - av), (1 - au) * av, au * av};
                    const int cs[4] = {c0, c0 + 1, c0, c0 + 1}, rs[4] = {r0, r0, r0 + 1, r0 + 1};
                    for (int k = 0; k < 4; ++k)
                        if (w[k] > 0 && cs[k] >= 0 && cs[k] < g && rs[k] >= 0 && rs[k] < g)
                            local.emplace_back(pixel, rs[k] * g + cs[k], float(w[k] * perSample));
                }
            }
            if (hit || wholeFrameMask) {
                rowOf[std::size_t(pixel)] = int(mask_.size());
                mask_.push_back(pixel);
                taps.insert(taps.end(), local.begin(), local.end());
            }
        }
    }
    for (auto& t : taps)
        t = Eigen::Triplet<float, int>(rowOf[std::size_t(t.row())], t.col(), t.value());
    weights_.resize(maskSize(), glyphPixels());
    weights_.setFromTriplets(taps.begin(), taps.end()); // sums duplicate (pixel, tap) entries
    weights_.makeCompressed();
}

Matrix LinearWarp::apply(const Matrix& glyphs) const
{
    if (glyphs.rows() != glyphPixels())
        throw Error("warp: glyphs of " + std::to_string(glyphs.rows()) + " pixels, the warp takes "
                    + std::to_string(glyphPixels()));
    return weights_ * glyphs;
}

} // namespace latentset
