#include "latentset/experiments/LatentMapSettings.h"

#include "latentset/util/Error.h"

namespace latentset {

void LatentMapSettings::validate() const
{
    if (method != "pca" && method != "tsne")
        throw Error("latent map settings: method must be pca or tsne, not '" + method + "'");
    if (points < 4 || points > kMaxPoints)
        throw Error("latent map settings: points must be in 4.." + std::to_string(kMaxPoints));
    if (member < -1)
        throw Error("latent map settings: member must be -1 (the best) or a member index");
    if (const std::string e = tsne.validate(); !e.empty())
        throw Error("latent map settings: " + e);
}

JsonValue LatentMapSettings::toJson() const
{
    JsonValue t = JsonValue::object();
    t.set("perplexity", tsne.perplexity);
    t.set("iterations", tsne.iterations);
    t.set("exaggeration_iterations", tsne.exaggerationIterations);
    t.set("exaggeration", tsne.exaggeration);
    t.set("learning_rate", tsne.learningRate);
    t.set("theta", tsne.theta);
    t.set("seed", double(tsne.seed));
    t.set("report_every", tsne.reportEvery);
    JsonValue j = JsonValue::object();
    j.set("model", model);
    j.set("method", method);
    j.set("points", points);
    j.set("member", member);
    j.set("tsne", std::move(t));
    return j;
}

LatentMapSettings LatentMapSettings::fromJson(const JsonValue& j)
{
    const LatentMapSettings d;
    LatentMapSettings s;
    j.asObject();
    s.model = j.string("model", d.model);
    s.method = j.oneOf("method", d.method, {"pca", "tsne"});
    s.points = int(j.integer("points", d.points, 4, kMaxPoints));
    s.member = int(j.integer("member", d.member, -1, 1 << 20));
    if (const JsonValue* t = j.find("tsne")) {
        t->asObject();
        const TsneSettings& dt = d.tsne;
        s.tsne.perplexity = t->number("perplexity", dt.perplexity, 1, 1000);
        s.tsne.iterations = int(t->integer("iterations", dt.iterations, 1, 100000));
        s.tsne.exaggerationIterations = int(t->integer("exaggeration_iterations", dt.exaggerationIterations, 0, 100000));
        s.tsne.exaggeration = t->number("exaggeration", dt.exaggeration, 1, 1000);
        s.tsne.learningRate = t->number("learning_rate", dt.learningRate, 0, 1e9);
        s.tsne.theta = t->number("theta", dt.theta, 0, 10);
        s.tsne.seed = std::uint64_t(t->integer("seed", std::int64_t(dt.seed), 0, std::int64_t(1) << 53));
        s.tsne.reportEvery = int(t->integer("report_every", dt.reportEvery, 1, 100000));
    }
    s.validate();
    return s;
}

} // namespace latentset
