#include "latentset/experiments/WorldOneShotSettings.h"

#include "latentset/util/Error.h"

namespace latentset {

void WorldOneShotSettings::validate() const
{
    if (source < 0 || pairs < 0 || pairs > 10000)
        throw Error("one-shot settings: source must be >= 0 and pairs in 0..10000");
    if (glyphA.empty() || glyphB.empty())
        throw Error("one-shot settings: glyphs A and B must be named");
}

JsonValue WorldOneShotSettings::toJson() const
{
    JsonValue j = JsonValue::object();
    j.set("model", model);
    j.set("glyph_a", glyphA);
    j.set("glyph_b", glyphB);
    j.set("source", source);
    j.set("pairs", pairs);
    j.set("seed", double(seed));
    JsonValue words = JsonValue::array();
    for (const std::string& w : pairWords)
        words.push(w);
    j.set("pair_words", words);
    return j;
}

WorldOneShotSettings WorldOneShotSettings::fromJson(const JsonValue& j)
{
    const WorldOneShotSettings d;
    WorldOneShotSettings s;
    j.asObject();
    s.model = j.string("model", d.model);
    s.glyphA = j.string("glyph_a", d.glyphA);
    s.glyphB = j.string("glyph_b", d.glyphB);
    s.source = int(j.integer("source", d.source, 0, 1 << 20));
    s.pairs = int(j.integer("pairs", d.pairs, 0, 10000));
    s.seed = std::uint64_t(j.integer("seed", std::int64_t(d.seed), 0, std::int64_t(1) << 53));
    if (const JsonValue* w = j.find("pair_words"))
        for (const JsonValue& word : w->asArray())
            s.pairWords.push_back(word.asString());
    s.validate();
    return s;
}

} // namespace latentset
