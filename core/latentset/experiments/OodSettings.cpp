#include "latentset/experiments/OodSettings.h"

#include "latentset/util/Error.h"

namespace latentset {

void OodSettings::validate() const
{
    if (dataset.empty() || out.empty())
        throw Error("ood settings: the normal and the outside set must be named");
    if (limit < 0)
        throw Error("ood settings: limit must be >= 0");
}

JsonValue OodSettings::toJson() const
{
    JsonValue j = JsonValue::object();
    j.set("model", model);
    j.set("dataset", dataset);
    j.set("out", out);
    j.set("limit", limit);
    j.set("threads", threads);
    j.set("seed", double(seed));
    return j;
}

OodSettings OodSettings::fromJson(const JsonValue& j)
{
    const OodSettings d;
    OodSettings s;
    j.asObject();
    s.model = j.string("model", d.model);
    s.dataset = j.string("dataset", d.dataset);
    s.out = j.string("out", d.out);
    s.limit = Index(j.integer("limit", d.limit, 0, 100'000'000));
    s.threads = unsigned(j.integer("threads", d.threads, 0, 1024));
    s.seed = std::uint64_t(j.integer("seed", std::int64_t(d.seed), 0, std::int64_t(1) << 53));
    s.validate();
    return s;
}

} // namespace latentset
