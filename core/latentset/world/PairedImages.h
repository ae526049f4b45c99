#pragma once
// The user's own paired data, decoded (docs/worlds.md "Your own paired
// folder"): one image per (context, item), all of one size, 8-bit grayscale;
// contexts and items named as in the folder (subfolder names, file base
// names), both sorted. A front end fills it (ui/image/PairedFolderReader
// decodes the files with Qt); core checks it (validate()) and trains on it
// (world/PairedWorld).
//
// Storage: pixels[(context * items + item) * width * height + y * width + x].
// Parameters: one row per context on `axes` (from contexts.csv), or the
// single axis "index" with value c when the folder has no CSV.
#include "latentset/util/Types.h"
#include "latentset/world/ContextAxis.h"

#include <cstdint>
#include <string>
#include <vector>

namespace latentset {

struct PairedImages {
    std::string name; // the folder, for messages
    std::string kind = "folder"; // the world's kind (ContextWorld::kind): "folder", "fonts"
    int width = 0, height = 0;
    std::vector<std::string> contexts;
    std::vector<std::string> items;
    std::vector<ContextAxis> axes;
    std::vector<std::vector<double>> parameters;
    std::vector<std::uint8_t> pixels;

    Index pixelCount() const { return Index(width) * height; }
    const std::uint8_t* image(int context, Index item) const
    {
        return pixels.data() + (std::size_t(context) * items.size() + std::size_t(item)) * std::size_t(pixelCount());
    }
    // Context and interpretation swapped (the paper's §6 face example): the
    // items become the contexts and the contexts the items; the new contexts'
    // parameter is "index" (their position in the old item order).
    PairedImages swapped() const;
    // Throws Error naming `name`: fewer than 2 contexts or 1 item, sizes that
    // do not match the pixel count, parameter rows that do not match the axes.
    void validate() const;
};

} // namespace latentset
