#pragma once
// The header of a .npy file: the Python dict literal NumPy writes,
//   {'descr': '<f4', 'fortran_order': False, 'shape': (3, 4), }
// read strictly (only strings, True/False and tuples of integers; every key
// once or it is refused; at most 32 dimensions of at most 2^40 each), for
// NpyArray::parse. Reentrant.
#include <cstdint>
#include <string>
#include <vector>

namespace latentset {

class NpyHeader {
public:
    // Throws latentset::Error "<what>: bad .npy header: ..." when `text` is
    // not such a dict or lacks 'descr', 'fortran_order' or 'shape'.
    static void parse(const std::string& text, const std::string& what, std::string& descr, bool& fortran,
                      std::vector<std::int64_t>& shape);

    static constexpr std::size_t kMaxDims = 32;                    // NumPy's own limit (NPY_MAXDIMS)
    static constexpr std::int64_t kMaxDim = std::int64_t(1) << 40;

private:
    NpyHeader(const std::string& text, const std::string& what) : s_(text), what_(what) {}
    [[noreturn]] void fail(const std::string& why) const;
    void skipSpace();
    char peek() const { return pos_ < s_.size() ? s_[pos_] : '\0'; }
    void expect(char c);
    std::string quoted();
    bool boolean();
    std::vector<std::int64_t> tuple();

    const std::string& s_;
    const std::string& what_;
    std::size_t pos_ = 0;
};

} // namespace latentset
