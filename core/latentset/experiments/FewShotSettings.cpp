#include "latentset/experiments/FewShotSettings.h"

#include "latentset/experiments/ClassSetExperimentSettings.h"
#include "latentset/util/Error.h"

namespace latentset {

void FewShotSettings::validate() const
{
    auto require = [](bool ok, const char* what) {
        if (!ok)
            throw Error(std::string("few-shot settings: ") + what);
    };
    require(!sizes.empty(), "at least one size");
    for (Index n : sizes)
        require(n >= 0, "sizes must be >= 0 (0 = all)");
    require(seeds >= 1 && seeds <= 1000, "seeds must be in 1..1000");
    require(steps >= 1 && steps <= 10'000'000, "steps must be in 1..10^7");
    require(memberBatch >= 1 && mlpBatch >= 1, "batch sizes must be >= 1");
    require(learningRate > 0, "the learning rate must be > 0");
    require(!model.hiddenSizes.empty() && model.latentSize >= 1 && mlpHidden >= 1, "the models need hidden layers");
    require(testLimit >= 0, "the test limit must be >= 0");
}

JsonValue FewShotSettings::toJson() const
{
    JsonValue j = JsonValue::object();
    j.set("dataset", dataset);
    JsonValue list = JsonValue::array();
    for (Index n : sizes)
        list.push(JsonValue(n));
    j.set("sizes", std::move(list));
    j.set("seeds", seeds);
    j.set("first_seed", double(firstSeed));
    j.set("steps", steps);
    j.set("member_batch", memberBatch);
    j.set("mlp_batch", mlpBatch);
    j.set("learning_rate", double(learningRate));
    j.set("model", autoencoderShapeToJson(model));
    j.set("mlp_hidden", mlpHidden);
    j.set("test_limit", testLimit);
    j.set("threads", threads);
    return j;
}

FewShotSettings FewShotSettings::fromJson(const JsonValue& j)
{
    const FewShotSettings d;
    FewShotSettings s;
    j.asObject();
    s.dataset = j.string("dataset", d.dataset);
    if (const JsonValue* list = j.find("sizes")) {
        s.sizes.clear();
        for (const JsonValue& v : list->asArray()) {
            const double n = v.asNumber();
            if (!(n >= 0 && n <= 1e9) || Index(n) != n)
                throw Error("key 'sizes': integers in 0..10^9");
            s.sizes.push_back(Index(n));
        }
    }
    s.seeds = int(j.integer("seeds", d.seeds, 1, 1000));
    s.firstSeed = std::uint64_t(j.integer("first_seed", std::int64_t(d.firstSeed), 0, std::int64_t(1) << 53));
    s.steps = j.integer("steps", d.steps, 1, 10'000'000);
    s.memberBatch = j.integer("member_batch", d.memberBatch, 1, 65536);
    s.mlpBatch = j.integer("mlp_batch", d.mlpBatch, 1, 65536);
    s.learningRate = j.floatNumber("learning_rate", d.learningRate, 1e-9f, 10.0f);
    if (const JsonValue* m = j.find("model"))
        s.model = autoencoderShapeFromJson(*m, d.model);
    s.mlpHidden = j.integer("mlp_hidden", d.mlpHidden, 1, 65536);
    s.testLimit = j.integer("test_limit", d.testLimit, 0, std::int64_t(1) << 40);
    s.threads = unsigned(j.integer("threads", d.threads, 0, 256));
    s.validate();
    return s;
}

} // namespace latentset
