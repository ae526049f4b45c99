#include "ConceptCliSupport.h"

#include "latentset/experiments/GlyphSource.h"
#include "latentset/data/DatasetCatalog.h"
#include "latentset/data/DatasetSplits.h"
#include "latentset/data/GlyphNormalizer.h"
#include "latentset/util/ChunkFile.h"
#include "latentset/util/Error.h"

#include <QColor>
#include <QFileInfo>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>

using namespace latentset;

namespace conceptcli {

int runWithUsage(const char* command, const std::function<int()>& body)
{
    try {
        return body();
    } catch (const UsageError& e) {
        std::fprintf(stderr, "latentset-cli %s: %s\n", command, e.what());
        return 2;
    }
}

World loadWorld(const QString& path)
{
    if (!QFileInfo::exists(path))
        throw Error(path.toStdString() + ": no such model file");
    return loadWorld(ChunkFile::load(path.toStdString()));
}

World loadWorld(const ChunkFile& file)
{
    if (!CubeModel::isCubeModel(file))
        throw Error(file.name() + ": not a cube-world model (train one with latentset-cli cube train --save)");
    return CubeModel::from(file);
}

Vector glyphFromArgument(const QString& word, int index)
{
    const std::string w = word.toStdString();
    // Built-in shapes and MNIST digits: the core's glyph words.
    if (CoreGlyphs::knows(w))
        return CoreGlyphs::resolve(w, index);
    QImage image(word);
    if (image.isNull())
        throw Error(w + ": neither a built-in glyph, a digit 0-9, nor a readable image file");
    image = image.convertToFormat(QImage::Format_Grayscale8);
    Vector pixels(Index(image.width()) * image.height());
    for (int y = 0; y < image.height(); ++y) {
        const uchar* line = image.constScanLine(y);
        for (int x = 0; x < image.width(); ++x)
            pixels[Index(y) * image.width() + x] = float(line[x]) / 255.f;
    }
    return GlyphNormalizer().normalize(pixels, image.width(), image.height());
}

QImage grayImage(const Vector& pixels, int width, int height, int zoom)
{
    QImage image(width, height, QImage::Format_Grayscale8);
    for (int y = 0; y < height; ++y) {
        uchar* line = image.scanLine(y);
        for (int x = 0; x < width; ++x)
            line[x] = uchar(std::lround(255.f * std::clamp(pixels[Index(y) * width + x], 0.f, 1.f)));
    }
    return zoom > 1 ? image.scaled(width * zoom, height * zoom) : image;
}

namespace {

// Five anchors of the viridis ramp, interpolated linearly.
QColor ramp(double t)
{
    static const std::array<std::array<double, 3>, 5> anchors{{
        {68, 1, 84}, {59, 82, 139}, {33, 145, 140}, {94, 201, 98}, {253, 231, 37}}};
    t = std::clamp(t, 0.0, 1.0) * 4.0;
    const int i = std::min(3, int(t));
    const double a = t - i;
    return QColor(int((1 - a) * anchors[i][0] + a * anchors[i + 1][0]), int((1 - a) * anchors[i][1] + a * anchors[i + 1][1]),
                  int((1 - a) * anchors[i][2] + a * anchors[i + 1][2]));
}

} // namespace

QImage heatmapImage(const Vector& values, int columns, int cell)
{
    const int n = int(values.size());
    const int rows = (n + columns - 1) / columns;
    QImage image(columns * cell, rows * cell, QImage::Format_RGB32);
    image.fill(Qt::black);
    const float lo = values.minCoeff(), hi = values.maxCoeff();
    for (int c = 0; c < n; ++c) {
        const double t = hi > lo ? (values[c] - lo) / (hi - lo) : 0.5;
        const QRgb rgb = ramp(t).rgb();
        for (int y = 0; y < cell; ++y)
            for (int x = 0; x < cell; ++x)
                image.setPixel((c % columns) * cell + x, (c / columns) * cell + y, rgb);
    }
    return image;
}

void savePng(const QImage& image, const QString& path)
{
    if (!image.save(path))
        throw Error(path.toStdString() + ": could not write the image");
}

} // namespace conceptcli
