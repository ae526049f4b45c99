#include "latentset/experiments/CubeWorldSettings.h"

#include "latentset/util/Error.h"

#include <algorithm>

namespace latentset {

SharedLatentSettings CubeWorldSettings::recipe()
{
    SharedLatentSettings s;
    s.hidden = 128;
    s.latent = 16;
    s.batchSize = 32;
    s.crossPerSelf = 1;
    s.learningRate = 2e-3f;
    s.seed = 1;
    return s;
}

SharedLatentSettings CubeWorldSettings::taskSettings() const { return training.pacedFor(steps); }

std::size_t CubeWorldSettings::trainerEpochs() const { return SharedLatentSettings::trainerEpochsFor(steps); }

void CubeWorldSettings::validate() const
{
    auto require = [](bool ok, const char* what) {
        if (!ok)
            throw Error(std::string("cube-world settings: ") + what);
    };
    require(contexts >= 2 && contexts <= 10000, "contexts must be in 2..10000");
    require(steps >= 0, "steps must be >= 0");
    require(minutes >= 0, "minutes must be >= 0");
    require(evalDigits >= 1 && evalDigits <= 10000, "eval digits must be in 1..10000");
    training.validate();
}

JsonValue sharedLatentToJson(const SharedLatentSettings& s)
{
    JsonValue j = JsonValue::object();
    j.set("hidden", s.hidden);
    j.set("latent", s.latent);
    j.set("batch", s.batchSize);
    j.set("cross_per_self", s.crossPerSelf);
    j.set("learning_rate", double(s.learningRate));
    j.set("seed", double(s.seed));
    j.set("cycles_per_epoch", s.cyclesPerEpoch);
    return j;
}

SharedLatentSettings sharedLatentFromJson(const JsonValue& j, const SharedLatentSettings& d)
{
    SharedLatentSettings s;
    s.hidden = j.integer("hidden", d.hidden, 1, 8192);
    s.latent = j.integer("latent", d.latent, 1, 1024);
    s.batchSize = int(j.integer("batch", d.batchSize, 1, 4096));
    s.crossPerSelf = int(j.integer("cross_per_self", d.crossPerSelf, 0, 100));
    s.learningRate = j.floatNumber("learning_rate", d.learningRate, 1e-7f, 1.0f);
    s.seed = std::uint64_t(j.integer("seed", std::int64_t(d.seed), 0, std::int64_t(1) << 53));
    s.cyclesPerEpoch = int(j.integer("cycles_per_epoch", d.cyclesPerEpoch, 1, 1 << 30));
    return s;
}

JsonValue CubeWorldSettings::toJson() const
{
    JsonValue j = JsonValue::object();
    j.set("contexts", contexts);
    j.set("training", sharedLatentToJson(training));
    j.set("steps", steps);
    j.set("minutes", minutes);
    j.set("threads", threads);
    j.set("eval_digits", evalDigits);
    return j;
}

CubeWorldSettings CubeWorldSettings::fromJson(const JsonValue& j)
{
    const CubeWorldSettings d;
    CubeWorldSettings s;
    j.asObject();
    s.contexts = int(j.integer("contexts", d.contexts, 2, 10000));
    if (const JsonValue* t = j.find("training"))
        s.training = sharedLatentFromJson(*t, d.training);
    s.steps = j.integer("steps", d.steps, 0, std::int64_t(1) << 40);
    s.minutes = j.number("minutes", d.minutes, 0, 1e6);
    s.threads = unsigned(j.integer("threads", d.threads, 0, 256));
    s.evalDigits = int(j.integer("eval_digits", d.evalDigits, 1, 10000));
    s.validate();
    return s;
}

} // namespace latentset
