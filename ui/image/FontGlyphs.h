#pragma once
// Glyphs from the fonts installed on the system (fontconfig through Qt;
// tools/setup.sh installs fonts-dejavu-core, fonts-urw-base35, fonts-noto-mono
// among others): a character drawn in a font family, rasterised large and
// normalised like MNIST (data/GlyphNormalizer: the ink's box scaled into 20 x
// 20, centre of mass at the centre of 28 x 28). A glyph source for worlds
// (docs/worlds.md), for one-shot pairs and as an out-of-distribution set.
//
// Needs a QGuiApplication (Qt's font database); latentset-cli makes one,
// offscreen, for the commands that draw text. Call from the GUI thread (Qt's
// rule for fonts).
#include "latentset/util/Types.h"
#include "latentset/world/PairedImages.h"

#include <QString>
#include <QStringList>

#include <memory>

class FontGlyphs {
public:
    // Installed families (foundry duplicates such as "Nimbus Sans [urw]" and
    // "[UKWN]" merged, symbol and emoji fonts left out) that have every
    // character of `characters`; at most `max` (0 = all), sorted by name.
    static QStringList families(const QString& characters, int max = 0);
    // `character` in `family`, 28 x 28 row-major in [0, 1], ink = 1. Throws
    // latentset::Error if the family draws no ink for it.
    static latentset::Vector render(const QString& family, QChar character);
    // The fonts world's data (world/PairedWorld): contexts = families, items
    // = characters (named "A", "b", ...), 28 x 28 each.
    static std::shared_ptr<latentset::PairedImages> pairedImages(const QStringList& families, const QString& characters);
};
