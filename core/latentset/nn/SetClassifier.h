#pragma once
// Classifies inputs by the member of a class set that reconstructs them best
// (smallest reconstruction loss): member i = class i. This is the
// reconstruction term of the paper's eq. 4 alone; the likelihood area adds
// the Jacobian and p(z) terms.
//
// Optional per-member calibration: raw reconstruction errors are not on the
// same scale across members (every member reconstructs a "1" well, none an
// "8"). calibrate() fits, on labelled images, one scale a_i > 0 and offset b_i
// per member by multinomial logistic regression on the errors:
//   p(class i | x) ~ exp(-a_i e_i(x) / s + b_i),   s = mean error (fixed)
// and the calibrated decision is argmax_i (-a_i e_i / s + b_i). With a_i
// equal and b_i = 0 this is the raw rule, so calibration can only add what
// the data supports. (Standardising each member's error by its own-class
// mean/std was tried first and is much worse: it rewards members that are
// bad at their own class.)
//
// Thread rules: holds a shared immutable set; every function is const except
// calibrate(), so one classifier can serve many threads once calibrated.
#include "latentset/nn/AutoencoderSet.h"
#include "latentset/util/Types.h"

#include <memory>
#include <vector>

namespace latentset {

class Dataset;
class ThreadPool;

class SetClassifier {
public:
    explicit SetClassifier(std::shared_ptr<const AutoencoderSet> set);

    // The error every decision compares. Default: squared error, the
    // paper's eq. 5 term |x - f(z*)|^2 (halved), whatever loss the set was
    // trained with: on the paper's MNIST set (trained with cross-entropy)
    // it decides better (98.63 % vs 98.47 % by the training loss,
    // docs/engine.md), and the CLI, the heatmap, the pad and the training
    // panel's accuracy then all report the same rule.
    void setErrorMeasure(LossKind measure) { measure_ = measure; }
    LossKind errorMeasure() const { return measure_; }

    // Reconstruction errors of every image under every member:
    // members x N, computed in batches, members in parallel on `pool`.
    Matrix errors(const Dataset& data, ThreadPool* pool, Index batchSize = 500) const;
    // The same for images as columns of X (n x B): members x B.
    Matrix errors(const Matrix& X, ThreadPool* pool = nullptr) const;
    // Fits the per-member calibration from labelled images (member i = label i).
    void calibrate(const Dataset& images, ThreadPool* pool);
    void calibrate(const Matrix& errors, const std::vector<int>& labels);
    bool calibrated() const { return scale_.size() > 0; }
    // Per-member a_i / s (so the score is -scale_i * e_i + offset_i) and b_i.
    const Vector& scale() const { return scale_; }
    const Vector& offset() const { return offset_; }
    void setCalibration(Vector scale, Vector offset);

    // Decision per column: smallest error, or with `normalised` and a
    // calibration, the largest calibrated score.
    std::vector<int> decide(const Matrix& errors, bool normalised = true) const;
    std::vector<int> classify(const Dataset& data, ThreadPool* pool, bool normalised = true) const;

private:
    std::shared_ptr<const AutoencoderSet> set_;
    LossKind measure_;
    Vector scale_, offset_;
};

} // namespace latentset
