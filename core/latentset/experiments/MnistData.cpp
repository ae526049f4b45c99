#include "latentset/experiments/MnistData.h"

#include "latentset/data/DatasetCatalog.h"
#include "latentset/util/Error.h"

namespace latentset {

DatasetSplits MnistData::splits() { return DatasetCatalog::load("mnist"); }

Dataset MnistData::train() { return split(false); }

Dataset MnistData::test() { return split(true); }

Dataset MnistData::split(bool test)
{
    DatasetSplits all = splits();
    Dataset d = test ? std::move(all.test) : std::move(all.train);
    if (d.empty())
        throw Error(std::string("MNIST ") + (test ? "test" : "training") + " split not found (run tools/setup.sh)");
    d.setName(test ? "MNIST test" : "MNIST train");
    return d;
}

} // namespace latentset
