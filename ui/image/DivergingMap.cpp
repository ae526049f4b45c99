#include "image/DivergingMap.h"

#include <algorithm>
#include <array>
#include <cmath>

namespace {

// RdBu's seven-class stops, from -1 (dark blue) to +1 (dark red).
constexpr std::array<QRgb, 7> kStops{qRgb(33, 102, 172), qRgb(103, 169, 207), qRgb(209, 229, 240),
                                     qRgb(255, 255, 255), qRgb(253, 219, 199), qRgb(239, 138, 98),
                                     qRgb(178, 24, 43)};

int mix(int a, int b, double f) { return int(std::lround(a + (b - a) * f)); }

} // namespace

QColor DivergingMap::color(double t)
{
    if (!std::isfinite(t))
        t = 0;
    const double x = (std::clamp(t, -1.0, 1.0) + 1) / 2 * double(kStops.size() - 1);
    const int i = std::min(int(x), int(kStops.size()) - 2);
    const double f = x - i;
    const QRgb a = kStops[std::size_t(i)], b = kStops[std::size_t(i + 1)];
    return QColor(mix(qRed(a), qRed(b), f), mix(qGreen(a), qGreen(b), f), mix(qBlue(a), qBlue(b), f));
}

QImage DivergingMap::image(const latentset::Vector& values, int width, int height, double scale, int zoom)
{
    zoom = std::max(1, zoom);
    QImage out(width * zoom, height * zoom, QImage::Format_RGB32);
    out.fill(Qt::white);
    if (values.size() < latentset::Index(width) * height || !(scale > 0))
        return out;
    for (int y = 0; y < height; ++y)
        for (int x = 0; x < width; ++x) {
            const QRgb c = color(double(values(y * width + x)) / scale).rgb();
            for (int dy = 0; dy < zoom; ++dy) {
                auto* line = reinterpret_cast<QRgb*>(out.scanLine(y * zoom + dy));
                std::fill(line + x * zoom, line + (x + 1) * zoom, c);
            }
        }
    return out;
}

QImage DivergingMap::bar(int width, int height)
{
    QImage out(std::max(1, width), std::max(1, height), QImage::Format_RGB32);
    for (int x = 0; x < out.width(); ++x) {
        const QRgb c = color(2.0 * (x + 0.5) / out.width() - 1).rgb();
        for (int y = 0; y < out.height(); ++y)
            out.setPixel(x, y, c);
    }
    return out;
}
