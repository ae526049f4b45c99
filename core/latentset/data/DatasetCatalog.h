#pragma once
// Where LatentSet's data lives and how a path becomes a dataset.
//
//   data folder  $LATENTSET_DATA_DIR, else $XDG_DATA_HOME/latentset, else
//                ~/.local/share/latentset (what tools/setup.sh fills)
//   MNIST        <data folder>/mnist          (the four IDX files, raw or .gz)
//   Fashion-MNIST /usr/share/datasets/fashion-mnist (Debian dataset-fashion-mnist)
//
// load() accepts a known dataset's name ("mnist", "fashion-mnist"), an IDX
// folder, one IDX file (its split only), a CSV file (with its train/test
// sibling), or a folder holding one "*train*.csv" (and its test sibling). Image folders (one subfolder per class) need QImage and are read
// by ui/ImageFolderReader instead. Re-entrant; blocks while reading.
#include "latentset/data/DatasetSplits.h"

#include <string>
#include <vector>

namespace latentset {

class DatasetCatalog {
public:
    struct Entry {
        std::string id;           // "mnist", "fashion-mnist": what load() and --dataset accept
        std::string title;        // "MNIST", "Fashion-MNIST"
        std::string path;         // where it is (or would be)
        std::string description;  // one line for menus and `dataset list`
        bool present = false;     // its training or test images are there
    };

    // The data folder (see above). Never empty; may not exist yet.
    static std::string dataDirectory();
    // Where models are saved by default: <data folder>/models.
    static std::string modelDirectory();
    static std::string mnistDirectory();
    static std::string fashionMnistDirectory();

    // Every dataset LatentSet knows about, present or not, in menu order.
    static std::vector<Entry> known();
    // The first present known dataset (MNIST before Fashion-MNIST), or an
    // Entry with empty id when there is none.
    static Entry defaultDataset();

    // Reads a dataset by known id or by path (see above). Known datasets get
    // their class names (Fashion-MNIST: "T-shirt/top", ...). Throws Error.
    static DatasetSplits load(const std::string& idOrPath);

    // Class names for a dataset recognised by its folder or file name
    // ("fashion" -> Fashion-MNIST's ten names); empty when none apply.
    static std::vector<std::string> classNamesFor(const std::string& path);
};

} // namespace latentset
