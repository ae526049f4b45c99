#include "latentset/data/GlyphNormalizer.h"

#include "latentset/util/Error.h"

#include <algorithm>
#include <cmath>
#include <string>

namespace latentset {

namespace {

// Whether the border is mostly light (dark ink on light paper): a glyph
// rarely touches most of its frame, so the border mean decides the polarity.
bool lightPaper(const Vector& image, int width, int height)
{
    double border = 0;
    int count = 0;
    for (int x = 0; x < width; ++x) {
        border += image[x] + image[Index(height - 1) * width + x];
        count += 2;
    }
    for (int y = 0; y < height; ++y) {
        border += image[Index(y) * width] + image[Index(y) * width + width - 1];
        count += 2;
    }
    return border / count > 0.5;
}

// The image inside the bounding box [x0, x1] x [y0, y1] of the pixels above
// `threshold` (set here), zero outside: ink below the threshold outside the
// box is dropped, being the faint halo of anti-aliasing, or noise.
Vector cropToInk(const Vector& image, int width, int height, float threshold, int& x0, int& y0, int& x1, int& y1)
{
    for (int y = 0; y < height; ++y)
        for (int x = 0; x < width; ++x)
            if (image[Index(y) * width + x] > threshold) {
                x0 = std::min(x0, x);
                x1 = std::max(x1, x);
                y0 = std::min(y0, y);
                y1 = std::max(y1, y);
            }
    Vector cropped = Vector::Zero(image.size());
    for (int y = y0; y <= y1; ++y)
        for (int x = x0; x <= x1; ++x)
            cropped[Index(y) * width + x] = image[Index(y) * width + x];
    return cropped;
}

} // namespace

Eigen::Vector2f GlyphNormalizer::centreOfMass(const Vector& image, int width, int height)
{
    double sum = 0, sx = 0, sy = 0;
    for (int y = 0; y < height; ++y)
        for (int x = 0; x < width; ++x) {
            const double v = image[Index(y) * width + x];
            sum += v;
            sx += v * (x + 0.5);
            sy += v * (y + 0.5);
        }
    if (sum <= 0)
        return {-1.f, -1.f};
    return {float(sx / sum), float(sy / sum)};
}

Vector GlyphNormalizer::normalize(const Vector& input, int width, int height) const
{
    if (width <= 0 || height <= 0 || input.size() != Index(width) * height)
        throw Error("glyph image: " + std::to_string(input.size()) + " values do not make a "
                    + std::to_string(width) + " x " + std::to_string(height) + " image");
    if (options_.fieldSize < options_.boxSize || options_.boxSize < 1)
        throw Error("glyph normaliser: box size must be between 1 and the field size");

    Vector image = input.cwiseMax(0.f).cwiseMin(1.f);
    if (options_.autoInvert) {
        if (lightPaper(image, width, height))
            image = Vector::Ones(image.size()) - image;
    }

    const float maxValue = image.maxCoeff();
    if (!(maxValue > 1e-3f))
        throw Error("glyph image: no ink (the image is empty or uniform)");
    const float threshold = options_.inkThreshold * maxValue;
    int x0 = width, y0 = height, x1 = -1, y1 = -1;
    const Vector cropped = cropToInk(image, width, height, threshold, x0, y0, x1, y1);

    const float boxW = float(x1 - x0 + 1), boxH = float(y1 - y0 + 1);
    const float scale = float(options_.boxSize) / std::max(boxW, boxH); // output px per input px
    const Eigen::Vector2f com = centreOfMass(cropped, width, height);
    const float centre = 0.5f * float(options_.fieldSize);

    // Output point p maps to input point  com + (p - centre) / scale.
    // Each output pixel averages a k x k grid of bilinear samples over its
    // footprint in the input, which is area averaging when shrinking (the
    // anti-aliasing MNIST had) and plain bilinear when enlarging.
    const int k = std::clamp(int(std::ceil(1.f / scale)) * 2, 2, 16);
    auto sample = [&](float fx, float fy) -> float {
        // bilinear on pixel centres; outside the image reads as 0
        const float gx = fx - 0.5f, gy = fy - 0.5f;
        const int ix = int(std::floor(gx)), iy = int(std::floor(gy));
        const float ax = gx - float(ix), ay = gy - float(iy);
        auto at = [&](int x, int y) -> float {
            if (x < 0 || y < 0 || x >= width || y >= height)
                return 0.f;
            return cropped[Index(y) * width + x];
        };
        return (1 - ay) * ((1 - ax) * at(ix, iy) + ax * at(ix + 1, iy))
             + ay * ((1 - ax) * at(ix, iy + 1) + ax * at(ix + 1, iy + 1));
    };
    const int n = options_.fieldSize;
    Vector out(Index(n) * n);
    for (int y = 0; y < n; ++y)
        for (int x = 0; x < n; ++x) {
            float acc = 0;
            for (int sy = 0; sy < k; ++sy)
                for (int sx = 0; sx < k; ++sx) {
                    const float px = float(x) + (float(sx) + 0.5f) / float(k);
                    const float py = float(y) + (float(sy) + 0.5f) / float(k);
                    acc += sample(com.x() + (px - centre) / scale, com.y() + (py - centre) / scale);
                }
            out[Index(y) * n + x] = acc / float(k * k);
        }
    // Renormalise the peak to the input's, so that a thin stroke shrunk a lot
    // still reaches full ink like an MNIST stroke does.
    const float outMax = out.maxCoeff();
    if (outMax > 0)
        out *= maxValue / outMax;
    return out.cwiseMin(1.f);
}

} // namespace latentset
