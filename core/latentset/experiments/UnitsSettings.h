#pragma once
// Settings of the units pictures (UnitsExperiment, docs/units-and-compare.md):
// which member, how its first-layer filters are ordered and scaled, and the
// latent-direction sweep around the chosen input's code (offsets
// -step..+step in `steps` equal parts, 0 included). JSON as
// ClassSetExperimentSettings: every key written, missing keys keep the
// defaults, a wrong kind or range throws naming the key.
#include "latentset/util/JsonValue.h"

#include <string>
#include <vector>

namespace latentset {

struct UnitsSettings {
    enum class Order { Index, Norm, Activation };

    int member = 0;
    // Units and directions: by index, by norm (a filter's |w|; a direction's
    // response |f(z*+k e_i) - f(z*-k e_i)|) or by activation on the input
    // (a unit's f_0(w.x + b); a direction's |z*_i|). Largest first.
    Order order = Order::Norm;
    float step = 6.0f; // k: the largest offset along a latent direction (codes of 784-512-16 MNIST members span about ±13)
    int steps = 5;     // offsets per direction, odd (3..15): -k .. 0 .. +k
    // Each filter tile scaled by its own max |w| (else one scale for all).
    bool perTileScale = true;
    // Show the decoder's last-layer columns instead of encoder rows (the same
    // pictures for a tied member).
    bool decoderFilters = false;
    // Draw the sweep as its change from the reconstruction, f(z* + o e_i) -
    // f(z*), grey = no change (one scale for the whole strip), instead of the
    // decoded pictures: small changes become visible.
    bool sweepChange = false;

    std::vector<float> offsets() const;
    void validate() const; // throws latentset::Error
    JsonValue toJson() const;
    static UnitsSettings fromJson(const JsonValue& json);
    static const char* orderName(Order order);
    static Order parseOrder(const std::string& name); // throws Error for an unknown name
    bool operator==(const UnitsSettings& other) const { return toJson() == other.toJson(); }
};

} // namespace latentset
