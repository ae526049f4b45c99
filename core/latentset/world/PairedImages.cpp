#include "latentset/world/PairedImages.h"

#include "latentset/util/Error.h"

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

} // namespace latentset
