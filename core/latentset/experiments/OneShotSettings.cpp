#include "latentset/experiments/OneShotSettings.h"

#include "latentset/util/Error.h"

namespace latentset {

void OneShotSettings::validate() const
{
    if (pairs < 0)
        throw Error("--pairs must be a count >= 0");
    if (glyphA.empty() || glyphB.empty())
        throw Error("one-shot settings: glyphs A and B must be named");
}

JsonValue OneShotSettings::toJson() const
{
    JsonValue j = JsonValue::object();
    j.set("model", model);
    j.set("a", glyphA);
    j.set("b", glyphB);
    j.set("source", source);
    j.set("pairs", pairs);
    j.set("seed", double(seed));
    return j;
}

OneShotSettings OneShotSettings::fromJson(const JsonValue& j)
{
    const OneShotSettings d;
    OneShotSettings s;
    j.asObject();
    s.model = j.string("model", d.model);
    s.glyphA = j.string("a", d.glyphA);
    s.glyphB = j.string("b", d.glyphB);
    s.source = int(j.integer("source", d.source, 0, 100000));
    s.pairs = int(j.integer("pairs", d.pairs, 0, 100000));
    s.seed = std::uint64_t(j.integer("seed", std::int64_t(d.seed), 0, std::int64_t(1) << 53));
    s.validate();
    return s;
}

} // namespace latentset
