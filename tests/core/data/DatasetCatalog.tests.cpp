#include "DataTestFiles.h"

#include "latentset/data/DatasetCatalog.h"
#include "latentset/util/Error.h"

#include <catch2/catch.hpp>

#include <cstdlib>

using namespace latentset;
using namespace datatest;

namespace {

// Sets an environment variable for one scope and restores it afterwards.
class ScopedEnv {
public:
    ScopedEnv(const char* name, const std::string& value) : name_(name)
    {
        if (const char* old = std::getenv(name)) {
            had_ = true;
            old_ = old;
        }
        ::setenv(name, value.c_str(), 1);
    }
    ~ScopedEnv()
    {
        if (had_)
            ::setenv(name_, old_.c_str(), 1);
        else
            ::unsetenv(name_);
    }

private:
    const char* name_;
    bool had_ = false;
    std::string old_;
};

} // namespace

TEST_CASE("DatasetCatalog: data folder from LATENTSET_DATA_DIR, XDG_DATA_HOME, HOME", "[data][catalog]")
{
    {
        ScopedEnv data("LATENTSET_DATA_DIR", "/tmp/ls-data");
        CHECK(DatasetCatalog::dataDirectory() == "/tmp/ls-data");
        CHECK(DatasetCatalog::mnistDirectory() == "/tmp/ls-data/mnist");
        CHECK(DatasetCatalog::modelDirectory() == "/tmp/ls-data/models");
    }
    ScopedEnv data("LATENTSET_DATA_DIR", "");
    {
        ScopedEnv xdg("XDG_DATA_HOME", "/tmp/xdg");
        CHECK(DatasetCatalog::dataDirectory() == "/tmp/xdg/latentset");
    }
    ScopedEnv xdg("XDG_DATA_HOME", "");
    ScopedEnv home("HOME", "/tmp/home");
    CHECK(DatasetCatalog::dataDirectory() == "/tmp/home/.local/share/latentset");
}

TEST_CASE("DatasetCatalog: finds and loads MNIST in the data folder", "[data][catalog]")
{
    TempDir dir("catalog");
    ScopedEnv data("LATENTSET_DATA_DIR", dir.path().string());
    auto mnistEntry = [] {
        for (const DatasetCatalog::Entry& e : DatasetCatalog::known())
            if (e.id == "mnist")
                return e;
        return DatasetCatalog::Entry{};
    };
    CHECK_FALSE(mnistEntry().present);
    CHECK_THROWS_WITH(DatasetCatalog::load("mnist"), Catch::Contains("not installed") && Catch::Contains("setup"));

    fs::create_directories(dir.path() / "mnist");
    writeIdxPair(dir.path() / "mnist", "train", 20, 28, 28, 10);
    writeIdxPair(dir.path() / "mnist", "t10k", 10, 28, 28, 10, true);
    CHECK(mnistEntry().present);
    const DatasetSplits splits = DatasetCatalog::load("MNIST");
    CHECK(splits.name == "MNIST");
    CHECK(splits.train.size() == 20);
    CHECK(splits.test.size() == 10);
    // By path: folder, one file, and a fashion-named folder gets clothing names.
    CHECK(DatasetCatalog::load((dir.path() / "mnist").string()).train.size() == 20);
    const DatasetSplits one = DatasetCatalog::load((dir.path() / "mnist" / "t10k-images-idx3-ubyte.gz").string());
    CHECK(one.train.empty());
    CHECK(one.test.size() == 10);
    fs::create_directories(dir.path() / "my-fashion");
    writeIdxPair(dir.path() / "my-fashion", "train", 10, 28, 28, 10);
    CHECK(DatasetCatalog::load((dir.path() / "my-fashion").string()).train.className(9) == "Ankle boot");

    // A folder of Kaggle CSVs: train and test found by name.
    fs::create_directories(dir.path() / "kaggle");
    writeText((dir.path() / "kaggle" / "digits_train.csv").string(), "label,a,b,c,d\n0,1,2,3,4\n1,5,6,7,8\n");
    writeText((dir.path() / "kaggle" / "digits_test.csv").string(), "label,a,b,c,d\n1,9,9,9,9\n");
    const DatasetSplits kaggle = DatasetCatalog::load((dir.path() / "kaggle").string());
    CHECK(kaggle.train.size() == 2);
    CHECK(kaggle.test.size() == 1);

    CHECK_THROWS_WITH(DatasetCatalog::load(dir.file("nope")), Catch::Contains("no such file or folder"));
    writeText(dir.file("notes.txt"), "hello");
    CHECK_THROWS_WITH(DatasetCatalog::load(dir.file("notes.txt")), Catch::Contains("not a dataset"));
}

TEST_CASE("DatasetCatalog: the real MNIST, when installed", "[data][catalog][mnist]")
{
    const DatasetCatalog::Entry entry = DatasetCatalog::defaultDataset();
    if (entry.id != "mnist") {
        WARN("MNIST not installed; skipped");
        return;
    }
    DatasetSplits splits = DatasetCatalog::load("mnist");
    CHECK(splits.train.size() == 60000);
    CHECK(splits.test.size() == 10000);
    CHECK(splits.train.width() == 28);
    CHECK(splits.train.countsPerClass()[5] == 5421);  // the paper's count of training fives
    splits.carveValidation(5000);
    CHECK(splits.train.size() == 55000);
    CHECK(splits.validation.size() == 5000);
}
