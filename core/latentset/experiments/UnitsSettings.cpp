#include "latentset/experiments/UnitsSettings.h"

#include "latentset/util/Error.h"

#include <cmath>

namespace latentset {

std::vector<float> UnitsSettings::offsets() const
{
    std::vector<float> o(std::size_t(steps > 0 ? steps : 0));
    const int half = steps / 2;
    for (int s = 0; s < steps; ++s)
        o[std::size_t(s)] = half > 0 ? step * float(s - half) / float(half) : 0.0f;
    return o;
}

void UnitsSettings::validate() const
{
    if (member < 0)
        throw Error("units settings: the member index must be 0 or more");
    if (!(step > 0) || !std::isfinite(step) || step > 1e4f)
        throw Error("units settings: the step must be in (0, 10000]");
    if (steps < 3 || steps > 15 || steps % 2 == 0)
        throw Error("units settings: steps must be odd, 3..15");
}

const char* UnitsSettings::orderName(Order order)
{
    switch (order) {
    case Order::Index: return "index";
    case Order::Norm: return "norm";
    case Order::Activation: return "activation";
    }
    return "norm";
}

UnitsSettings::Order UnitsSettings::parseOrder(const std::string& name)
{
    for (Order o : {Order::Index, Order::Norm, Order::Activation})
        if (name == orderName(o))
            return o;
    throw Error("unknown order '" + name + "' (index, norm or activation)");
}

JsonValue UnitsSettings::toJson() const
{
    JsonValue j = JsonValue::object();
    j.set("member", member);
    j.set("sort", orderName(order));
    j.set("step", double(step));
    j.set("steps", steps);
    j.set("per_tile_scale", perTileScale);
    j.set("decoder", decoderFilters);
    j.set("sweep_change", sweepChange);
    return j;
}

UnitsSettings UnitsSettings::fromJson(const JsonValue& j)
{
    const UnitsSettings d;
    UnitsSettings s;
    j.asObject();
    s.member = int(j.integer("member", d.member, 0, 1 << 20));
    s.order = parseOrder(j.oneOf("sort", orderName(d.order), {"index", "norm", "activation"}));
    s.step = j.floatNumber("step", d.step, 1e-6f, 1e4f);
    s.steps = int(j.integer("steps", d.steps, 3, 15));
    s.perTileScale = j.boolean("per_tile_scale", d.perTileScale);
    s.decoderFilters = j.boolean("decoder", d.decoderFilters);
    s.sweepChange = j.boolean("sweep_change", d.sweepChange);
    s.validate();
    return s;
}

} // namespace latentset
