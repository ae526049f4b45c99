#include "latentset/experiments/MemberHash.h"

#include <cstdio>

namespace latentset {

namespace {

void mix(std::uint64_t& h, const void* data, std::size_t bytes)
{
    const auto* p = static_cast<const unsigned char*>(data);
    for (std::size_t k = 0; k < bytes; ++k) {
        h ^= p[k];
        h *= 0x100000001b3ULL;
    }
}

void mixMatrix(std::uint64_t& h, const Matrix& m)
{
    const std::int64_t shape[2] = {std::int64_t(m.rows()), std::int64_t(m.cols())};
    mix(h, shape, sizeof shape);
    mix(h, m.data(), std::size_t(m.size()) * sizeof(float));
}

} // namespace

std::uint64_t MemberHash::of(const Autoencoder& member)
{
    std::uint64_t h = 0xcbf29ce484222325ULL;
    for (const Parameter* p : member.parameters()) {
        mixMatrix(h, p->value);
        mixMatrix(h, p->m);
        mixMatrix(h, p->v);
    }
    const std::uint64_t steps = member.stepCount();
    mix(h, &steps, sizeof steps);
    return h;
}

std::string MemberHash::hex(std::uint64_t hash)
{
    char text[17];
    std::snprintf(text, sizeof text, "%016llx", static_cast<unsigned long long>(hash));
    return text;
}

} // namespace latentset
