#pragma once
// The MNIST digits of the set-up (DatasetCatalog's "mnist": the data folder
// tools/setup.sh fills), loaded one way for every experiment and front end
// that needs "the digits": the cube world paints them on its faces, the
// concept experiments render cubes of them, the CLI picks digit glyphs.
#include "latentset/data/Dataset.h"
#include "latentset/data/DatasetSplits.h"

namespace latentset {

class MnistData {
public:
    // The training or test split, named "MNIST train" / "MNIST test". Throws
    // latentset::Error "MNIST training split not found (run tools/setup.sh)"
    // (or "test") if the split is missing, the catalog's error if the folder is.
    static Dataset train();
    static Dataset test();
    // Both splits as the catalog loads them (names as the catalog gives them).
    static DatasetSplits splits();

private:
    static Dataset split(bool test);
};

} // namespace latentset
