#include "image/FontGlyphs.h"

#include "image/ImageConvert.h"

#include "latentset/data/GlyphNormalizer.h"
#include "latentset/util/Error.h"

#include <QFontDatabase>
#include <QFontMetrics>
#include <QImage>
#include <QPainter>
#include <QRawFont>
#include <QRegularExpression>

#include <algorithm>
#include <set>

using latentset::Error;

namespace {

constexpr int kCanvas = 96; // rasterised this large, then normalised down

bool drawsAll(const QString& family, const QString& characters)
{
    QFont font(family);
    font.setPixelSize(64);
    const QRawFont raw = QRawFont::fromFont(font);
    if (!raw.isValid())
        return false;
    for (const QChar c : characters)
        if (!raw.supportsCharacter(c))
            return false;
    return true;
}

} // namespace

QStringList FontGlyphs::families(const QString& characters, int max)
{
    std::set<QString> names;
    static const QRegularExpression foundry(" \\[[^\\]]*\\]$");
    static const QRegularExpression symbolic("Symbol|Emoji|Dingbat|Math|Fallback|D050000L", QRegularExpression::CaseInsensitiveOption);
    for (QString family : QFontDatabase::families()) {
        family.remove(foundry);
        if (family.contains(symbolic) || names.count(family))
            continue;
        if (drawsAll(family, characters))
            names.insert(family);
    }
    QStringList out(names.begin(), names.end());
    if (max > 0 && out.size() > max)
        out = out.mid(0, max);
    return out;
}

latentset::Vector FontGlyphs::render(const QString& family, QChar character)
{
    QImage image(kCanvas, kCanvas, QImage::Format_Grayscale8);
    image.fill(0);
    {
        QPainter painter(&image);
        painter.setRenderHint(QPainter::TextAntialiasing);
        painter.setPen(Qt::white);
        QFont font(family);
        font.setPixelSize(kCanvas * 2 / 3);
        painter.setFont(font);
        painter.drawText(image.rect(), Qt::AlignCenter, QString(character));
    }
    try {
        latentset::GlyphNormalizer::Options options;
        options.autoInvert = false; // white ink on black, as drawn
        return latentset::GlyphNormalizer(options).normalize(ImageConvert::toVector(image), kCanvas, kCanvas);
    } catch (const Error&) {
        throw Error("font '" + family.toStdString() + "' draws no ink for '" + QString(character).toStdString() + "'");
    }
}

std::shared_ptr<latentset::PairedImages> FontGlyphs::pairedImages(const QStringList& families, const QString& characters)
{
    auto images = std::make_shared<latentset::PairedImages>();
    images->name = "fonts";
    images->kind = "fonts";
    images->width = images->height = 28;
    images->axes = {latentset::ContextAxis{"font", false, 0}};
    for (int c = 0; c < families.size(); ++c) {
        images->contexts.push_back(families[c].toStdString());
        images->parameters.push_back({double(c)});
    }
    for (const QChar ch : characters)
        images->items.push_back(QString(ch).toStdString());
    for (const QString& family : families)
        for (const QChar ch : characters) {
            const latentset::Vector g = render(family, ch);
            for (latentset::Index k = 0; k < g.size(); ++k)
                images->pixels.push_back(ImageConvert::toByte(g(k)));
        }
    images->validate();
    return images;
}
