#include "latentset/world/PairedWorld.h"

#include "latentset/util/Error.h"

namespace latentset {

PairedWorld::PairedWorld(std::shared_ptr<const PairedImages> images, std::vector<Index> items)
    : images_(std::move(images)), items_(std::move(items))
{
    if (!images_)
        throw Error("paired world: no images");
    images_->validate();
    const Index all = Index(images_->items.size());
    if (items_.empty())
        for (Index i = 0; i < all; ++i)
            items_.push_back(i);
    for (Index i : items_)
        if (i < 0 || i >= all)
            throw Error(images_->name + ": item " + std::to_string(i) + " is not one of its " + std::to_string(all));
    mask_ = fullMask(frameSize());
}

std::pair<std::shared_ptr<const PairedWorld>, std::shared_ptr<const PairedWorld>>
PairedWorld::split(std::shared_ptr<const PairedImages> images, int every)
{
    if (!images)
        throw Error("paired world: no images");
    const Index all = Index(images->items.size());
    std::vector<Index> train, test;
    for (Index i = 0; i < all; ++i)
        (every > 1 && all >= 2 && i % every == 1 ? test : train).push_back(i);
    if (test.empty() || train.empty())
        test = train = {};
    return {std::make_shared<const PairedWorld>(images, train), std::make_shared<const PairedWorld>(images, test)};
}

Matrix PairedWorld::masked(int c, std::span<const Index> items) const
{
    if (c < 0 || c >= contextCount())
        throw Error(images_->name + ": context " + std::to_string(c) + " is not one of its "
                    + std::to_string(contextCount()));
    const Index n = frameSize();
    Matrix out(n, Index(items.size()));
    for (std::size_t j = 0; j < items.size(); ++j) {
        const std::uint8_t* p = images_->image(c, items_.at(std::size_t(items[j])));
        for (Index k = 0; k < n; ++k)
            out(k, Index(j)) = float(p[k]) / 255.0f;
    }
    return out;
}

} // namespace latentset
