#pragma once
// Shared by the likelihood path tests: random members and glyph-like inputs
// that exercise the sparse path.
#include "latentset/nn/Autoencoder.h"
#include "latentset/util/Random.h"
#include "latentset/util/Types.h"

namespace latentset::testing {

// Random weights and biases, biases shifted so that roughly half of the
// hidden relus are active (the sparse path's interesting case).
inline void randomise(Autoencoder& ae, std::uint64_t seed)
{
    Random random(seed);
    for (Parameter* p : ae.parameters())
        for (Index i = 0; i < p->value.size(); ++i)
            p->value.data()[i] += float(0.3 * random.normal());
}

// Inputs in [0, 1] with about 70 % exact zeros, like glyph images.
inline Matrix sparseInputs(Index n, Index count, std::uint64_t seed)
{
    Random random(seed);
    Matrix x(n, count);
    for (Index i = 0; i < x.size(); ++i)
        x.data()[i] = random.uniform() < 0.7 ? 0.0f : float(random.uniform());
    return x;
}

} // namespace latentset::testing
