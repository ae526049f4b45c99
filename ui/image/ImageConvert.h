#pragma once
#include <QImage>
#include <QPixmap>

#include "latentset/util/Types.h"

// Conversions between core's float images (row-major, [0, 1], ink = 1) and
// Qt images, for display and PNG export: the one place where a float pixel
// becomes a byte (clamped to [0, 1], x 255, rounded to nearest) and back (/ 255). No resampling math beyond Qt's own
// nearest-neighbour scaling (pixels stay crisp when enlarged).
class ImageConvert {
public:
    // One pixel: [0, 1] (clamped; NaN gives 0) -> 0..255 rounded to
    // nearest, and back (byte / 255).
    static uchar toByte(float value);
    static float fromByte(uchar value) { return value / 255.0f; }
    // width*height values -> Format_Grayscale8 (values clamped to [0, 1]).
    // A vector of the wrong size gives a black image.
    static QImage toImage(const latentset::Vector& pixels, int width, int height);
    // The same enlarged `zoom` times (>= 1), nearest neighbour: each value
    // becomes a zoom x zoom block (PNG figures of the CLI).
    static QImage toImage(const latentset::Vector& pixels, int width, int height, int zoom);
    // Square images of side sqrt(size) (784 -> 28, 4096 -> 64).
    static QImage toImage(const latentset::Vector& pixels);
    // Enlarged for display, nearest neighbour, `side` logical pixels.
    static QPixmap pixmap(const QImage& image, int side);
    // Any QImage -> grey values in [0, 1] (luminance), row-major.
    static latentset::Vector toVector(const QImage& image);
    // Image with an overlay tint where mask > 0 (to show a face's pixels).
    static QImage withMask(const latentset::Vector& pixels, const latentset::Vector& mask, int width, int height,
                           QColor tint);
};
