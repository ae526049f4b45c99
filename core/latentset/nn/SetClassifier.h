#pragma once
// Classifies inputs by the member of a class set that reconstructs them best
// (smallest reconstruction loss): member i = class i. This is the
// reconstruction term of the paper's eq. 4 alone; the likelihood area adds
// the Jacobian and p(z) terms.
//
// Optional per-member normalisation: raw reconstruction errors are not on
// the same scale across classes (a "1" is easier to reconstruct than an "8"
// by every member). calibrate() measures, on held-out images of each class,
// the mean and standard deviation of member i's error on its OWN class; the
// decision then takes argmin_i (e_i - mean_i) / std_i.
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

    // Reconstruction errors of every image under every member:
    // members x N, computed in batches, members in parallel on `pool`.
    Matrix errors(const Dataset& data, ThreadPool* pool, Index batchSize = 500) const;
    // Fits the per-member normalisation from labelled held-out images.
    void calibrate(const Dataset& validation, ThreadPool* pool);
    void calibrate(const Matrix& errors, const std::vector<int>& labels);
    bool calibrated() const { return mean_.size() > 0; }
    const Vector& errorMean() const { return mean_; }
    const Vector& errorStd() const { return std_; }

    // argmin per column, normalised if calibrated and `normalised`.
    std::vector<int> decide(const Matrix& errors, bool normalised = true) const;
    std::vector<int> classify(const Dataset& data, ThreadPool* pool, bool normalised = true) const;

private:
    std::shared_ptr<const AutoencoderSet> set_;
    Vector mean_, std_;
};

} // namespace latentset
