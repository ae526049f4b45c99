#include "latentset/experiments/CoreGlyphs.h"

#include "latentset/data/BuiltinGlyphs.h"
#include "latentset/data/Dataset.h"
#include "latentset/data/DatasetCatalog.h"
#include "latentset/util/Error.h"

namespace latentset {

namespace {
// The MNIST training split, loaded once per process (glyph words are
// resolved often; the split is immutable once loaded).
const Dataset& mnistTrain()
{
    static const DatasetSplits splits = DatasetCatalog::load("mnist");
    return splits.train;
}
} // namespace

bool CoreGlyphs::knows(const std::string& word)
{
    return BuiltinGlyphs::has(word) || (word.size() == 1 && word[0] >= '0' && word[0] <= '9');
}

Vector CoreGlyphs::resolve(const std::string& word, int index)
{
    if (BuiltinGlyphs::has(word))
        return BuiltinGlyphs::render(word);
    if (word.size() == 1 && word[0] >= '0' && word[0] <= '9') {
        const Dataset& train = mnistTrain();
        const auto indices = train.indicesOfClass(word[0] - '0');
        if (indices.empty())
            throw Error("MNIST training set: no digit " + word);
        return train.imageVector(indices[std::size_t(index) % indices.size()]);
    }
    throw Error(word + ": neither a built-in glyph nor a digit 0-9");
}

} // namespace latentset
