#include "latentset/interop/NpyHeader.h"

#include "latentset/util/Error.h"

#include <cctype>

namespace latentset {

void NpyHeader::parse(const std::string& text, const std::string& what, std::string& descr, bool& fortran,
                      std::vector<std::int64_t>& shape)
{
    NpyHeader p(text, what);
    bool haveDescr = false, haveFortran = false, haveShape = false;
    p.expect('{');
    while (true) {
        p.skipSpace();
        if (p.peek() == '}')
            break;
        const std::string key = p.quoted();
        p.expect(':');
        if (key == "descr" && !haveDescr) {
            descr = p.quoted();
            haveDescr = true;
        } else if (key == "fortran_order" && !haveFortran) {
            fortran = p.boolean();
            haveFortran = true;
        } else if (key == "shape" && !haveShape) {
            shape = p.tuple();
            haveShape = true;
        } else {
            p.fail("unknown or repeated header key '" + key + "'");
        }
        p.skipSpace();
        if (p.peek() == ',')
            ++p.pos_;
    }
    if (!haveDescr || !haveFortran || !haveShape)
        p.fail("the header lacks 'descr', 'fortran_order' or 'shape'");
}

void NpyHeader::fail(const std::string& why) const { throw Error(what_ + ": bad .npy header: " + why); }

void NpyHeader::skipSpace()
{
    while (pos_ < s_.size() && std::isspace(static_cast<unsigned char>(s_[pos_])))
        ++pos_;
}

void NpyHeader::expect(char c)
{
    skipSpace();
    if (peek() != c)
        fail(std::string("expected '") + c + "' at byte " + std::to_string(pos_));
    ++pos_;
}

std::string NpyHeader::quoted()
{
    skipSpace();
    const char q = peek();
    if (q != '\'' && q != '"')
        fail("expected a quoted string at byte " + std::to_string(pos_));
    const std::size_t end = s_.find(q, pos_ + 1);
    if (end == std::string::npos)
        fail("unterminated string");
    std::string out = s_.substr(pos_ + 1, end - pos_ - 1);
    pos_ = end + 1;
    return out;
}

bool NpyHeader::boolean()
{
    skipSpace();
    if (s_.compare(pos_, 4, "True") == 0) {
        pos_ += 4;
        return true;
    }
    if (s_.compare(pos_, 5, "False") == 0) {
        pos_ += 5;
        return false;
    }
    fail("fortran_order is neither True nor False");
}

std::vector<std::int64_t> NpyHeader::tuple()
{
    std::vector<std::int64_t> out;
    expect('(');
    while (true) {
        skipSpace();
        if (peek() == ')') {
            ++pos_;
            return out;
        }
        if (!std::isdigit(static_cast<unsigned char>(peek())))
            fail("a shape entry is not a non-negative integer");
        std::int64_t v = 0;
        while (std::isdigit(static_cast<unsigned char>(peek()))) {
            v = v * 10 + (s_[pos_++] - '0');
            if (v > kMaxDim)
                fail("a dimension exceeds " + std::to_string(kMaxDim));
        }
        if (peek() == 'L') // Python 2's long suffix, still read by NumPy
            ++pos_;
        out.push_back(v);
        if (out.size() > kMaxDims)
            fail("more than " + std::to_string(kMaxDims) + " dimensions");
        skipSpace();
        if (peek() == ',')
            ++pos_;
        else if (peek() != ')')
            fail("expected ',' or ')' in the shape");
    }
}

} // namespace latentset
