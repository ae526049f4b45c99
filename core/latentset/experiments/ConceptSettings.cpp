#include "latentset/experiments/ConceptSettings.h"

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
    JsonValue hidden = JsonValue::array();
    for (Index h : level2.hiddenSizes)
        hidden.push(JsonValue(h));
    j.set("hidden", std::move(hidden));
    j.set("epochs", level2.epochs);
    j.set("batch", level2.batchSize);
    j.set("learning_rate", double(level2.learningRate));
    j.set("seed", double(level2.seed));
    j.set("restarts", level2.restarts);
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
    if (const JsonValue* h = j.find("hidden")) {
        s.level2.hiddenSizes.clear();
        for (const JsonValue& v : h->asArray()) {
            const double n = v.asNumber();
            if (!(n >= 1 && n <= 65536) || Index(n) != n)
                throw Error("key 'hidden': sizes must be integers in 1..65536");
            s.level2.hiddenSizes.push_back(Index(n));
        }
    }
    s.level2.epochs = int(j.integer("epochs", d.level2.epochs, 1, 100000));
    s.level2.batchSize = int(j.integer("batch", d.level2.batchSize, 1, 65536));
    s.level2.learningRate = j.floatNumber("learning_rate", d.level2.learningRate, 1e-9f, 10.0f);
    s.level2.seed = std::uint64_t(j.integer("seed", std::int64_t(d.level2.seed), 0, std::int64_t(1) << 53));
    s.level2.restarts = int(j.integer("restarts", d.level2.restarts, 1, 100));
    s.map.value = ContextMapOptions::parse(j.string("value", ContextMapOptions::name(d.map.value)));
    s.map.poseSmoothingDeg = j.number("smooth", d.map.poseSmoothingDeg, 0, 90);
    s.map.centreKinds = j.boolean("centre", d.map.centreKinds);
    s.validate();
    return s;
}

} // namespace latentset
