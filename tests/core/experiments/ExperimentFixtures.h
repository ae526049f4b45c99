#pragma once
// Small inputs for the experiments' tests: a labelled dataset of 8x8 noise
// images in three classes written as CSV train/test files (so experiments
// load it by path, as the CLI does), and a cube dataset of random scribbles
// on a small cube.
#include "concept/SmallCubeWorld.h"
#include "latentset/cube/CubeDataset.h"
#include "latentset/data/Dataset.h"
#include "latentset/nn/AutoencoderSet.h"
#include "latentset/util/Random.h"

#include <filesystem>
#include <fstream>
#include <memory>
#include <string>

namespace latentset::testing {

// Writes <dir>/small_train.csv (60 images) and small_test.csv (30) and
// returns the training file's path: three classes, brighter per class.
inline std::string smallLabelledCsv(const std::string& name)
{
    const auto dir = std::filesystem::temp_directory_path() / ("latentset-experiments-" + name);
    std::filesystem::create_directories(dir);
    Random rng(5);
    for (const auto& [file, count] : {std::pair{"small_train.csv", 90}, std::pair{"small_test.csv", 45}}) {
        std::ofstream out(dir / file);
        out << "label";
        for (int p = 0; p < 64; ++p)
            out << ",pixel" << p;
        out << '\n';
        for (int i = 0; i < count; ++i) {
            const int label = i % 3;
            out << label;
            for (int p = 0; p < 64; ++p)
                out << ',' << int(rng.uniform() * 90.0 + label * 80.0 * ((p + label) % 3 == 0));
            out << '\n';
        }
    }
    return (dir / "small_train.csv").string();
}

// A 4 side + 8 top cube at 32x32 with `n` scribble glyphs.
inline std::shared_ptr<const CubeDataset> smallCubeData(int n, std::uint64_t seed)
{
    auto contexts = std::make_shared<const CubeContexts>(SmallCubeWorld::config(4, 8));
    const Matrix glyphs = scribbles(n, seed);
    std::vector<std::uint8_t> pixels(std::size_t(glyphs.size()));
    for (Index i = 0; i < glyphs.size(); ++i)
        pixels[std::size_t(i)] = std::uint8_t(std::lround(255.f * glyphs.data()[i]));
    return std::make_shared<const CubeDataset>(contexts, Dataset(28, 28, std::move(pixels), std::vector<int>(std::size_t(n), 0)));
}

// Largest |difference| of two sets' reconstructions of one input (0 = same bits).
inline float setDifference(const AutoencoderSet& a, const AutoencoderSet& b)
{
    const Matrix x = Matrix::Constant(a.config().inputSize, 2, 0.4f);
    float worst = 0;
    for (int m = 0; m < a.size(); ++m)
        worst = std::max(worst, (a.member(m).reconstruct(x) - b.member(m).reconstruct(x)).cwiseAbs().maxCoeff());
    return worst;
}

} // namespace latentset::testing
