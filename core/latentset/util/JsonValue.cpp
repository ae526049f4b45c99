#include "latentset/util/JsonValue.h"

#include "latentset/util/Error.h"

#include <cmath>

namespace latentset {

namespace {

[[noreturn]] void mismatch(JsonValue::Kind expected, JsonValue::Kind got)
{
    throw Error(std::string("expected ") + JsonValue::kindName(expected) + ", got " + JsonValue::kindName(got));
}

std::string keyPrefix(const std::string& key) { return "key '" + key + "': "; }

} // namespace

const char* JsonValue::kindName(Kind kind)
{
    switch (kind) {
    case Kind::Null: return "null";
    case Kind::Bool: return "a boolean";
    case Kind::Number: return "a number";
    case Kind::String: return "a string";
    case Kind::Array: return "an array";
    case Kind::Object: return "an object";
    }
    return "?";
}

bool JsonValue::asBool() const
{
    if (kind_ != Kind::Bool)
        mismatch(Kind::Bool, kind_);
    return bool_;
}

double JsonValue::asNumber() const
{
    if (kind_ != Kind::Number)
        mismatch(Kind::Number, kind_);
    return number_;
}

const std::string& JsonValue::asString() const
{
    if (kind_ != Kind::String)
        mismatch(Kind::String, kind_);
    return string_;
}

const JsonValue::Array& JsonValue::asArray() const
{
    if (kind_ != Kind::Array)
        mismatch(Kind::Array, kind_);
    return array_;
}

const JsonValue::Object& JsonValue::asObject() const
{
    if (kind_ != Kind::Object)
        mismatch(Kind::Object, kind_);
    return object_;
}

JsonValue& JsonValue::set(const std::string& key, JsonValue value)
{
    if (kind_ != Kind::Object)
        mismatch(Kind::Object, kind_);
    for (auto& m : object_)
        if (m.first == key) {
            m.second = std::move(value);
            return *this;
        }
    object_.emplace_back(key, std::move(value));
    return *this;
}

const JsonValue* JsonValue::find(const std::string& key) const
{
    for (const auto& m : asObject())
        if (m.first == key)
            return &m.second;
    return nullptr;
}

void JsonValue::push(JsonValue value)
{
    if (kind_ != Kind::Array)
        mismatch(Kind::Array, kind_);
    array_.push_back(std::move(value));
}

const JsonValue* JsonValue::member(const std::string& key, Kind expected) const
{
    const JsonValue* v = find(key);
    if (v && v->kind_ != expected)
        throw Error(keyPrefix(key) + "expected " + kindName(expected) + ", got " + kindName(v->kind_));
    return v;
}

bool JsonValue::boolean(const std::string& key, bool fallback) const
{
    const JsonValue* v = member(key, Kind::Bool);
    return v ? v->bool_ : fallback;
}

double JsonValue::number(const std::string& key, double fallback, double lo, double hi) const
{
    const JsonValue* v = member(key, Kind::Number);
    if (!v)
        return fallback;
    if (!(v->number_ >= lo && v->number_ <= hi))
        throw Error(keyPrefix(key) + std::to_string(v->number_) + " is outside [" + std::to_string(lo) + ", "
                    + std::to_string(hi) + "]");
    return v->number_;
}

float JsonValue::floatNumber(const std::string& key, float fallback, float lo, float hi) const
{
    const JsonValue* v = member(key, Kind::Number);
    if (!v)
        return fallback;
    const float f = float(v->number_);
    if (!(f >= lo && f <= hi))
        throw Error(keyPrefix(key) + std::to_string(v->number_) + " is outside [" + std::to_string(lo) + ", "
                    + std::to_string(hi) + "]");
    return f;
}

std::int64_t JsonValue::integer(const std::string& key, std::int64_t fallback, std::int64_t lo, std::int64_t hi) const
{
    const JsonValue* v = member(key, Kind::Number);
    if (!v)
        return fallback;
    const double n = v->number_;
    if (!(n >= double(lo) && n <= double(hi)) || std::floor(n) != n)
        throw Error(keyPrefix(key) + "expected an integer in [" + std::to_string(lo) + ", " + std::to_string(hi)
                    + "], got " + std::to_string(n));
    return std::int64_t(n);
}

std::string JsonValue::string(const std::string& key, const std::string& fallback) const
{
    const JsonValue* v = member(key, Kind::String);
    return v ? v->string_ : fallback;
}

std::string JsonValue::oneOf(const std::string& key, const std::string& fallback,
                             const std::vector<std::string>& allowed) const
{
    const std::string s = string(key, fallback);
    for (const auto& a : allowed)
        if (a == s)
            return s;
    std::string list;
    for (const auto& a : allowed)
        list += (list.empty() ? "" : ", ") + a;
    throw Error(keyPrefix(key) + "'" + s + "' is not one of " + list);
}

bool JsonValue::operator==(const JsonValue& o) const
{
    if (kind_ != o.kind_)
        return false;
    switch (kind_) {
    case Kind::Null: return true;
    case Kind::Bool: return bool_ == o.bool_;
    case Kind::Number: return number_ == o.number_;
    case Kind::String: return string_ == o.string_;
    case Kind::Array: return array_ == o.array_;
    case Kind::Object: return object_ == o.object_;
    }
    return false;
}

} // namespace latentset
