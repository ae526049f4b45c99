#include "latentset/data/DatasetCatalog.h"

#include "latentset/data/CsvReader.h"
#include "latentset/data/IdxReader.h"
#include "latentset/util/Error.h"

#include <cstdlib>
#include <filesystem>
#include <system_error>

namespace latentset {

namespace fs = std::filesystem;

namespace {

std::string environment(const char* name)
{
    const char* value = std::getenv(name);
    return value ? std::string(value) : std::string();
}

std::string lower(std::string text)
{
    for (char& c : text)
        if (c >= 'A' && c <= 'Z')
            c = char(c - 'A' + 'a');
    return text;
}

// A folder "has" a split when an images file of it is there, raw or .gz.
bool hasIdxImages(const std::string& folder)
{
    std::error_code ec;
    for (const char* file : {"train-images-idx3-ubyte", "train-images-idx3-ubyte.gz", "t10k-images-idx3-ubyte",
                             "t10k-images-idx3-ubyte.gz"})
        if (fs::is_regular_file(fs::path(folder) / file, ec))
            return true;
    return false;
}

// The one "*train*.csv" of a folder that holds no IDX images file, or "".
std::string trainingCsvIn(const std::string& folder)
{
    std::error_code ec;
    std::vector<std::string> found;
    for (const fs::directory_entry& entry : fs::directory_iterator(folder, ec)) {
        const std::string name = lower(entry.path().filename().string());
        if (name.find("images") != std::string::npos && name.find("idx3") != std::string::npos)
            return {};
        if (name.size() > 4 && name.ends_with(".csv") && name.find("train") != std::string::npos)
            found.push_back(entry.path().string());
    }
    return found.size() == 1 ? found.front() : std::string();
}

void applyNames(DatasetSplits& splits, const std::vector<std::string>& names)
{
    if (names.empty())
        return;
    for (Dataset* split : {&splits.train, &splits.validation, &splits.test})
        if (!split->empty() && split->classCount() <= int(names.size()))
            split->setClassNames(names);
}

} // namespace

std::string DatasetCatalog::dataDirectory()
{
    if (std::string dir = environment("LATENTSET_DATA_DIR"); !dir.empty())
        return dir;
    if (std::string xdg = environment("XDG_DATA_HOME"); !xdg.empty())
        return (fs::path(xdg) / "latentset").string();
    const std::string home = environment("HOME");
    return (fs::path(home.empty() ? std::string(".") : home) / ".local/share/latentset").string();
}

std::string DatasetCatalog::modelDirectory() { return (fs::path(dataDirectory()) / "models").string(); }

std::string DatasetCatalog::mnistDirectory() { return (fs::path(dataDirectory()) / "mnist").string(); }

std::string DatasetCatalog::fashionMnistDirectory() { return "/usr/share/datasets/fashion-mnist"; }

std::vector<DatasetCatalog::Entry> DatasetCatalog::known()
{
    std::vector<Entry> entries;
    entries.push_back({"mnist", "MNIST", mnistDirectory(),
                       "handwritten digits 0-9, 60,000 train + 10,000 test, 28x28 (fetched by tools/setup.sh)",
                       hasIdxImages(mnistDirectory())});
    entries.push_back({"fashion-mnist", "Fashion-MNIST", fashionMnistDirectory(),
                       "10 kinds of clothing, 60,000 train + 10,000 test, 28x28 (Debian dataset-fashion-mnist)",
                       hasIdxImages(fashionMnistDirectory())});
    return entries;
}

DatasetCatalog::Entry DatasetCatalog::defaultDataset()
{
    for (const Entry& entry : known())
        if (entry.present)
            return entry;
    return {};
}

std::vector<std::string> DatasetCatalog::classNamesFor(const std::string& path)
{
    if (lower(path).find("fashion") != std::string::npos)
        return {"T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
                "Sandal",      "Shirt",   "Sneaker",  "Bag",   "Ankle boot"};
    return {};
}

DatasetSplits DatasetCatalog::load(const std::string& idOrPath)
{
    for (const Entry& entry : known()) {
        if (lower(idOrPath) != entry.id)
            continue;
        if (!entry.present)
            throw Error(entry.title + " is not installed: no IDX files in " + entry.path
                        + (entry.id == "mnist" ? " (run tools/setup.sh)" : " (apt-get install dataset-fashion-mnist)"));
        DatasetSplits splits = IdxReader::readFolder(entry.path, entry.title);
        applyNames(splits, classNamesFor(entry.id));
        return splits;
    }

    std::error_code ec;
    if (!fs::exists(idOrPath, ec))
        throw Error(idOrPath + ": no such file or folder (and not a known dataset: mnist, fashion-mnist)");
    DatasetSplits splits;
    if (fs::is_directory(idOrPath, ec)) {
        // A known dataset's folder given by path keeps its proper name and class names.
        for (const Entry& entry : known())
            if (entry.present && fs::equivalent(idOrPath, entry.path, ec))
                return load(entry.id);
        // A folder of Kaggle CSVs ("mnist_train.csv" + "mnist_test.csv") and no IDX files.
        const std::string csv = trainingCsvIn(idOrPath);
        splits = csv.empty() ? IdxReader::readFolder(idOrPath) : CsvReader::readWithSibling(csv);
    } else if (lower(fs::path(idOrPath).extension().string()) == ".csv") {
        splits = CsvReader::readWithSibling(idOrPath);
    } else if (IdxReader::looksLikeIdx(idOrPath)) {
        const std::string file = lower(fs::path(idOrPath).filename().string());
        const bool isTest = file.find("t10k") != std::string::npos || file.find("test") != std::string::npos;
        splits.name = fs::path(idOrPath).parent_path().filename().string();
        if (splits.name.empty())
            splits.name = fs::path(idOrPath).filename().string();
        splits.source = idOrPath;
        Dataset split = IdxReader::readSplit(idOrPath, splits.name + (isTest ? " test" : " train"));
        (isTest ? splits.test : splits.train) = std::move(split);
    } else {
        throw Error(idOrPath + ": not a dataset LatentSet reads (an IDX file or folder, or a .csv file)");
    }
    applyNames(splits, classNamesFor(idOrPath));
    return splits;
}

} // namespace latentset
