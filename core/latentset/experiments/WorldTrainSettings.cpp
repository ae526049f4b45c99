#include "latentset/experiments/WorldTrainSettings.h"

#include "latentset/experiments/CubeWorldSettings.h"
#include "latentset/util/Error.h"

namespace latentset {

SharedLatentSettings WorldTrainSettings::recipe() { return CubeWorldSettings::recipe(); }

void WorldTrainSettings::validate() const
{
    auto require = [](bool ok, const char* what) {
        if (!ok)
            throw Error(std::string("world training settings: ") + what);
    };
    world.validate();
    require(steps >= 0, "steps must be >= 0");
    require(minutes >= 0, "minutes must be >= 0");
    require(evalItems >= 1 && evalItems <= 10000, "eval items must be in 1..10000");
    training.validate();
}

JsonValue WorldTrainSettings::toJson() const
{
    JsonValue j = JsonValue::object();
    j.set("world", world.toJson());
    j.set("training", sharedLatentToJson(training));
    j.set("steps", steps);
    j.set("minutes", minutes);
    j.set("threads", threads);
    j.set("eval_items", evalItems);
    return j;
}

WorldTrainSettings WorldTrainSettings::fromJson(const JsonValue& j)
{
    const WorldTrainSettings d;
    WorldTrainSettings s;
    j.asObject();
    if (const JsonValue* w = j.find("world"))
        s.world = WorldSpec::fromJson(*w);
    if (const JsonValue* t = j.find("training"))
        s.training = sharedLatentFromJson(*t, d.training);
    s.steps = j.integer("steps", d.steps, 0, std::int64_t(1) << 40);
    s.minutes = j.number("minutes", d.minutes, 0, 1e6);
    s.threads = unsigned(j.integer("threads", d.threads, 0, 256));
    s.evalItems = int(j.integer("eval_items", d.evalItems, 1, 10000));
    s.validate();
    return s;
}

} // namespace latentset
