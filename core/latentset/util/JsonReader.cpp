#include "latentset/util/JsonReader.h"

#include "latentset/util/Error.h"

#include <charconv>
#include <cmath>

namespace latentset {

JsonValue JsonReader::parse(std::string_view text, const std::string& what) { return parse(text, what, Limits{}); }

JsonValue JsonReader::parse(std::string_view text, const std::string& what, Limits limits)
{
    if (text.size() > limits.maxBytes)
        throw Error(what + ": JSON text of " + std::to_string(text.size()) + " bytes is over the limit of "
                    + std::to_string(limits.maxBytes));
    JsonReader reader(text, what, limits);
    reader.skipSpace();
    JsonValue v = reader.value(0);
    reader.skipSpace();
    if (reader.pos_ != text.size())
        reader.fail("unexpected text after the value");
    return v;
}

JsonReader::JsonReader(std::string_view text, std::string what, Limits limits)
    : text_(text), what_(std::move(what)), limits_(limits)
{
}

void JsonReader::fail(const std::string& reason) const
{
    std::size_t line = 1, column = 1;
    for (std::size_t i = 0; i < pos_ && i < text_.size(); ++i) {
        if (text_[i] == '\n') {
            ++line;
            column = 1;
        } else {
            ++column;
        }
    }
    throw Error(what_ + ": JSON error at line " + std::to_string(line) + ", column " + std::to_string(column) + ": "
                + reason);
}

char JsonReader::peek() const { return pos_ < text_.size() ? text_[pos_] : '\0'; }

void JsonReader::skipSpace()
{
    while (pos_ < text_.size() && (text_[pos_] == ' ' || text_[pos_] == '\t' || text_[pos_] == '\n' || text_[pos_] == '\r'))
        ++pos_;
}

void JsonReader::literal(std::string_view word)
{
    if (text_.substr(pos_, word.size()) != word)
        fail("unexpected character");
    pos_ += word.size();
}

JsonValue JsonReader::value(int depth)
{
    if (pos_ >= text_.size())
        fail("unexpected end of text");
    switch (peek()) {
    case '{': return object(depth + 1);
    case '[': return array(depth + 1);
    case '"': return JsonValue(string());
    case 't': literal("true"); return JsonValue(true);
    case 'f': literal("false"); return JsonValue(false);
    case 'n': literal("null"); return JsonValue();
    default: return number();
    }
}

JsonValue JsonReader::object(int depth)
{
    if (depth > limits_.maxDepth)
        fail("nested deeper than " + std::to_string(limits_.maxDepth) + " levels");
    ++pos_; // '{'
    JsonValue obj = JsonValue::object();
    skipSpace();
    if (peek() == '}') {
        ++pos_;
        return obj;
    }
    for (;;) {
        skipSpace();
        if (peek() != '"')
            fail("expected a string key");
        const std::size_t keyPos = pos_;
        std::string key = string();
        if (obj.contains(key)) {
            pos_ = keyPos;
            fail("duplicate key '" + key + "'");
        }
        skipSpace();
        if (peek() != ':')
            fail("expected ':'");
        ++pos_;
        skipSpace();
        obj.set(key, value(depth));
        skipSpace();
        if (peek() == ',') {
            ++pos_;
            continue;
        }
        if (peek() == '}') {
            ++pos_;
            return obj;
        }
        fail("expected ',' or '}'");
    }
}

JsonValue JsonReader::array(int depth)
{
    if (depth > limits_.maxDepth)
        fail("nested deeper than " + std::to_string(limits_.maxDepth) + " levels");
    ++pos_; // '['
    JsonValue arr = JsonValue::array();
    skipSpace();
    if (peek() == ']') {
        ++pos_;
        return arr;
    }
    for (;;) {
        skipSpace();
        arr.push(value(depth));
        skipSpace();
        if (peek() == ',') {
            ++pos_;
            continue;
        }
        if (peek() == ']') {
            ++pos_;
            return arr;
        }
        fail("expected ',' or ']'");
    }
}

unsigned JsonReader::hex4()
{
    unsigned v = 0;
    for (int i = 0; i < 4; ++i, ++pos_) {
        const char c = peek();
        v <<= 4;
        if (c >= '0' && c <= '9')
            v |= unsigned(c - '0');
        else if (c >= 'a' && c <= 'f')
            v |= unsigned(c - 'a' + 10);
        else if (c >= 'A' && c <= 'F')
            v |= unsigned(c - 'A' + 10);
        else
            fail("bad \\u escape");
    }
    return v;
}

namespace {

void appendUtf8(std::string& out, unsigned cp)
{
    if (cp < 0x80) {
        out += char(cp);
    } else if (cp < 0x800) {
        out += char(0xC0 | (cp >> 6));
        out += char(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += char(0xE0 | (cp >> 12));
        out += char(0x80 | ((cp >> 6) & 0x3F));
        out += char(0x80 | (cp & 0x3F));
    } else {
        out += char(0xF0 | (cp >> 18));
        out += char(0x80 | ((cp >> 12) & 0x3F));
        out += char(0x80 | ((cp >> 6) & 0x3F));
        out += char(0x80 | (cp & 0x3F));
    }
}

} // namespace

std::string JsonReader::string()
{
    ++pos_; // '"'
    std::string out;
    for (;;) {
        if (pos_ >= text_.size())
            fail("unterminated string");
        const char c = text_[pos_];
        if (c == '"') {
            ++pos_;
            return out;
        }
        if (static_cast<unsigned char>(c) < 0x20)
            fail("control character in a string");
        if (c != '\\') {
            out += c;
            ++pos_;
            continue;
        }
        ++pos_;
        const char e = peek();
        ++pos_;
        switch (e) {
        case '"': out += '"'; break;
        case '\\': out += '\\'; break;
        case '/': out += '/'; break;
        case 'b': out += '\b'; break;
        case 'f': out += '\f'; break;
        case 'n': out += '\n'; break;
        case 'r': out += '\r'; break;
        case 't': out += '\t'; break;
        case 'u': {
            unsigned cp = hex4();
            if (cp >= 0xDC00 && cp <= 0xDFFF)
                fail("lone low surrogate in \\u escape");
            if (cp >= 0xD800 && cp <= 0xDBFF) {
                if (text_.substr(pos_, 2) != "\\u")
                    fail("high surrogate without its low surrogate");
                pos_ += 2;
                const unsigned low = hex4();
                if (low < 0xDC00 || low > 0xDFFF)
                    fail("high surrogate without its low surrogate");
                cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
            }
            appendUtf8(out, cp);
            break;
        }
        default: --pos_; fail("bad escape in a string");
        }
    }
}

JsonValue JsonReader::number()
{
    const std::size_t start = pos_;
    auto digits = [this] {
        const std::size_t from = pos_;
        while (peek() >= '0' && peek() <= '9')
            ++pos_;
        return pos_ - from;
    };
    if (peek() == '-')
        ++pos_;
    if (peek() == '0') {
        ++pos_;
        if (peek() >= '0' && peek() <= '9')
            fail("leading zero in a number");
    } else if (digits() == 0) {
        fail("unexpected character");
    }
    if (peek() == '.') {
        ++pos_;
        if (digits() == 0)
            fail("digits expected after '.'");
    }
    if (peek() == 'e' || peek() == 'E') {
        ++pos_;
        if (peek() == '+' || peek() == '-')
            ++pos_;
        if (digits() == 0)
            fail("digits expected in the exponent");
    }
    double v = 0;
    const auto r = std::from_chars(text_.data() + start, text_.data() + pos_, v);
    if (r.ec != std::errc() || !std::isfinite(v)) {
        pos_ = start;
        fail("number out of range");
    }
    return JsonValue(v);
}

} // namespace latentset
