#pragma once
// A JSON value for settings files and project JSON in the core (which has
// no Qt): null, bool, number (double), string (UTF-8), array, or object.
// Objects keep their keys in insertion order (so a written file reads in a
// stable, diff-friendly order); keys are unique (set() replaces).
//
// Reading is JsonReader (hardened: size and depth limits, clear errors);
// writing is JsonWriter. The typed getters below throw latentset::Error
// naming the key and what was expected, so a settings reader can say
// "settings.json: key 'epochs': expected a number, got a string".
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace latentset {

class JsonValue {
public:
    enum class Kind { Null, Bool, Number, String, Array, Object };
    using Array = std::vector<JsonValue>;
    using Member = std::pair<std::string, JsonValue>;
    using Object = std::vector<Member>;

    JsonValue() = default; // null
    JsonValue(std::nullptr_t) {}
    JsonValue(bool b) : kind_(Kind::Bool), bool_(b) {}
    JsonValue(double n) : kind_(Kind::Number), number_(n) {}
    JsonValue(int n) : JsonValue(double(n)) {}
    JsonValue(long n) : JsonValue(double(n)) {}
    JsonValue(long long n) : JsonValue(double(n)) {}
    JsonValue(unsigned n) : JsonValue(double(n)) {}
    JsonValue(unsigned long n) : JsonValue(double(n)) {}
    JsonValue(unsigned long long n) : JsonValue(double(n)) {}
    JsonValue(const char* s) : kind_(Kind::String), string_(s) {}
    JsonValue(std::string s) : kind_(Kind::String), string_(std::move(s)) {}
    JsonValue(Array a) : kind_(Kind::Array), array_(std::move(a)) {}
    static JsonValue object() { JsonValue v; v.kind_ = Kind::Object; return v; }
    static JsonValue array() { return JsonValue(Array{}); }

    Kind kind() const { return kind_; }
    static const char* kindName(Kind kind);
    bool isNull() const { return kind_ == Kind::Null; }
    bool isObject() const { return kind_ == Kind::Object; }
    bool isArray() const { return kind_ == Kind::Array; }

    // Throw Error("expected a <kind>, got a <kind>") on a kind mismatch.
    bool asBool() const;
    double asNumber() const;
    const std::string& asString() const;
    const Array& asArray() const;
    const Object& asObject() const;

    // Objects only (throws on another kind). set() replaces an existing key
    // in place, else appends; find() returns null when the key is absent.
    JsonValue& set(const std::string& key, JsonValue value);
    const JsonValue* find(const std::string& key) const;
    bool contains(const std::string& key) const { return find(key) != nullptr; }
    // Arrays only.
    void push(JsonValue value);

    // Typed reads of an object's member, the default when the key is absent.
    // A present key of the wrong kind, a number outside [lo, hi] or a
    // non-integer where an integer is asked for throws Error naming the key.
    bool boolean(const std::string& key, bool fallback) const;
    double number(const std::string& key, double fallback, double lo, double hi) const;
    // A float setting: the value rounded to float must lie in [lo, hi] (so a
    // float written as its double reads back, whatever its last bits).
    float floatNumber(const std::string& key, float fallback, float lo, float hi) const;
    std::int64_t integer(const std::string& key, std::int64_t fallback, std::int64_t lo, std::int64_t hi) const;
    std::string string(const std::string& key, const std::string& fallback) const;
    // One of `allowed`; anything else throws naming the key and the choices.
    std::string oneOf(const std::string& key, const std::string& fallback, const std::vector<std::string>& allowed) const;

    // Structural equality (numbers compared with ==, objects in key order).
    bool operator==(const JsonValue& other) const;
    bool operator!=(const JsonValue& other) const { return !(*this == other); }

private:
    const JsonValue* member(const std::string& key, Kind expected) const;

    Kind kind_ = Kind::Null;
    bool bool_ = false;
    double number_ = 0.0;
    std::string string_;
    Array array_;
    Object object_;
};

} // namespace latentset
