#include "image/Palette.h"

#include <algorithm>
#include <cmath>

const Palette& Palette::viridis()
{
    // matplotlib's viridis at t = 0, 1/8, ..., 1.
    static const Palette palette({{0.000, 0x440154},
                                  {0.125, 0x472d7b},
                                  {0.250, 0x3b528b},
                                  {0.375, 0x2c728e},
                                  {0.500, 0x21918c},
                                  {0.625, 0x28ae80},
                                  {0.750, 0x5ec962},
                                  {0.875, 0xaddc30},
                                  {1.000, 0xfde725}});
    return palette;
}

QColor Palette::color(double t) const
{
    if (!(t > 0)) // also NaN
        return QColor::fromRgb(stops_.front().rgb);
    if (t >= 1)
        return QColor::fromRgb(stops_.back().rgb);
    std::size_t i = 1;
    while (i + 1 < stops_.size() && stops_[i].position < t)
        ++i;
    const Stop& lo = stops_[i - 1];
    const Stop& hi = stops_[i];
    const double a = (t - lo.position) / (hi.position - lo.position);
    const auto mix = [a](int from, int to) { return int(std::lround((1 - a) * from + a * to)); };
    return QColor(mix(qRed(lo.rgb), qRed(hi.rgb)), mix(qGreen(lo.rgb), qGreen(hi.rgb)),
                  mix(qBlue(lo.rgb), qBlue(hi.rgb)));
}

QImage Palette::gridImage(const latentset::Vector& values, int columns, int cell) const
{
    const int n = int(values.size());
    const int rows = std::max(1, (n + columns - 1) / columns);
    QImage image(columns * cell, rows * cell, QImage::Format_RGB32);
    image.fill(Qt::black);
    if (n == 0)
        return image;
    const float lo = values.minCoeff(), hi = values.maxCoeff();
    for (int c = 0; c < n; ++c) {
        const double t = hi > lo ? (values[c] - lo) / (hi - lo) : 0.5;
        const QRgb rgb = color(t).rgb();
        for (int y = 0; y < cell; ++y) {
            auto* line = reinterpret_cast<QRgb*>(image.scanLine((c / columns) * cell + y));
            std::fill(line + (c % columns) * cell, line + (c % columns + 1) * cell, rgb);
        }
    }
    return image;
}
