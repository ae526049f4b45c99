#pragma once
// One NumPy array as a .npy file holds it (the NPY format, versions 1.0,
// 2.0 and 3.0; docs/interop.md): a dtype, a shape, C or Fortran order, and
// the raw element bytes.
//
// Element order: values() and the factories below use C order (row-major,
// the last index fastest), NumPy's default, whatever order the file stored.
// LatentSet's matrices are column-major with one column per sample
// (util/Types.h); the conversions between the two live in ModelNpz.
//
// dtypes read: floats f4 f8, signed i1 i2 i4 i8, unsigned u1 u2 u4 u8, bool
// b1, in either byte order; strings U<n> (UCS-4) and S<n> (bytes). Written:
// little-endian f4, f8, i8 and U<n>, what NumPy writes on this machine.
//
// A value type; every function is reentrant.
#include <cstdint>
#include <string>
#include <vector>

namespace latentset {

class NpyArray {
public:
    enum class Kind { Float, Signed, Unsigned, Bool, Unicode, Bytes };

    NpyArray() = default;
    // C-ordered values; shape {} is a scalar (one value).
    static NpyArray float32(std::vector<std::int64_t> shape, const std::vector<float>& values);
    static NpyArray float64(std::vector<std::int64_t> shape, const std::vector<double>& values);
    static NpyArray int64(std::vector<std::int64_t> shape, const std::vector<std::int64_t>& values);
    static NpyArray strings(const std::vector<std::string>& values); // a 1-d U<n> array
    static NpyArray scalar(double value) { return float64({}, {value}); }
    static NpyArray scalarInt(std::int64_t value) { return int64({}, {value}); }
    static NpyArray scalarString(const std::string& value);

    // Parses a .npy file's bytes. `what` names the array in messages
    // ("model.npz: array 'W0'"). Every claim (header length, shape x item
    // size) is checked against the bytes present before anything is
    // allocated; throws latentset::Error "<what>: ..." otherwise.
    static NpyArray parse(const std::string& bytes, const std::string& what);
    // The .npy file (version 1.0, or 2.0 when the header needs it).
    std::string serialize() const;

    Kind kind() const { return kind_; }
    int itemSize() const { return itemSize_; }
    // The dtype as NumPy writes it: "<f4", "|u1", "<U7".
    std::string dtype() const;
    const std::vector<std::int64_t>& shape() const { return shape_; }
    std::uint64_t elementCount() const;
    // "(10, 2048, 784)"
    std::string describeShape() const;

    // Every element as a number, C order. Throws Error "<what>: ..." for a
    // string dtype. floats() rounds doubles to float.
    std::vector<double> doubles(const std::string& what) const;
    std::vector<float> floats(const std::string& what) const;
    // Every element as text, C order (U and S dtypes; trailing NULs dropped).
    std::vector<std::string> texts(const std::string& what) const;

private:
    // An array of `values` as they lie in memory (native byte order, C order).
    template <class T>
    static NpyArray fromValues(Kind kind, std::vector<std::int64_t> shape, const std::vector<T>& values);
    // Element k in storage order, converted; caller checked the kind.
    double number(std::uint64_t storageIndex) const;
    std::string text(std::uint64_t storageIndex) const;
    // Storage index of C-order index k (differs for Fortran-ordered arrays).
    std::uint64_t storageIndex(std::uint64_t cIndex) const;

    Kind kind_ = Kind::Float;
    int itemSize_ = 8;
    bool bigEndian_ = false;
    bool fortranOrder_ = false;
    std::vector<std::int64_t> shape_;
    std::string data_; // the element bytes as stored
};

} // namespace latentset
