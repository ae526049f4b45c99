// The container (util/ChunkFile::fromBytes) and every nn chunk reader
// (nn/ModelFile: "AECF", "AESE", "OPTS", "MLPN", "RNGS", "HIST", "CLBN";
// nn/ClassSetTask::readState: "CSTK"; util/Random::setState for the saved
// generator states). What a reader accepts is then used the way its callers
// use it first (a forward pass, a learning rate, a draw), because a file
// that reads but cannot be used is a reader that checked too little.
#include "FuzzSupport.h"
#include "TinyModels.h"

#include "latentset/nn/ModelFile.h"
#include "latentset/util/Random.h"

namespace {

using namespace latentset;

void readAll(const ChunkFile& file)
{
    fuzz::accepts([&] { (void)ModelFile::readConfig(file); });
    fuzz::accepts([&] {
        const AutoencoderSet set = ModelFile::readSet(file);
        if (set.size() > 0) {
            const Matrix x = Matrix::Constant(set.config().inputSize, 1, 0.5f);
            (void)set.member(set.size() - 1).reconstruct(x);
            (void)set.memberName(set.size() - 1);
        }
    });
    fuzz::accepts([&] {
        const OptimizerSettings settings = ModelFile::readOptimizer(file);
        (void)settings.learningRateAt(1.5, 10.0);
    });
    fuzz::accepts([&] {
        const Mlp mlp = ModelFile::readMlp(file);
        (void)mlp.predict(Matrix::Constant(mlp.inputSize(), 1, 0.5f));
    });
    fuzz::accepts([&] {
        for (const auto& [name, state] : ModelFile::readRandomStates(file)) {
            Random random(1);
            random.setState(state);
            (void)random.uniform();
        }
    });
    fuzz::accepts([&] { (void)ModelFile::readHistory(file); });
    fuzz::accepts([&] { (void)ModelFile::readCalibration(file); });
    fuzz::accepts([&] {
        // A fresh task each time: readState must leave nothing behind that
        // decides the next input's fate.
        ClassSetTask task = fuzz::tinyClassTask();
        task.readState(file);
    });
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    fuzz::withChunkFile(data, size, readAll);
    return 0;
}
