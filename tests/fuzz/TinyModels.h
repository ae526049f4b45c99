#pragma once
// The smallest objects of every kind that LatentSet saves, so that the seed
// files (make_corpus.cpp) stay a few hundred bytes to a few KB each while
// holding every chunk a real file holds. The models harness builds its
// ClassSetTask from the same definitions, because a "CSTK" chunk is only
// read into a task whose member count and data it fits.
#include "latentset/cube/CubeContexts.h"
#include "latentset/cube/SharedLatentTask.h"
#include "latentset/data/Dataset.h"
#include "latentset/nn/AutoencoderConfig.h"
#include "latentset/nn/AutoencoderSet.h"
#include "latentset/nn/ClassSetTask.h"

#include <cstdint>
#include <vector>

namespace latentset::fuzz {

// 4 -> 3 relu -> 2 linear -> 3 relu -> 4 sigmoid, tied: 2x2-pixel images.
inline AutoencoderConfig tinyConfig() { return AutoencoderConfig::make(4, {3}, 2, true); }

constexpr int kTinyMembers = 2;

inline AutoencoderSet tinyClassSet() { return AutoencoderSet(tinyConfig(), kTinyMembers, 7); }

// Member i's images: 3 images of 2x2 pixels, all labelled i.
inline std::vector<Dataset> tinyClassData()
{
    std::vector<Dataset> data;
    for (int i = 0; i < kTinyMembers; ++i) {
        std::vector<std::uint8_t> pixels;
        for (int k = 0; k < 12; ++k)
            pixels.push_back(std::uint8_t(20 * k + 60 * i));
        data.emplace_back(2, 2, std::move(pixels), std::vector<int>(3, i));
    }
    return data;
}

inline ClassSetSettings tinyClassSettings()
{
    ClassSetSettings settings;
    settings.batchSize = 2;
    settings.maskingNoise = 0.25f;
    settings.seed = 3;
    return settings;
}

inline ClassSetTask tinyClassTask()
{
    return ClassSetTask(tinyClassSet(), tinyClassData(), tinyClassSettings());
}

// Two contexts (one side face, one top) at 8x8 pixels with 4x4 glyphs.
inline CubeContextsConfig tinyCubeConfig()
{
    CubeContextsConfig config;
    config.sideCount = 1;
    config.topCount = 1;
    config.cube.imageSize = 8;
    config.cube.glyphSize = 4;
    config.cube.subsamples = 1;
    return config;
}

inline SharedLatentSettings tinyCubeSettings()
{
    SharedLatentSettings settings;
    settings.hidden = 3;
    settings.latent = 2;
    settings.batchSize = 2;
    settings.cyclesPerEpoch = 2;
    return settings;
}

} // namespace latentset::fuzz
