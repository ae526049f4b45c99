#pragma once
// One split of a labelled grayscale image dataset (MNIST's 60,000 training
// digits, a folder of PNGs, a rendered set of cubes...).
//
// Storage is compact on purpose: one byte per pixel (0 = black, 255 = white),
// images stored one after the other, each row-major (pixel y * width + x).
// MNIST's training split is 47 MB this way instead of 188 MB as floats, and a
// mini-batch is converted to floats in [0,1] when it is asked for, which costs
// far less than the matrix products that consume it.
//
// Shapes: batch() returns an n x B Matrix, n = width * height pixels, ONE
// COLUMN PER SAMPLE (the core's convention, see util/Types.h).
//
// A Dataset is a value: copyable and movable. Its pixels and labels never
// change after construction (only the name and class names can be set), so
// reading it from several threads at once is safe; share it across threads
// as std::shared_ptr<const Dataset>.
#include "latentset/util/Types.h"

#include <cstdint>
#include <span>
#include <string>
#include <utility>
#include <vector>

namespace latentset {

class Dataset {
public:
    // Labels are class indices 0..kMaxLabel. The bound keeps per-class
    // tables small when a corrupt file holds a wild label.
    static constexpr int kMaxLabel = 65535;

    Dataset() = default;

    // Takes ownership of `pixels` (count * width * height bytes, images one
    // after the other) and `labels` (count entries, each in 0..kMaxLabel). `classNames`
    // may be empty (then classes are called "0", "1", ...) or name at least
    // every label that occurs. `name` is shown to the user ("MNIST train").
    // Throws Error (naming `name`) if sizes disagree or a label is out of range.
    Dataset(int width, int height, std::vector<std::uint8_t> pixels, std::vector<int> labels,
            std::vector<std::string> classNames = {}, std::string name = {});

    // --- shape --------------------------------------------------------------
    Index size() const { return Index(labels_.size()); }
    bool empty() const { return labels_.empty(); }
    int width() const { return width_; }
    int height() const { return height_; }
    // n = width * height, the row count of batch().
    Index pixelCount() const { return Index(width_) * height_; }
    const std::string& name() const { return name_; }
    void setName(std::string name) { name_ = std::move(name); }

    // --- labels and classes -------------------------------------------------
    int label(Index i) const { return labels_[std::size_t(i)]; }
    const std::vector<int>& labels() const { return labels_; }
    // max(label) + 1, or the number of class names if that is larger.
    int classCount() const;
    const std::vector<std::string>& classNames() const { return classNames_; }
    void setClassNames(std::vector<std::string> names) { classNames_ = std::move(names); }
    // The class's name, or its number as text when the dataset has no names.
    std::string className(int label) const;
    // Images per class, indexed by label (size classCount()).
    std::vector<Index> countsPerClass() const;
    // Indices of the images of one class, in dataset order.
    std::vector<Index> indicesOfClass(int label) const;

    // --- pixels -------------------------------------------------------------
    // The raw bytes of image i (pixelCount() of them, row-major).
    const std::uint8_t* image(Index i) const { return pixels_.data() + std::size_t(i) * std::size_t(pixelCount()); }
    const std::vector<std::uint8_t>& pixels() const { return pixels_; }
    // Image i as a column of floats in [0,1] (n x 1).
    Vector imageVector(Index i) const;
    // The images at `indices` as an n x indices.size() Matrix of floats in
    // [0,1], column j = image indices[j]. Indices must be in [0, size()).
    Matrix batch(std::span<const Index> indices) const;
    // Same, into `out` (resized if needed), so a training loop reuses memory.
    void batchInto(std::span<const Index> indices, Matrix& out) const;
    // Images first .. first+count-1 (clamped to size()) as n x count floats.
    Matrix range(Index first, Index count) const;
    // Every image: n x size(). 188 MB for MNIST's training split; prefer batches.
    Matrix all() const { return range(0, size()); }

    // --- derived datasets ---------------------------------------------------
    // The images at `indices`, in that order (labels and class names kept).
    Dataset subset(std::span<const Index> indices) const;
    // Only the images of one class (labels kept as they are).
    Dataset ofClass(int label) const;
    // Splits off a validation set of `validationCount` images chosen by a
    // seeded shuffle, stratified so each class keeps its share. Returns
    // {rest, validation}; both keep dataset order. Same seed => same split.
    std::pair<Dataset, Dataset> splitValidation(Index validationCount, std::uint64_t seed) const;

private:
    int width_ = 0;
    int height_ = 0;
    std::vector<std::uint8_t> pixels_;
    std::vector<int> labels_;
    std::vector<std::string> classNames_;
    std::string name_;
};

} // namespace latentset
