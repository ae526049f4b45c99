#include "latentset/experiments/MapsSettings.h"

#include "latentset/util/Error.h"

#include <cmath>

namespace latentset {

void MapsSettings::validate() const
{
    if (thetas.empty() || digits.size() < 2 || samples < 1 || samples > 1000 || !std::isfinite(offset))
        throw Error("maps settings: at least one angle and two digits, 1..1000 samples, a finite offset");
    for (int d : digits)
        if (d < 0 || d > 9)
            throw Error("maps settings: digits must be 0..9");
    if (!(map.poseSmoothingDeg >= 0) || map.poseSmoothingDeg > 90)
        throw Error("maps settings: pose smoothing must be in 0..90 degrees");
}

JsonValue MapsSettings::toJson() const
{
    JsonValue j = JsonValue::object();
    j.set("model", model);
    JsonValue t = JsonValue::array();
    for (double v : thetas)
        t.push(v);
    j.set("thetas", std::move(t));
    j.set("sweep", sweep);
    JsonValue d = JsonValue::array();
    for (int v : digits)
        d.push(v);
    j.set("digits", std::move(d));
    j.set("samples", samples);
    j.set("split", testSplit ? "test" : "train");
    j.set("value", ContextMapOptions::name(map.value));
    j.set("smooth", map.poseSmoothingDeg);
    j.set("centre", map.centreKinds);
    j.set("offset", offset);
    return j;
}

MapsSettings MapsSettings::fromJson(const JsonValue& j)
{
    const MapsSettings d;
    MapsSettings s;
    j.asObject();
    s.model = j.string("model", d.model);
    if (const JsonValue* t = j.find("thetas")) {
        s.thetas.clear();
        for (const JsonValue& v : t->asArray())
            s.thetas.push_back(v.asNumber());
    }
    s.sweep = j.boolean("sweep", d.sweep);
    if (const JsonValue* g = j.find("digits")) {
        s.digits.clear();
        for (const JsonValue& v : g->asArray()) {
            const double n = v.asNumber();
            if (!(n >= 0 && n <= 9) || int(n) != n)
                throw Error("key 'digits': digits must be integers 0..9");
            s.digits.push_back(int(n));
        }
    }
    s.samples = int(j.integer("samples", d.samples, 1, 1000));
    s.testSplit = j.oneOf("split", "test", {"test", "train"}) == "test";
    s.map.value = ContextMapOptions::parse(j.string("value", ContextMapOptions::name(d.map.value)));
    s.map.poseSmoothingDeg = j.number("smooth", d.map.poseSmoothingDeg, 0, 90);
    s.map.centreKinds = j.boolean("centre", d.map.centreKinds);
    s.offset = j.number("offset", d.offset, -1e6, 1e6);
    s.validate();
    return s;
}

} // namespace latentset
