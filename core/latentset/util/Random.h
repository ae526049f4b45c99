#pragma once
#include <cstdint>
#include <random>

namespace latentset {

// Every random draw in LatentSet comes from a Random seeded explicitly, so a
// run with the same seeds and thread count is bit-for-bit reproducible.
// std::mt19937_64's sequence is fixed by the standard; the distributions of
// <random> are not, so the helpers below are written out by hand.
class Random {
public:
    explicit Random(std::uint64_t seed) : engine_(seed) {}

    std::uint64_t next() { return engine_(); }
    // Uniform in [0, 1).
    double uniform() { return double(engine_() >> 11) * (1.0 / 9007199254740992.0); }
    float uniformF(float lo, float hi) { return lo + float(uniform()) * (hi - lo); }
    // Uniform integer in [0, n). Requires n > 0.
    std::uint64_t below(std::uint64_t n) { return engine_() % n; }
    // Standard normal by Box-Muller (one value per call; the pair's second is cached).
    double normal();
    // A derived seed for a child stream (per member, per thread...).
    std::uint64_t split() { return engine_() ^ 0x9E3779B97F4A7C15ull; }

    // The full engine state, so training can resume bit-for-bit after a load.
    std::string state() const;
    void setState(const std::string& state);

private:
    std::mt19937_64 engine_;
    bool hasSpare_ = false;
    double spare_ = 0.0;
};

} // namespace latentset
