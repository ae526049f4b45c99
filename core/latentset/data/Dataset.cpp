#include "latentset/data/Dataset.h"

#include "latentset/util/Error.h"
#include "latentset/util/Random.h"

#include <algorithm>

namespace latentset {

namespace {

std::string displayName(const std::string& name) { return name.empty() ? std::string("dataset") : name; }

} // namespace

Dataset::Dataset(int width, int height, std::vector<std::uint8_t> pixels, std::vector<int> labels,
                 std::vector<std::string> classNames, std::string name)
    : width_(width), height_(height), pixels_(std::move(pixels)), labels_(std::move(labels)),
      classNames_(std::move(classNames)), name_(std::move(name))
{
    if (width_ <= 0 || height_ <= 0)
        throw Error(displayName(name_) + ": image size " + std::to_string(width_) + "x"
                    + std::to_string(height_) + " is not positive");
    const std::size_t expected = labels_.size() * std::size_t(width_) * std::size_t(height_);
    if (pixels_.size() != expected)
        throw Error(displayName(name_) + ": " + std::to_string(pixels_.size()) + " pixel bytes for "
                    + std::to_string(labels_.size()) + " images of " + std::to_string(width_) + "x"
                    + std::to_string(height_) + " (expected " + std::to_string(expected) + ")");
    for (std::size_t i = 0; i < labels_.size(); ++i)
        if (labels_[i] < 0 || labels_[i] > kMaxLabel)
            throw Error(displayName(name_) + ": image " + std::to_string(i) + " has label "
                        + std::to_string(labels_[i]) + ", outside 0.." + std::to_string(kMaxLabel));
}

int Dataset::classCount() const
{
    int count = int(classNames_.size());
    for (int label : labels_)
        count = std::max(count, label + 1);
    return count;
}

std::string Dataset::className(int label) const
{
    if (label >= 0 && std::size_t(label) < classNames_.size() && !classNames_[std::size_t(label)].empty())
        return classNames_[std::size_t(label)];
    return std::to_string(label);
}

std::vector<Index> Dataset::countsPerClass() const
{
    std::vector<Index> counts(std::size_t(classCount()), 0);
    for (int label : labels_)
        ++counts[std::size_t(label)];
    return counts;
}

std::vector<Index> Dataset::indicesOfClass(int label) const
{
    std::vector<Index> indices;
    for (std::size_t i = 0; i < labels_.size(); ++i)
        if (labels_[i] == label)
            indices.push_back(Index(i));
    return indices;
}

Vector Dataset::imageVector(Index i) const
{
    const Index one[] = {i};
    return batch(one).col(0);
}

Matrix Dataset::batch(std::span<const Index> indices) const
{
    Matrix out;
    batchInto(indices, out);
    return out;
}

void Dataset::batchInto(std::span<const Index> indices, Matrix& out) const
{
    const Index n = pixelCount();
    out.resize(n, Index(indices.size()));
    constexpr float scale = 1.0f / 255.0f;
    for (std::size_t j = 0; j < indices.size(); ++j) {
        const Index i = indices[j];
        if (i < 0 || i >= size())
            throw Error(displayName(name_) + ": image index " + std::to_string(i) + " out of range [0, "
                        + std::to_string(size()) + ")");
        const std::uint8_t* src = image(i);
        float* dst = out.col(Index(j)).data();
        // A plain loop: the compiler vectorises the uint8 -> float widening.
        for (Index k = 0; k < n; ++k)
            dst[k] = float(src[k]) * scale;
    }
}

Matrix Dataset::range(Index first, Index count) const
{
    first = std::clamp<Index>(first, 0, size());
    count = std::clamp<Index>(count, 0, size() - first);
    std::vector<Index> indices(static_cast<std::size_t>(count));
    for (Index j = 0; j < count; ++j)
        indices[std::size_t(j)] = first + j;
    return batch(indices);
}

Dataset Dataset::subset(std::span<const Index> indices) const
{
    const std::size_t n = std::size_t(pixelCount());
    std::vector<std::uint8_t> pixels(indices.size() * n);
    std::vector<int> labels(indices.size());
    for (std::size_t j = 0; j < indices.size(); ++j) {
        const Index i = indices[j];
        if (i < 0 || i >= size())
            throw Error(displayName(name_) + ": image index " + std::to_string(i) + " out of range [0, "
                        + std::to_string(size()) + ")");
        std::copy_n(image(i), n, pixels.data() + j * n);
        labels[j] = labels_[std::size_t(i)];
    }
    return Dataset(width_, height_, std::move(pixels), std::move(labels), classNames_, name_);
}

Dataset Dataset::ofClass(int label) const
{
    const std::vector<Index> indices = indicesOfClass(label);
    Dataset result = subset(indices);
    result.setName(name_ + " [" + className(label) + "]");
    return result;
}

std::pair<Dataset, Dataset> Dataset::splitValidation(Index validationCount, std::uint64_t seed) const
{
    if (validationCount < 0 || validationCount >= size())
        throw Error(displayName(name_) + ": cannot carve " + std::to_string(validationCount)
                    + " validation images out of " + std::to_string(size()));
    // Stratified: each class gives validationCount * (its share), rounded by
    // largest remainder so the total is exact. Within a class the pick is a
    // seeded Fisher-Yates shuffle (Random's own below(), not <random>'s
    // distributions, so the split is the same with every standard library).
    const std::vector<Index> counts = countsPerClass();
    const std::size_t classes = counts.size();
    std::vector<Index> take(classes, 0);
    std::vector<std::pair<double, std::size_t>> remainders;
    Index assigned = 0;
    for (std::size_t c = 0; c < classes; ++c) {
        const double exact = double(validationCount) * double(counts[c]) / double(size());
        take[c] = Index(exact);
        assigned += take[c];
        remainders.push_back({exact - double(take[c]), c});
    }
    std::stable_sort(remainders.begin(), remainders.end(),
                     [](const auto& a, const auto& b) { return a.first > b.first; });
    for (std::size_t r = 0; assigned < validationCount && r < remainders.size(); ++r) {
        const std::size_t c = remainders[r].second;
        if (take[c] < counts[c]) {
            ++take[c];
            ++assigned;
        }
    }

    Random random(seed);
    std::vector<char> isValidation(std::size_t(size()), 0);
    for (std::size_t c = 0; c < classes; ++c) {
        std::vector<Index> members = indicesOfClass(int(c));
        for (Index k = 0; k < take[c]; ++k) {
            const std::size_t remaining = members.size() - std::size_t(k);
            const std::size_t pick = std::size_t(k) + std::size_t(random.below(remaining));
            std::swap(members[std::size_t(k)], members[pick]);
            isValidation[std::size_t(members[std::size_t(k)])] = 1;
        }
    }
    std::vector<Index> rest, validation;
    for (Index i = 0; i < size(); ++i)
        (isValidation[std::size_t(i)] ? validation : rest).push_back(i);
    Dataset restSet = subset(rest);
    Dataset validationSet = subset(validation);
    validationSet.setName(name_.empty() ? std::string("validation") : name_ + " validation");
    return {std::move(restSet), std::move(validationSet)};
}

} // namespace latentset
