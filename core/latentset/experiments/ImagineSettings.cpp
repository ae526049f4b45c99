#include "latentset/experiments/ImagineSettings.h"

#include "latentset/util/Error.h"

namespace latentset {

void ImagineSettings::validate() const
{
    if (steps < 2 || steps > 200 || source < 0 || glyph.empty())
        throw Error("imagine settings: steps in 2..200, source >= 0, a glyph");
}

JsonValue ImagineSettings::toJson() const
{
    JsonValue j = JsonValue::object();
    j.set("model", model);
    j.set("glyph", glyph);
    j.set("source", source);
    j.set("steps", steps);
    return j;
}

ImagineSettings ImagineSettings::fromJson(const JsonValue& j)
{
    const ImagineSettings d;
    ImagineSettings s;
    j.asObject();
    s.model = j.string("model", d.model);
    s.glyph = j.string("glyph", d.glyph);
    s.source = int(j.integer("source", d.source, 0, 100000));
    s.steps = int(j.integer("steps", d.steps, 2, 200));
    s.validate();
    return s;
}

} // namespace latentset
