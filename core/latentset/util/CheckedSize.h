#pragma once
// <compare>: the defaulted operator<=> below needs std::strong_ordering
// declared; clang refuses it without (GCC 12 happens to accept it).
#include <compare>
#include <cstdint>
#include <limits>

namespace latentset {

// A byte or element count built from sizes that a file claims. Arithmetic
// saturates at the largest uint64 instead of wrapping, so a product of
// corrupted sizes can never come out small and slip past a check such as
// `needed <= bytesLeft`: every reader computes what a claim implies with this
// type and compares it against the bytes actually present before allocating.
class CheckedSize {
public:
    static constexpr std::uint64_t kSaturated = std::numeric_limits<std::uint64_t>::max();

    constexpr CheckedSize() = default;
    // Negative values (a signed size read from a file) saturate too: they can
    // only come from corruption, and a saturated size fails every check.
    template <typename T>
    constexpr CheckedSize(T value) : value_(fromSigned(value)) {} // NOLINT: implicit on purpose

    constexpr std::uint64_t value() const { return value_; }
    constexpr bool saturated() const { return value_ == kSaturated; }

    friend constexpr CheckedSize operator+(CheckedSize a, CheckedSize b)
    {
        return CheckedSize::raw(a.value_ > kSaturated - b.value_ ? kSaturated : a.value_ + b.value_);
    }
    friend constexpr CheckedSize operator*(CheckedSize a, CheckedSize b)
    {
        if (a.value_ == 0 || b.value_ == 0)
            return CheckedSize::raw(0);
        return CheckedSize::raw(a.value_ > kSaturated / b.value_ ? kSaturated : a.value_ * b.value_);
    }
    CheckedSize& operator+=(CheckedSize b) { return *this = *this + b; }
    CheckedSize& operator*=(CheckedSize b) { return *this = *this * b; }
    friend constexpr auto operator<=>(CheckedSize a, CheckedSize b) = default;

private:
    static constexpr CheckedSize raw(std::uint64_t v)
    {
        CheckedSize s;
        s.value_ = v;
        return s;
    }
    template <typename T>
    static constexpr std::uint64_t fromSigned(T v)
    {
        if constexpr (std::numeric_limits<T>::is_signed) {
            if (v < 0)
                return kSaturated;
        }
        return std::uint64_t(v);
    }

    std::uint64_t value_ = 0;
};

} // namespace latentset
