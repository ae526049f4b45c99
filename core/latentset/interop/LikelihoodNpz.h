#pragma once
// A set's likelihood model (likelihood/LikelihoodModel: sigma, the p(z)
// mixtures, eq. 5's constants) as NumPy arrays and back, the likelihood part
// of docs/interop.md's layout. ModelNpz calls it for a model file that holds
// one, and for an NPZ that holds its arrays.
#include "latentset/interop/NpzArchive.h"
#include "latentset/likelihood/LikelihoodModel.h"

#include <optional>

namespace latentset {

class AutoencoderSet;

class LikelihoodNpz {
public:
    static void add(NpzArchive& npz, const LikelihoodModel& model);
    // True when the NPZ holds likelihood arrays ("sigma" or "pz_count").
    static bool present(const NpzArchive& npz);
    // The model the arrays describe, checked against `set` (members, pixels,
    // latent dimension); std::nullopt when there are none. Throws Error naming
    // the array for a missing or misshapen one, a covariance that is not
    // positive definite, or non-finite values.
    static std::optional<LikelihoodModel> read(const NpzArchive& npz, const AutoencoderSet& set);
};

} // namespace latentset
