#include "latentset/cube/FaceWarp.h"

#include <algorithm>


namespace latentset {

FaceWarp::FaceWarp(const CubeGeometry& geometry, const FacePose& pose)
    : pose_(pose)
    , imageSize_(geometry.imageSize())
    , glyphSize_(geometry.glyphSize())
    , homography_(geometry.glyphToImage(pose))
{
    const CubeSettings& s = geometry.settings();
    // First pass: per frame pixel, the constant part and the hit count.
    std::vector<double> constant(std::size_t(frameSize()), 0.0);
    std::vector<int> hits(std::size_t(frameSize()), 0);
    std::vector<Eigen::Triplet<float, int>> taps;
    visit(geometry, pose, [&](int pixel, int glyphIndex, double weight) {
        if (glyphIndex < 0) {
            constant[std::size_t(pixel)] += weight;
            ++hits[std::size_t(pixel)];
        } else if (weight != 0.0) {
            taps.emplace_back(pixel, glyphIndex, float(weight));
        }
    });
    std::vector<int> rowOf(std::size_t(frameSize()), -1);
    for (int p = 0; p < int(frameSize()); ++p) {
        if (hits[std::size_t(p)] > 0) {
            rowOf[std::size_t(p)] = int(mask_.size());
            mask_.push_back(p);
        }
    }
    const double perPixel = double(s.subsamples * s.subsamples);
    coverage_.resize(maskSize());
    offset_.resize(maskSize());
    for (Index k = 0; k < maskSize(); ++k) {
        const auto p = std::size_t(mask_[std::size_t(k)]);
        coverage_(k) = float(hits[p] / perPixel);
        offset_(k) = float(constant[p]);
    }
    for (auto& t : taps)
        t = Eigen::Triplet<float, int>(rowOf[std::size_t(t.row())], t.col(), t.value());
    weights_.resize(maskSize(), glyphPixels());
    weights_.setFromTriplets(taps.begin(), taps.end()); // sums duplicate (pixel, tap) entries
    weights_.makeCompressed();
}

Matrix FaceWarp::apply(const Matrix& glyphs) const
{
    Matrix out = weights_ * glyphs;
    out.colwise() += offset_;
    return out;
}

void FaceWarp::scatter(const Matrix& masked, Matrix& frames) const
{
    for (Index j = 0; j < masked.cols(); ++j)
        for (Index k = 0; k < maskSize(); ++k)
            frames(mask_[std::size_t(k)], j) = masked(k, j);
}

void FaceWarp::scatterAdd(const Matrix& masked, Matrix& frames) const
{
    for (Index j = 0; j < masked.cols(); ++j)
        for (Index k = 0; k < maskSize(); ++k)
            frames(mask_[std::size_t(k)], j) += masked(k, j);
}

Matrix FaceWarp::gather(const Matrix& frames) const
{
    Matrix out(maskSize(), frames.cols());
    for (Index j = 0; j < frames.cols(); ++j)
        for (Index k = 0; k < maskSize(); ++k)
            out(k, j) = frames(mask_[std::size_t(k)], j);
    return out;
}

Vector FaceWarp::maskFrame() const
{
    Vector frame = Vector::Zero(frameSize());
    for (int p : mask_)
        frame(p) = 1.0f;
    return frame;
}

} // namespace latentset
