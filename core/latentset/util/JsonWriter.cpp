#include "latentset/util/JsonWriter.h"

#include "latentset/util/Error.h"

#include <charconv>
#include <cmath>

namespace latentset {

std::string JsonWriter::write(const JsonValue& value, bool indented)
{
    std::string out;
    append(out, value, indented, 0);
    return out;
}

void JsonWriter::appendNumber(std::string& out, double n)
{
    if (!std::isfinite(n))
        throw Error("JSON cannot hold the number " + std::to_string(n));
    char buffer[64];
    std::to_chars_result r{};
    if (std::floor(n) == n && std::fabs(n) <= 9007199254740992.0)
        r = std::to_chars(buffer, buffer + sizeof buffer, static_cast<long long>(n));
    else
        r = std::to_chars(buffer, buffer + sizeof buffer, n); // shortest round-trip form
    out.append(buffer, r.ptr);
}

void JsonWriter::appendString(std::string& out, const std::string& s)
{
    static const char* hex = "0123456789abcdef";
    out += '"';
    for (const char c : s) {
        switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        default:
            if (static_cast<unsigned char>(c) < 0x20) {
                out += "\\u00";
                out += hex[(c >> 4) & 0xF];
                out += hex[c & 0xF];
            } else {
                out += c;
            }
        }
    }
    out += '"';
}

void JsonWriter::append(std::string& out, const JsonValue& v, bool indented, int level)
{
    const auto newline = [&](int l) {
        if (indented) {
            out += '\n';
            out.append(std::size_t(2 * l), ' ');
        }
    };
    switch (v.kind()) {
    case JsonValue::Kind::Null: out += "null"; return;
    case JsonValue::Kind::Bool: out += v.asBool() ? "true" : "false"; return;
    case JsonValue::Kind::Number: appendNumber(out, v.asNumber()); return;
    case JsonValue::Kind::String: appendString(out, v.asString()); return;
    case JsonValue::Kind::Array: {
        out += '[';
        bool first = true;
        for (const auto& e : v.asArray()) {
            if (!first)
                out += ',';
            first = false;
            newline(level + 1);
            append(out, e, indented, level + 1);
        }
        if (!first)
            newline(level);
        out += ']';
        return;
    }
    case JsonValue::Kind::Object: {
        out += '{';
        bool first = true;
        for (const auto& [key, e] : v.asObject()) {
            if (!first)
                out += ',';
            first = false;
            newline(level + 1);
            appendString(out, key);
            out += indented ? ": " : ":";
            append(out, e, indented, level + 1);
        }
        if (!first)
            newline(level);
        out += '}';
        return;
    }
    }
}

} // namespace latentset
