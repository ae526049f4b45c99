#pragma once
// A dataset as shipped (train + test) plus a validation split carved from
// train. Readers fill train and test (test may be empty when the source has
// only one split); carveValidation() moves a seeded, stratified share of
// train into validation. Nothing is carved implicitly, so "train" means the
// shipped training split (the paper's 60,000 MNIST digits) until a caller
// asks for a validation split.
#include "latentset/data/Dataset.h"

#include <cstdint>
#include <string>

namespace latentset {

class DatasetSplits {
public:
    // The seed every LatentSet tool uses for the validation split, so that
    // "validation" means the same images in the GUI, the CLI and the tests.
    static constexpr std::uint64_t kValidationSeed = 20260601;

    Dataset train;
    Dataset validation;
    Dataset test;
    std::string name;    // "MNIST", "Fashion-MNIST", a folder's name...
    std::string source;  // the path it was read from

    // Moves `count` images of train into validation (stratified, seeded; see
    // Dataset::splitValidation). Call once, on freshly read splits: throws
    // Error if validation is already non-empty or count >= train.size().
    void carveValidation(Index count, std::uint64_t seed = kValidationSeed);
    // Same with a fraction of train (0 < fraction < 1), rounded down.
    void carveValidationFraction(double fraction, std::uint64_t seed = kValidationSeed);

    Index totalImages() const { return train.size() + validation.size() + test.size(); }
};

} // namespace latentset
