// The pieces every `latentset-cli cube` action shares (CubeCliSupport.h).
#include "CubeCliSupport.h"
#include "CliOptions.h"
#include "ConceptCliSupport.h"
#include "image/ImageConvert.h"

#include "latentset/experiments/MnistData.h"

#include <QCommandLineParser>
#include <QPainter>

using namespace latentset;

namespace cubecli {

QImage galleryImage(const Matrix& frames, int size, int columns, int zoom, int highlight)
{
    return galleryImage(frames, size, size, columns, zoom, highlight);
}

QImage galleryImage(const Matrix& frames, int width, int height, int columns, int zoom, int highlight)
{
    const int n = int(frames.cols());
    const int rows = (n + columns - 1) / columns;
    const int cellW = width * zoom, cellH = height * zoom, gap = 2;
    QImage image(columns * (cellW + gap) + gap, rows * (cellH + gap) + gap, QImage::Format_RGB32);
    image.fill(QColor(60, 60, 60));
    QPainter painter(&image);
    for (int c = 0; c < n; ++c) {
        const int x = gap + (c % columns) * (cellW + gap), y = gap + (c / columns) * (cellH + gap);
        const Vector column = frames.col(c);
        painter.drawImage(x, y, ImageConvert::toImage(column, width, height, zoom));
        if (c == highlight) {
            painter.setPen(QPen(QColor(255, 200, 0), 2));
            painter.drawRect(x - 1, y - 1, cellW + 1, cellH + 1);
        }
    }
    return image;
}


Vector pickGlyph(const QCommandLineParser& parser, const Dataset& digits, QString& description)
{
    if (parser.isSet("glyph")) {
        description = parser.value("glyph");
        return conceptcli::glyphFromArgument(parser.value("glyph"));
    }
    const Index k = CliOptions(parser).integer<Index>("digit-index", 0, double(digits.size() - 1));
    description = QString("%1 #%2 (a %3)")
                      .arg(QString::fromStdString(digits.name()))
                      .arg(qint64(k))
                      .arg(QString::fromStdString(digits.className(digits.label(k))));
    return digits.imageVector(k);
}

Dataset mnistSplit(bool test) { return test ? MnistData::test() : MnistData::train(); }

void addCommon(QCommandLineParser& parser)
{
    parser.addHelpOption();
    parser.addPositionalArgument("action", "render, train or transfer");
}

} // namespace cubecli
