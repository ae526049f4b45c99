#pragma once
// Parses JSON text (RFC 8259) into a JsonValue. Hardened like every reader
// in LatentSet (docs/fuzzing.md): the text may come from any file.
//   * size: text longer than Limits::maxBytes is refused before parsing;
//   * depth: arrays/objects nested deeper than Limits::maxDepth are refused
//     (the parser recurses, so this bounds its stack);
//   * strict grammar: no comments, no trailing commas, no leading zeros, no
//     NaN/Infinity, no control characters in strings, valid \u escapes
//     (surrogate pairs joined, lone surrogates refused), no duplicate keys,
//     nothing after the value but whitespace.
// Every error throws latentset::Error "<what>: JSON error at line L, column C:
// <reason>", with `what` the caller's name for the text (a file name).
#include "latentset/util/JsonValue.h"

#include <cstddef>
#include <string>
#include <string_view>

namespace latentset {

class JsonReader {
public:
    struct Limits {
        std::size_t maxBytes = std::size_t(16) << 20;
        int maxDepth = 64;
    };

    static JsonValue parse(std::string_view text, const std::string& what);
    static JsonValue parse(std::string_view text, const std::string& what, Limits limits);

private:
    JsonReader(std::string_view text, std::string what, Limits limits);
    JsonValue value(int depth);
    JsonValue object(int depth);
    JsonValue array(int depth);
    std::string string();
    JsonValue number();
    unsigned hex4();
    void literal(std::string_view word);
    void skipSpace();
    char peek() const;
    [[noreturn]] void fail(const std::string& reason) const;

    std::string_view text_;
    std::string what_;
    Limits limits_;
    std::size_t pos_ = 0;
};

} // namespace latentset
