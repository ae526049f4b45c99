#include "ConceptCliSupport.h"

#include "image/ImageConvert.h"

#include "latentset/data/BuiltinGlyphs.h"
#include "latentset/data/DatasetCatalog.h"
#include "latentset/data/DatasetSplits.h"
#include "latentset/data/GlyphNormalizer.h"
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

const Dataset& mnistTrain()
{
    static const DatasetSplits splits = DatasetCatalog::load("mnist");
    return splits.train;
}

Vector glyphFromArgument(const QString& word, int index)
{
    const std::string w = word.toStdString();
    if (BuiltinGlyphs::has(w))
        return BuiltinGlyphs::render(w);
    if (word.size() == 1 && word[0].isDigit()) {
        const Dataset& train = mnistTrain();
        const auto indices = train.indicesOfClass(word[0].digitValue());
        if (indices.empty())
            throw Error("MNIST training set: no digit " + w);
        return train.imageVector(indices[std::size_t(index) % indices.size()]);
    }
    QImage image(word);
    if (image.isNull())
        throw Error(w + ": neither a built-in glyph, a digit 0-9, nor a readable image file");
    return GlyphNormalizer().normalize(ImageConvert::toVector(image), image.width(), image.height());
}

} // namespace conceptcli
