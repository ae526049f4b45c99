#include "latentset/experiments/ImageAttackSettings.h"

#include "latentset/util/Error.h"

#include <cmath>

namespace latentset {

void ImageAttackSettings::validate() const
{
    if (!(eps >= 0) || !std::isfinite(eps))
        throw Error("image attack settings: eps must be finite and >= 0");
    if (attack != "fgsm" && attack != "pgd" && attack != "ddn" && attack != "boundary")
        throw Error("image attack settings: unknown attack '" + attack + "' (fgsm, pgd, ddn, boundary)");
    if (target != "set" && target != "mlp")
        throw Error("image attack settings: the attacked model is 'set' or 'mlp'");
    if (setDecision != "sse" && setDecision != "eq4" && setDecision != "eq5")
        throw Error("image attack settings: the set decision is sse, eq4 or eq5");
    if (pgdSteps < 1 || pgdRestarts < 1 || ddnSteps < 1 || boundarySteps < 0)
        throw Error("image attack settings: steps and restarts must be positive");
}

JsonValue ImageAttackSettings::toJson() const
{
    JsonValue j = JsonValue::object();
    j.set("norm", attackNormName(norm));
    j.set("eps", eps);
    j.set("attack", attack);
    j.set("target", target);
    j.set("set_decision", setDecision);
    j.set("pgd_steps", pgdSteps);
    j.set("pgd_restarts", pgdRestarts);
    j.set("ddn_steps", ddnSteps);
    j.set("boundary_steps", boundarySteps);
    j.set("seed", double(seed));
    return j;
}

ImageAttackSettings ImageAttackSettings::fromJson(const JsonValue& j)
{
    const ImageAttackSettings d;
    ImageAttackSettings s;
    j.asObject();
    s.norm = parseAttackNorm(j.string("norm", attackNormName(d.norm)));
    s.eps = j.number("eps", d.eps, 0, 1e6);
    s.attack = j.oneOf("attack", d.attack, {"fgsm", "pgd", "ddn", "boundary"});
    s.target = j.oneOf("target", d.target, {"set", "mlp"});
    s.setDecision = j.oneOf("set_decision", d.setDecision, {"sse", "eq4", "eq5"});
    s.pgdSteps = int(j.integer("pgd_steps", d.pgdSteps, 1, 100000));
    s.pgdRestarts = int(j.integer("pgd_restarts", d.pgdRestarts, 1, 1000));
    s.ddnSteps = int(j.integer("ddn_steps", d.ddnSteps, 1, 100000));
    s.boundarySteps = int(j.integer("boundary_steps", d.boundarySteps, 0, 1'000'000));
    s.seed = std::uint64_t(j.integer("seed", std::int64_t(d.seed), 0, std::int64_t(1) << 53));
    s.validate();
    return s;
}

} // namespace latentset
