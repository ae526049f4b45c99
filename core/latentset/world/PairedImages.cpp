#include "latentset/world/PairedImages.h"

#include "latentset/util/Error.h"

#include <algorithm>

namespace latentset {

void PairedImages::validate() const
{
    auto fail = [&](const std::string& why) { throw Error(name + ": " + why); };
    if (contexts.size() < 2)
        fail("a paired folder needs at least 2 context subfolders, found " + std::to_string(contexts.size()));
    if (items.empty())
        fail("no item is in every context subfolder");
    if (width < 1 || height < 1)
        fail("images have no pixels");
    if (pixels.size() != contexts.size() * items.size() * std::size_t(pixelCount()))
        fail("pixel storage does not match " + std::to_string(contexts.size()) + " contexts x "
             + std::to_string(items.size()) + " items");
    if (parameters.size() != contexts.size())
        fail("one parameter row per context is needed");
    for (const auto& row : parameters)
        if (row.size() != axes.size())
            fail("a context's parameter row does not match the axes");
}

PairedImages PairedImages::swapped() const
{
    validate();
    PairedImages t;
    t.name = name + " (swapped)";
    t.kind = kind;
    t.width = width;
    t.height = height;
    t.contexts = items;
    t.items = contexts;
    t.axes = {ContextAxis{"index", false, 0}};
    for (std::size_t c = 0; c < items.size(); ++c)
        t.parameters.push_back({double(c)});
    const std::size_t n = std::size_t(pixelCount());
    t.pixels.resize(pixels.size());
    for (std::size_t c = 0; c < contexts.size(); ++c)
        for (std::size_t i = 0; i < items.size(); ++i)
            std::copy_n(image(int(c), Index(i)), n, t.pixels.data() + (i * contexts.size() + c) * n);
    return t;
}

} // namespace latentset
