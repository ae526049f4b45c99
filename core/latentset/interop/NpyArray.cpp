#include "latentset/interop/NpyArray.h"

#include "latentset/interop/NpyHeader.h"

#include "latentset/util/CheckedSize.h"
#include "latentset/util/Error.h"

#include <bit>
#include <cctype>
#include <cstring>

namespace latentset {

namespace {

constexpr char kMagic[] = "\x93NUMPY";
constexpr std::size_t kMagicSize = 6;
// NumPy itself refuses headers over 10000 bytes by default; a dict of three
// keys never needs more than a few hundred.
constexpr std::size_t kMaxHeader = 65536;
constexpr int kMaxStringChars = 1 << 16;

template <class T>
T loadSwapped(const char* p, bool swap)
{
    std::uint8_t b[sizeof(T)];
    std::memcpy(b, p, sizeof(T));
    if (swap)
        for (std::size_t i = 0; i < sizeof(T) / 2; ++i)
            std::swap(b[i], b[sizeof(T) - 1 - i]);
    T v;
    std::memcpy(&v, b, sizeof(T));
    return v;
}

void appendUtf8(std::string& out, std::uint32_t c)
{
    if (c < 0x80) {
        out += char(c);
    } else if (c < 0x800) {
        out += char(0xC0 | (c >> 6));
        out += char(0x80 | (c & 0x3F));
    } else if (c < 0x10000) {
        out += char(0xE0 | (c >> 12));
        out += char(0x80 | ((c >> 6) & 0x3F));
        out += char(0x80 | (c & 0x3F));
    } else {
        out += char(0xF0 | (c >> 18));
        out += char(0x80 | ((c >> 12) & 0x3F));
        out += char(0x80 | ((c >> 6) & 0x3F));
        out += char(0x80 | (c & 0x3F));
    }
}

// UTF-8 -> code points; bytes that are not valid UTF-8 pass as Latin-1.
std::vector<std::uint32_t> codePoints(const std::string& s)
{
    std::vector<std::uint32_t> out;
    for (std::size_t i = 0; i < s.size();) {
        const auto c = static_cast<unsigned char>(s[i]);
        const int extra = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : c >= 0xC0 ? 1 : 0;
        bool ok = extra > 0;
        std::uint32_t cp = extra == 3 ? c & 0x07u : extra == 2 ? c & 0x0Fu : c & 0x1Fu;
        for (int k = 1; ok && k <= extra; ++k) {
            if (i + std::size_t(k) >= s.size() || (static_cast<unsigned char>(s[i + std::size_t(k)]) & 0xC0) != 0x80)
                ok = false;
            else
                cp = (cp << 6) | (static_cast<unsigned char>(s[i + std::size_t(k)]) & 0x3Fu);
        }
        if (ok) {
            out.push_back(cp);
            i += std::size_t(extra) + 1;
        } else {
            out.push_back(c);
            ++i;
        }
    }
    return out;
}

} // namespace

template <class T>
NpyArray NpyArray::fromValues(Kind kind, std::vector<std::int64_t> shape, const std::vector<T>& values)
{
    NpyArray a;
    a.kind_ = kind;
    a.itemSize_ = int(sizeof(T));
    a.bigEndian_ = std::endian::native == std::endian::big;
    a.shape_ = std::move(shape);
    a.data_.assign(reinterpret_cast<const char*>(values.data()), values.size() * sizeof(T));
    return a;
}

NpyArray NpyArray::float32(std::vector<std::int64_t> shape, const std::vector<float>& values)
{
    return fromValues(Kind::Float, std::move(shape), values);
}

NpyArray NpyArray::float64(std::vector<std::int64_t> shape, const std::vector<double>& values)
{
    return fromValues(Kind::Float, std::move(shape), values);
}

NpyArray NpyArray::int64(std::vector<std::int64_t> shape, const std::vector<std::int64_t>& values)
{
    return fromValues(Kind::Signed, std::move(shape), values);
}

NpyArray NpyArray::strings(const std::vector<std::string>& values)
{
    std::vector<std::vector<std::uint32_t>> points;
    std::size_t width = 1;
    for (const auto& v : values) {
        points.push_back(codePoints(v));
        width = std::max(width, points.back().size());
    }
    NpyArray a;
    a.kind_ = Kind::Unicode;
    a.itemSize_ = int(4 * width);
    a.bigEndian_ = std::endian::native == std::endian::big;
    a.shape_ = {std::int64_t(values.size())};
    a.data_.assign(values.size() * 4 * width, '\0');
    for (std::size_t i = 0; i < points.size(); ++i)
        std::memcpy(a.data_.data() + i * 4 * width, points[i].data(), points[i].size() * 4);
    return a;
}

NpyArray NpyArray::scalarString(const std::string& value)
{
    NpyArray a = strings({value});
    a.shape_.clear();
    return a;
}

std::string NpyArray::dtype() const
{
    const char order = itemSize_ == 1 && kind_ != Kind::Unicode ? '|' : bigEndian_ ? '>' : '<';
    switch (kind_) {
    case Kind::Float: return order + std::string("f") + std::to_string(itemSize_);
    case Kind::Signed: return order + std::string("i") + std::to_string(itemSize_);
    case Kind::Unsigned: return order + std::string("u") + std::to_string(itemSize_);
    case Kind::Bool: return "|b1";
    case Kind::Unicode: return order + std::string("U") + std::to_string(itemSize_ / 4);
    case Kind::Bytes: return "|S" + std::to_string(itemSize_);
    }
    return "?";
}

std::uint64_t NpyArray::elementCount() const
{
    CheckedSize n(1);
    for (std::int64_t d : shape_)
        n *= CheckedSize(d);
    return n.value();
}

std::string NpyArray::describeShape() const
{
    std::string s = "(";
    for (std::size_t i = 0; i < shape_.size(); ++i)
        s += (i ? ", " : "") + std::to_string(shape_[i]);
    return s + (shape_.size() == 1 ? ",)" : ")");
}

NpyArray NpyArray::parse(const std::string& bytes, const std::string& what)
{
    if (bytes.size() < kMagicSize + 4 || bytes.compare(0, kMagicSize, kMagic, kMagicSize) != 0)
        throw Error(what + ": not a .npy array (no \\x93NUMPY magic)");
    const int major = static_cast<unsigned char>(bytes[6]);
    if (major < 1 || major > 3)
        throw Error(what + ": .npy format version " + std::to_string(major) + " is not supported (1 to 3 are)");
    std::size_t headerLength = 0, start = 0;
    if (major == 1) {
        headerLength = std::size_t(static_cast<unsigned char>(bytes[8])) | std::size_t(static_cast<unsigned char>(bytes[9])) << 8;
        start = 10;
    } else {
        if (bytes.size() < 12)
            throw Error(what + ": truncated .npy header");
        for (int i = 0; i < 4; ++i)
            headerLength |= std::size_t(static_cast<unsigned char>(bytes[std::size_t(8 + i)])) << (8 * i);
        start = 12;
    }
    if (headerLength > kMaxHeader || headerLength > bytes.size() - start)
        throw Error(what + ": the .npy header claims " + std::to_string(headerLength) + " bytes, "
                    + std::to_string(bytes.size() - start) + " are there");
    std::string descr;
    NpyArray a;
    NpyHeader::parse(bytes.substr(start, headerLength), what, descr, a.fortranOrder_, a.shape_);
    if (descr.size() < 3 || std::string("<>|=").find(descr[0]) == std::string::npos)
        throw Error(what + ": dtype '" + descr + "' is not supported (a plain number or string dtype such as '<f4')");
    const char code = descr[1];
    int count = 0;
    for (std::size_t i = 2; i < descr.size(); ++i) {
        if (!std::isdigit(static_cast<unsigned char>(descr[i])) || count > kMaxStringChars)
            throw Error(what + ": dtype '" + descr + "' is not supported");
        count = count * 10 + (descr[i] - '0');
    }
    a.bigEndian_ = descr[0] == '>';
    const bool integral = (code == 'i' || code == 'u') && (count == 1 || count == 2 || count == 4 || count == 8);
    if (code == 'f' && (count == 4 || count == 8))
        a.kind_ = Kind::Float;
    else if (integral)
        a.kind_ = code == 'i' ? Kind::Signed : Kind::Unsigned;
    else if (code == 'b' && count == 1)
        a.kind_ = Kind::Bool;
    else if ((code == 'U' || code == 'S') && count >= 1 && count <= kMaxStringChars)
        a.kind_ = code == 'U' ? Kind::Unicode : Kind::Bytes;
    else
        throw Error(what + ": dtype '" + descr + "' is not supported (float f4/f8, integers, bool or strings)");
    a.itemSize_ = a.kind_ == Kind::Unicode ? 4 * count : count;
    const std::size_t dataStart = start + headerLength;
    const CheckedSize needed = CheckedSize(a.elementCount()) * CheckedSize(a.itemSize_);
    const std::uint64_t present = bytes.size() - dataStart;
    if (needed.value() != present)
        throw Error(what + ": shape " + a.describeShape() + " of " + a.dtype() + " needs "
                    + (needed.saturated() ? std::string("more than 2^64") : std::to_string(needed.value()))
                    + " data bytes, the array holds " + std::to_string(present)
                    + (needed.value() > present ? " (truncated or corrupted)" : " (trailing bytes)"));
    a.data_ = bytes.substr(dataStart);
    return a;
}

std::string NpyArray::serialize() const
{
    std::string header = "{'descr': '" + dtype() + "', 'fortran_order': " + (fortranOrder_ ? "True" : "False")
                         + ", 'shape': " + describeShape() + ", }";
    // Magic, version, length, header and '\n' together a multiple of 64 bytes.
    const bool v2 = header.size() + 11 > 65535;
    const std::size_t prefix = v2 ? 12 : 10;
    header.append((64 - (prefix + header.size() + 1) % 64) % 64, ' ');
    header += '\n';
    std::string out(kMagic, kMagicSize);
    out += char(v2 ? 2 : 1);
    out += '\0';
    const std::size_t n = header.size();
    for (std::size_t i = 0; i < (v2 ? 4u : 2u); ++i)
        out += char((n >> (8 * i)) & 0xFF);
    return out + header + data_;
}

std::uint64_t NpyArray::storageIndex(std::uint64_t cIndex) const
{
    if (!fortranOrder_ || shape_.size() < 2)
        return cIndex;
    std::uint64_t storage = 0, stride = 1, rest = cIndex;
    std::vector<std::uint64_t> index(shape_.size());
    for (std::size_t d = shape_.size(); d-- > 0;) {
        index[d] = rest % std::uint64_t(shape_[d]);
        rest /= std::uint64_t(shape_[d]);
    }
    for (std::size_t d = 0; d < shape_.size(); ++d) {
        storage += index[d] * stride;
        stride *= std::uint64_t(shape_[d]);
    }
    return storage;
}

double NpyArray::number(std::uint64_t k) const
{
    const char* p = data_.data() + k * std::uint64_t(itemSize_);
    const bool swap = bigEndian_ != (std::endian::native == std::endian::big);
    switch (kind_) {
    case Kind::Float: return itemSize_ == 4 ? double(loadSwapped<float>(p, swap)) : loadSwapped<double>(p, swap);
    case Kind::Bool: return *p != 0 ? 1.0 : 0.0;
    case Kind::Signed:
        switch (itemSize_) {
        case 1: return double(loadSwapped<std::int8_t>(p, swap));
        case 2: return double(loadSwapped<std::int16_t>(p, swap));
        case 4: return double(loadSwapped<std::int32_t>(p, swap));
        default: return double(loadSwapped<std::int64_t>(p, swap));
        }
    case Kind::Unsigned:
        switch (itemSize_) {
        case 1: return double(loadSwapped<std::uint8_t>(p, swap));
        case 2: return double(loadSwapped<std::uint16_t>(p, swap));
        case 4: return double(loadSwapped<std::uint32_t>(p, swap));
        default: return double(loadSwapped<std::uint64_t>(p, swap));
        }
    default: return 0.0;
    }
}

std::vector<double> NpyArray::doubles(const std::string& what) const
{
    if (kind_ == Kind::Unicode || kind_ == Kind::Bytes)
        throw Error(what + ": holds strings (" + dtype() + "), numbers were expected");
    std::vector<double> out(elementCount());
    for (std::uint64_t k = 0; k < out.size(); ++k)
        out[k] = number(storageIndex(k));
    return out;
}

std::vector<float> NpyArray::floats(const std::string& what) const
{
    if (kind_ == Kind::Unicode || kind_ == Kind::Bytes)
        throw Error(what + ": holds strings (" + dtype() + "), numbers were expected");
    std::vector<float> out(elementCount());
    const bool native = bigEndian_ == (std::endian::native == std::endian::big);
    if (kind_ == Kind::Float && itemSize_ == 4 && native && (!fortranOrder_ || shape_.size() < 2)) {
        std::memcpy(out.data(), data_.data(), out.size() * sizeof(float));
        return out;
    }
    for (std::uint64_t k = 0; k < out.size(); ++k)
        out[k] = float(number(storageIndex(k)));
    return out;
}

std::string NpyArray::text(std::uint64_t k) const
{
    const char* p = data_.data() + k * std::uint64_t(itemSize_);
    std::string out;
    if (kind_ == Kind::Bytes) {
        out.assign(p, std::size_t(itemSize_));
    } else {
        const bool swap = bigEndian_ != (std::endian::native == std::endian::big);
        for (int i = 0; i < itemSize_ / 4; ++i) {
            const std::uint32_t c = loadSwapped<std::uint32_t>(p + 4 * i, swap);
            if (c == 0)
                break;
            appendUtf8(out, c > 0x10FFFF ? 0xFFFD : c);
        }
    }
    while (!out.empty() && out.back() == '\0')
        out.pop_back();
    return out;
}

std::vector<std::string> NpyArray::texts(const std::string& what) const
{
    if (kind_ != Kind::Unicode && kind_ != Kind::Bytes)
        throw Error(what + ": holds numbers (" + dtype() + "), strings were expected");
    std::vector<std::string> out;
    const std::uint64_t n = elementCount();
    out.reserve(std::size_t(n));
    for (std::uint64_t k = 0; k < n; ++k)
        out.push_back(text(storageIndex(k)));
    return out;
}

} // namespace latentset
