#pragma once
// A 64-bit fingerprint (FNV-1a) of everything a member holds: every
// parameter's values and Adam moments, bit for bit, and its step count. Two
// members with the same hash are (but for a 2^-64 chance) the same bits: the
// proof that training one member leaves the others untouched
// (docs/less-is-more.md).
#include "latentset/nn/Autoencoder.h"

#include <cstdint>
#include <string>

namespace latentset {

class MemberHash {
public:
    static std::uint64_t of(const Autoencoder& member);
    // 16 hex digits.
    static std::string hex(std::uint64_t hash);
};

} // namespace latentset
