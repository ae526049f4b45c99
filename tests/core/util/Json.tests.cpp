#include "latentset/util/Error.h"
#include "latentset/util/JsonReader.h"
#include "latentset/util/JsonWriter.h"

#include <catch2/catch.hpp>

#include <limits>
#include <string>

using namespace latentset;

namespace {

std::string failure(const std::string& text)
{
    try {
        JsonReader::parse(text, "t.json");
    } catch (const Error& e) {
        return e.what();
    }
    return "";
}

} // namespace

TEST_CASE("JsonReader parses every kind and JsonWriter writes it back", "[util][json]")
{
    const std::string text = R"({"a":1,"b":[true,false,null],"c":"x\"y\\z\n","d":-0.0025,"e":{}})";
    const JsonValue v = JsonReader::parse(text, "t.json");
    CHECK(v.number("a", 0, 0, 10) == 1);
    REQUIRE(v.find("b")->asArray().size() == 3);
    CHECK(v.find("b")->asArray()[0].asBool());
    CHECK(v.find("b")->asArray()[2].isNull());
    CHECK(v.string("c", "") == "x\"y\\z\n");
    CHECK(v.find("d")->asNumber() == Approx(-2.5e-3));
    CHECK(v.find("e")->isObject());
    CHECK(JsonWriter::write(v) == text);
    CHECK(JsonReader::parse(JsonWriter::write(v, true), "indented") == v);
}

TEST_CASE("JsonWriter numbers read back to the same double", "[util][json]")
{
    for (double x : {0.1, 1.0 / 3.0, 1e-300, 123456789.0, -0.001f * 1.0, 9007199254740992.0, 2e-3})
        CHECK(JsonReader::parse(JsonWriter::write(JsonValue(x)), "n").asNumber() == x);
    CHECK(JsonWriter::write(JsonValue(42)) == "42");
    CHECK_THROWS_AS(JsonWriter::write(JsonValue(std::numeric_limits<double>::quiet_NaN())), Error);
}

TEST_CASE("JsonReader joins surrogate pairs into UTF-8", "[util][json]")
{
    CHECK(JsonReader::parse(R"("\u00e9\ud83d\ude00")", "u").asString() == "\xc3\xa9\xf0\x9f\x98\x80");
    CHECK(failure(R"("\ud83d")").find("surrogate") != std::string::npos);
    CHECK(failure(R"("\ude00")").find("surrogate") != std::string::npos);
}

TEST_CASE("JsonReader refuses malformed text with line and column", "[util][json]")
{
    CHECK(failure("{\n  \"a\": 1,\n}") == "t.json: JSON error at line 3, column 1: expected a string key");
    CHECK(failure("[1,]").find("unexpected character") != std::string::npos);
    CHECK(failure("01").find("leading zero") != std::string::npos);
    CHECK(failure("1.").find("digits expected") != std::string::npos);
    CHECK(failure("NaN").find("unexpected character") != std::string::npos);
    CHECK(failure("1e999").find("out of range") != std::string::npos);
    CHECK(failure("\"a\tb\"").find("control character") != std::string::npos);
    CHECK(failure("\"abc").find("unterminated") != std::string::npos);
    CHECK(failure("{\"a\":1,\"a\":2}").find("duplicate key 'a'") != std::string::npos);
    CHECK(failure("{} x").find("after the value") != std::string::npos);
    CHECK(failure("").find("end of text") != std::string::npos);
    CHECK(failure("\"\\x\"").find("bad escape") != std::string::npos);
}

TEST_CASE("JsonReader bounds depth and size", "[util][json]")
{
    CHECK_NOTHROW(JsonReader::parse(std::string(64, '[') + std::string(64, ']'), "deep"));
    const std::string tooDeep = std::string(65, '[') + std::string(65, ']');
    CHECK(failure(tooDeep).find("nested deeper than 64") != std::string::npos);
    // Far deeper than any stack would survive unbounded: refused, not crashed.
    CHECK_THROWS_AS(JsonReader::parse(std::string(1 << 20, '['), "very deep"), Error);
    JsonReader::Limits small;
    small.maxBytes = 8;
    CHECK_THROWS_WITH(JsonReader::parse("[1,2,3,4,5]", "big", small), Catch::Contains("over the limit of 8"));
}

TEST_CASE("JsonValue typed reads name the key and the fault", "[util][json]")
{
    const JsonValue v = JsonReader::parse(R"({"n":2.5,"s":"x","i":3})", "t");
    CHECK(v.number("missing", 7, 0, 10) == 7);
    CHECK_THROWS_WITH(v.integer("n", 0, 0, 10), Catch::Contains("key 'n': expected an integer"));
    CHECK_THROWS_WITH(v.number("s", 0, 0, 10), Catch::Contains("key 's': expected a number, got a string"));
    CHECK_THROWS_WITH(v.integer("i", 0, 5, 10), Catch::Contains("key 'i'"));
    CHECK_THROWS_WITH(v.oneOf("s", "a", {"a", "b"}), Catch::Contains("'x' is not one of a, b"));
    CHECK_THROWS_AS(JsonValue(1.0).find("k"), Error);
}
