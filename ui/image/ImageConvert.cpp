#include "image/ImageConvert.h"

#include <algorithm>
#include <cmath>

uchar ImageConvert::toByte(float value)
{
    // !(value > 0) also catches NaN, which std::clamp would pass through.
    return !(value > 0.0f) ? 0 : uchar(std::min(value, 1.0f) * 255.0f + 0.5f);
}

QImage ImageConvert::toImage(const latentset::Vector& pixels, int width, int height)
{
    QImage image(width, height, QImage::Format_Grayscale8);
    image.fill(0);
    if (pixels.size() != latentset::Index(width) * height)
        return image;
    for (int y = 0; y < height; ++y) {
        uchar* row = image.scanLine(y);
        for (int x = 0; x < width; ++x)
            row[x] = toByte(pixels[y * width + x]);
    }
    return image;
}

QImage ImageConvert::toImage(const latentset::Vector& pixels, int width, int height, int zoom)
{
    const QImage image = toImage(pixels, width, height);
    return zoom > 1 ? image.scaled(width * zoom, height * zoom, Qt::IgnoreAspectRatio, Qt::FastTransformation) : image;
}

QImage ImageConvert::toImage(const latentset::Vector& pixels)
{
    const int side = int(std::lround(std::sqrt(double(pixels.size()))));
    return toImage(pixels, side, side);
}

QPixmap ImageConvert::pixmap(const QImage& image, int side)
{
    if (image.isNull())
        return {};
    return QPixmap::fromImage(image.scaled(side, side, Qt::KeepAspectRatio, Qt::FastTransformation));
}

latentset::Vector ImageConvert::toVector(const QImage& image)
{
    const QImage grey = image.convertToFormat(QImage::Format_Grayscale8);
    latentset::Vector out(latentset::Index(grey.width()) * grey.height());
    for (int y = 0; y < grey.height(); ++y) {
        const uchar* row = grey.constScanLine(y);
        for (int x = 0; x < grey.width(); ++x)
            out[y * grey.width() + x] = fromByte(row[x]);
    }
    return out;
}

QImage ImageConvert::withMask(const latentset::Vector& pixels, const latentset::Vector& mask, int width, int height,
                              QColor tint)
{
    QImage image = toImage(pixels, width, height).convertToFormat(QImage::Format_RGB32);
    if (mask.size() != pixels.size())
        return image;
    for (int y = 0; y < height; ++y) {
        auto* row = reinterpret_cast<QRgb*>(image.scanLine(y));
        for (int x = 0; x < width; ++x) {
            const float m = mask[y * width + x];
            if (m <= 0.0f)
                continue;
            const QRgb p = row[x];
            const float a = 0.35f * m;
            row[x] = qRgb(int(qRed(p) * (1 - a) + tint.red() * a), int(qGreen(p) * (1 - a) + tint.green() * a),
                          int(qBlue(p) * (1 - a) + tint.blue() * a));
        }
    }
    return image;
}
