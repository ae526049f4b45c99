#include "latentset/experiments/WorldConceptSettings.h"

#include "latentset/experiments/LevelTwoSettingsJson.h"
#include "latentset/util/Error.h"

namespace latentset {

void WorldConceptSettings::validate() const
{
    if (samples < 10 || samples > 1000000 || heldOut < 10 || heldOut > 100000)
        throw Error("world concept settings: samples must be in 10..1000000 and held-out in 10..100000");
    if (units < 0 || units > 16 || neighbours < 1 || neighbours > 1000)
        throw Error("world concept settings: units must be in 0..16 (0: one per degree of freedom), "
                    "neighbours in 1..1000");
    if (level2.epochs < 1 || level2.restarts < 1 || level2.batchSize < 1 || level2.hiddenSizes.empty()
        || !(level2.learningRate > 0))
        throw Error("world concept settings: epochs, restarts, batch and learning rate must be positive, "
                    "with at least one hidden layer");
}

JsonValue WorldConceptSettings::toJson() const
{
    JsonValue j = JsonValue::object();
    j.set("model", model);
    j.set("samples", samples);
    j.set("held_out", heldOut);
    j.set("seed", double(seed));
    j.set("units", units);
    j.set("on_grid", onGrid);
    j.set("neighbours", neighbours);
    LevelTwoSettingsJson::write(j, level2, "level2_seed");
    return j;
}

WorldConceptSettings WorldConceptSettings::fromJson(const JsonValue& j)
{
    const WorldConceptSettings d;
    WorldConceptSettings s;
    j.asObject();
    s.model = j.string("model", d.model);
    s.samples = int(j.integer("samples", d.samples, 10, 1000000));
    s.heldOut = int(j.integer("held_out", d.heldOut, 10, 100000));
    s.seed = std::uint64_t(j.integer("seed", std::int64_t(d.seed), 0, std::int64_t(1) << 53));
    s.units = int(j.integer("units", d.units, 0, 16));
    s.onGrid = j.boolean("on_grid", d.onGrid);
    s.neighbours = int(j.integer("neighbours", d.neighbours, 1, 1000));
    s.level2 = LevelTwoSettingsJson::read(j, d.level2, "level2_seed");
    s.validate();
    return s;
}

} // namespace latentset
