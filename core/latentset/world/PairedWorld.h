#pragma once
// A context world over the user's paired images (world/PairedImages.h):
// contexts = the folder's subfolders, items = the file names found in every
// subfolder, the mask the whole frame. It holds a subset of the items (a
// training or a held-out part, split()), so training and evaluation never
// share an item. The world cannot show new glyphs nor render between its
// contexts: what it knows of a context is the images in its subfolder.
//
// Thread rules: immutable; const functions are safe from any thread.
#include "latentset/world/ContextWorld.h"
#include "latentset/world/PairedImages.h"

#include <memory>
#include <utility>

namespace latentset {

class PairedWorld : public ContextWorld {
public:
    // `items` index into images->items (all of them if empty). Throws Error for an index out of range.
    PairedWorld(std::shared_ptr<const PairedImages> images, std::vector<Index> items = {});

    // Every `every`-th item (1, 1 + every, ...) held out for evaluation, the
    // others for training; with fewer than 2 items both parts are all items.
    static std::pair<std::shared_ptr<const PairedWorld>, std::shared_ptr<const PairedWorld>>
    split(std::shared_ptr<const PairedImages> images, int every = 5);

    const PairedImages& images() const { return *images_; }

    std::string kind() const override { return images_->kind; }
    int contextCount() const override { return int(images_->contexts.size()); }
    std::string contextName(int c) const override { return images_->contexts.at(std::size_t(c)); }
    const std::vector<ContextAxis>& axes() const override { return images_->axes; }
    std::vector<double> parameters(int c) const override { return images_->parameters.at(std::size_t(c)); }
    int frameWidth() const override { return images_->width; }
    int frameHeight() const override { return images_->height; }
    Index itemCount() const override { return Index(items_.size()); }
    std::string itemName(Index item) const override { return images_->items.at(std::size_t(items_.at(std::size_t(item)))); }
    Index maskSize(int) const override { return frameSize(); }
    const std::vector<int>& maskPixels(int) const override { return mask_; }
    Matrix masked(int c, std::span<const Index> items) const override;

private:
    std::shared_ptr<const PairedImages> images_;
    std::vector<Index> items_;
    std::vector<int> mask_;
};

} // namespace latentset
