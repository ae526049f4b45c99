#include "ConceptCliSupport.h"

#include "image/ImageConvert.h"

#include "latentset/data/DatasetCatalog.h"
#include "latentset/data/DatasetSplits.h"
#include "latentset/data/GlyphNormalizer.h"
#include "latentset/experiments/GlyphSource.h"
#include "latentset/util/ChunkFile.h"
#include "latentset/util/Error.h"

#include <QImage>
#include <QFileInfo>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>

using namespace latentset;

namespace conceptcli {

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
    return GlyphNormalizer().normalize(ImageConvert::toVector(image), image.width(), image.height());
}

std::vector<latentset::Index> hiddenSizes(const QString& value, const char* option)
{
    std::vector<latentset::Index> sizes;
    for (const QString& h : value.split(',', Qt::SkipEmptyParts)) {
        bool ok = false;
        const int v = h.toInt(&ok);
        if (!ok || v < 1 || v > 65536)
            throw UsageError(std::string(option) + " must be sizes like 64 or 128,32");
        sizes.push_back(v);
    }
    if (sizes.empty())
        throw UsageError(std::string(option) + " must be sizes like 64 or 128,32");
    return sizes;
}

} // namespace conceptcli
