#include "latentset/data/GlyphDeskew.h"

#include <algorithm>
#include <cmath>
#include <vector>

namespace latentset {

void GlyphDeskew::image(const std::uint8_t* in, std::uint8_t* out, int width, int height)
{
    double mass = 0, sx = 0, sy = 0;
    for (int y = 0; y < height; ++y)
        for (int x = 0; x < width; ++x) {
            const double v = in[y * width + x];
            mass += v;
            sx += v * x;
            sy += v * y;
        }
    if (mass <= 0) {
        std::copy(in, in + std::size_t(width) * std::size_t(height), out);
        return;
    }
    const double cx = sx / mass, cy = sy / mass;
    double mu11 = 0, mu02 = 0;
    for (int y = 0; y < height; ++y)
        for (int x = 0; x < width; ++x) {
            const double v = in[y * width + x];
            mu11 += v * (x - cx) * (y - cy);
            mu02 += v * (y - cy) * (y - cy);
        }
    const double alpha = mu02 > 0 ? mu11 / mu02 : 0.0;
    for (int y = 0; y < height; ++y) {
        const double shift = alpha * (y - cy);
        for (int x = 0; x < width; ++x) {
            // The deskewed pixel (x, y) reads the slanted image at x + shift.
            const double src = x + shift;
            const double f = std::floor(src);
            const int x0 = int(f);
            const double a = src - f;
            const double v0 = x0 >= 0 && x0 < width ? in[y * width + x0] : 0.0;
            const double v1 = x0 + 1 >= 0 && x0 + 1 < width ? in[y * width + x0 + 1] : 0.0;
            out[y * width + x] = std::uint8_t(std::clamp(std::lround((1 - a) * v0 + a * v1), 0L, 255L));
        }
    }
}

Dataset GlyphDeskew::apply(const Dataset& glyphs)
{
    const std::size_t n = std::size_t(glyphs.pixelCount());
    std::vector<std::uint8_t> pixels(glyphs.pixels().size());
    for (Index i = 0; i < glyphs.size(); ++i)
        image(glyphs.image(i), pixels.data() + std::size_t(i) * n, glyphs.width(), glyphs.height());
    return Dataset(glyphs.width(), glyphs.height(), std::move(pixels), glyphs.labels(), glyphs.classNames(),
                   glyphs.name() + " deskewed");
}

} // namespace latentset
