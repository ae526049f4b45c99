#pragma once
// Writes a JsonValue as JSON text: compact (one line, like the CLI's --json
// line) or indented by two spaces. Numbers: integers up to 2^53 exactly as
// integers, others in the shortest form that reads back to the same double
// (so write -> JsonReader::parse is a bit-exact round trip). NaN and
// infinities have no JSON form: they throw latentset::Error.
#include "latentset/util/JsonValue.h"

#include <string>

namespace latentset {

class JsonWriter {
public:
    static std::string write(const JsonValue& value, bool indented = false);

private:
    static void append(std::string& out, const JsonValue& value, bool indented, int level);
    static void appendString(std::string& out, const std::string& s);
    static void appendNumber(std::string& out, double n);
};

} // namespace latentset
