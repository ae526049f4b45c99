#include "latentset/experiments/WorldEstimateSettings.h"

#include "latentset/util/Error.h"

namespace latentset {

void WorldEstimateSettings::validate() const
{
    if (items < 1 || items > 100000)
        throw Error("estimate settings: items must be in 1..100000");
}

JsonValue WorldEstimateSettings::toJson() const
{
    JsonValue j = JsonValue::object();
    j.set("model", model);
    j.set("items", items);
    j.set("seed", double(seed));
    j.set("on_grid", onGrid);
    return j;
}

WorldEstimateSettings WorldEstimateSettings::fromJson(const JsonValue& j)
{
    const WorldEstimateSettings d;
    WorldEstimateSettings s;
    j.asObject();
    s.model = j.string("model", d.model);
    s.items = int(j.integer("items", d.items, 1, 100000));
    s.seed = std::uint64_t(j.integer("seed", std::int64_t(d.seed), 0, std::int64_t(1) << 53));
    s.onGrid = j.boolean("on_grid", d.onGrid);
    s.validate();
    return s;
}

} // namespace latentset
