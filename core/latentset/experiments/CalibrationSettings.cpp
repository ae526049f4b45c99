#include "latentset/experiments/CalibrationSettings.h"

#include "latentset/util/Error.h"

namespace latentset {

void CalibrationSettings::validate() const
{
    auto require = [](bool ok, const char* what) {
        if (!ok)
            throw Error(std::string("calibration settings: ") + what);
    };
    require(!model.empty(), "a model file is required");
    require(validation >= 10 && limit >= 0, "validation must be >= 10 and limit >= 0");
    require(bins >= 1 && bins <= 1000, "bins must be in 1..1000");
    require(likelihood.mixture.components >= 1, "components must be >= 1");
    require(blendPairs >= 0 && confusedPairs >= 0 && blendsPerConfusedPair >= 1,
            "blend pairs must be >= 0 and blends per confused pair >= 1");
}

JsonValue CalibrationSettings::toJson() const
{
    JsonValue j = JsonValue::object();
    j.set("model", model);
    j.set("dataset", dataset);
    j.set("validation", validation);
    j.set("limit", limit);
    j.set("bins", bins);
    j.set("components", likelihood.mixture.components);
    j.set("blend_pairs", blendPairs);
    j.set("confused_pairs", confusedPairs);
    j.set("blends_per_confused_pair", blendsPerConfusedPair);
    j.set("seed", double(seed));
    j.set("threads", threads);
    return j;
}

CalibrationSettings CalibrationSettings::fromJson(const JsonValue& j)
{
    const CalibrationSettings d;
    CalibrationSettings s;
    j.asObject();
    s.model = j.string("model", d.model);
    s.dataset = j.string("dataset", d.dataset);
    s.validation = j.integer("validation", d.validation, 10, std::int64_t(1) << 40);
    s.limit = j.integer("limit", d.limit, 0, std::int64_t(1) << 40);
    s.bins = int(j.integer("bins", d.bins, 1, 1000));
    s.likelihood.mixture.components = int(j.integer("components", d.likelihood.mixture.components, 1, 1024));
    s.blendPairs = j.integer("blend_pairs", d.blendPairs, 0, 1'000'000);
    s.confusedPairs = int(j.integer("confused_pairs", d.confusedPairs, 0, 1000));
    s.blendsPerConfusedPair = j.integer("blends_per_confused_pair", d.blendsPerConfusedPair, 1, 1'000'000);
    s.seed = std::uint64_t(j.integer("seed", std::int64_t(d.seed), 0, std::int64_t(1) << 53));
    s.threads = unsigned(j.integer("threads", d.threads, 0, 256));
    s.validate();
    return s;
}

} // namespace latentset
