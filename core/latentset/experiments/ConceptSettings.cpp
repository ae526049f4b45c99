#include "latentset/experiments/ConceptSettings.h"

#include "latentset/experiments/LevelTwoSettingsJson.h"
#include "latentset/util/Error.h"

namespace latentset {

void ConceptExperimentSettings::validate() const
{
    if (digit < 0 || digit > 9 || cubes < 0 || heldOut < 10 || level2.epochs < 1 || level2.restarts < 1
        || level2.hiddenSizes.empty())
        throw Error("concept settings: digit 0..9, cubes >= 0, held-out >= 10, epochs and restarts >= 1, "
                    "at least one hidden layer");
}

JsonValue ConceptExperimentSettings::toJson() const
{
    JsonValue j = JsonValue::object();
    j.set("model", model);
    j.set("digit", digit);
    j.set("cubes", cubes);
    j.set("held_out", heldOut);
    LevelTwoSettingsJson::write(j, level2, "seed");
    j.set("value", ContextMapOptions::name(map.value));
    j.set("smooth", map.poseSmoothingDeg);
    j.set("centre", map.centreKinds);
    return j;
}

ConceptExperimentSettings ConceptExperimentSettings::fromJson(const JsonValue& j)
{
    const ConceptExperimentSettings d;
    ConceptExperimentSettings s;
    j.asObject();
    s.model = j.string("model", d.model);
    s.digit = int(j.integer("digit", d.digit, 0, 9));
    s.cubes = int(j.integer("cubes", d.cubes, 0, 1000000));
    s.heldOut = int(j.integer("held_out", d.heldOut, 10, 100000));
    s.level2 = LevelTwoSettingsJson::read(j, d.level2, "seed");
    s.map.value = ContextMapOptions::parse(j.string("value", ContextMapOptions::name(d.map.value)));
    s.map.poseSmoothingDeg = j.number("smooth", d.map.poseSmoothingDeg, 0, 90);
    s.map.centreKinds = j.boolean("centre", d.map.centreKinds);
    s.validate();
    return s;
}

} // namespace latentset
