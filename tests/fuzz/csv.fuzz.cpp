// Kaggle-style CSV datasets (data/CsvReader): cells, header detection, line
// ends, square and given widths, from memory (parse) and from a file
// (readWithSibling -> read -> parse).
#include "FuzzSupport.h"

#include "latentset/data/CsvReader.h"

namespace {

void use(const latentset::Dataset& data)
{
    (void)data.countsPerClass();
    if (data.size() > 0)
        (void)data.imageVector(data.size() - 1);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    using namespace latentset;
    const std::string text = fuzz::bytesOf(data, size);
    fuzz::accepts([&] { use(CsvReader::parse(text, "fuzz.csv")); });
    // A given width: rectangular images, and the multiple-of-width check.
    fuzz::accepts([&] { use(CsvReader::parse(text, "fuzz.csv", 2)); });
    const std::string path = fuzz::scratch().write("fuzz_train.csv", text);
    fuzz::accepts([&] {
        const DatasetSplits splits = CsvReader::readWithSibling(path);
        use(splits.train);
    });
    return 0;
}
