#include "latentset/experiments/AttackSettings.h"

#include "latentset/util/Error.h"

#include <algorithm>
#include <cmath>

namespace latentset {

namespace {

const std::vector<std::string> kAttacks{"fgsm", "pgd", "ddn", "boundary"};

JsonValue numbers(const std::vector<double>& values)
{
    JsonValue a = JsonValue::array();
    for (double v : values)
        a.push(v);
    return a;
}

std::vector<double> readNumbers(const JsonValue& j, const std::string& key, const std::vector<double>& fallback)
{
    const JsonValue* a = j.find(key);
    if (!a)
        return fallback;
    std::vector<double> out;
    for (const JsonValue& v : a->asArray())
        out.push_back(v.asNumber());
    return out;
}

} // namespace

bool AttackSettings::runs(const std::string& attack) const
{
    return std::find(attacks.begin(), attacks.end(), attack) != attacks.end();
}

void AttackSettings::validate() const
{
    if (images < 1 || chunk < 1 || pgdSteps < 1 || pgdRestarts < 1 || ddnSteps < 1 || boundaryImages < 0 ||
        boundarySteps < 0)
        throw Error("attack settings: images, chunk, steps and restarts must be positive");
    if (norms.empty() || attacks.empty())
        throw Error("attack settings: at least one norm and one attack");
    for (const std::string& a : attacks)
        if (std::find(kAttacks.begin(), kAttacks.end(), a) == kAttacks.end())
            throw Error("attack settings: unknown attack '" + a + "' (fgsm, pgd, ddn, boundary)");
    for (const auto* list : {&epsLinf, &epsL2}) {
        if (list->empty())
            throw Error("attack settings: every norm needs at least one eps");
        for (double e : *list)
            if (!(e >= 0) || !std::isfinite(e))
                throw Error("attack settings: eps values must be finite and >= 0");
    }
    if (setDecision != "sse" && setDecision != "eq4" && setDecision != "eq5")
        throw Error("attack settings: the set decision is sse, eq4 or eq5");
}

JsonValue AttackSettings::toJson() const
{
    JsonValue j = JsonValue::object();
    j.set("model", model);
    j.set("dataset", dataset);
    j.set("images", images);
    JsonValue n = JsonValue::array();
    for (AttackNorm norm : norms)
        n.push(attackNormName(norm));
    j.set("norms", std::move(n));
    j.set("eps_linf", numbers(epsLinf));
    j.set("eps_l2", numbers(epsL2));
    JsonValue a = JsonValue::array();
    for (const std::string& attack : attacks)
        a.push(attack);
    j.set("attacks", std::move(a));
    j.set("set_decision", setDecision);
    j.set("pgd_steps", pgdSteps);
    j.set("pgd_restarts", pgdRestarts);
    j.set("ddn_steps", ddnSteps);
    j.set("boundary_images", boundaryImages);
    j.set("boundary_steps", boundarySteps);
    j.set("chunk", chunk);
    j.set("threads", threads);
    j.set("seed", double(seed));
    return j;
}

AttackSettings AttackSettings::fromJson(const JsonValue& j)
{
    const AttackSettings d;
    AttackSettings s;
    j.asObject();
    s.model = j.string("model", d.model);
    s.dataset = j.string("dataset", d.dataset);
    s.images = Index(j.integer("images", d.images, 1, 1'000'000));
    if (const JsonValue* n = j.find("norms")) {
        s.norms.clear();
        for (const JsonValue& v : n->asArray())
            s.norms.push_back(parseAttackNorm(v.asString()));
    }
    s.epsLinf = readNumbers(j, "eps_linf", d.epsLinf);
    s.epsL2 = readNumbers(j, "eps_l2", d.epsL2);
    if (const JsonValue* a = j.find("attacks")) {
        s.attacks.clear();
        for (const JsonValue& v : a->asArray())
            s.attacks.push_back(v.asString());
    }
    s.setDecision = j.oneOf("set_decision", d.setDecision, {"sse", "eq4", "eq5"});
    s.pgdSteps = int(j.integer("pgd_steps", d.pgdSteps, 1, 100000));
    s.pgdRestarts = int(j.integer("pgd_restarts", d.pgdRestarts, 1, 1000));
    s.ddnSteps = int(j.integer("ddn_steps", d.ddnSteps, 1, 100000));
    s.boundaryImages = Index(j.integer("boundary_images", d.boundaryImages, 0, 1'000'000));
    s.boundarySteps = int(j.integer("boundary_steps", d.boundarySteps, 0, 1'000'000));
    s.chunk = Index(j.integer("chunk", d.chunk, 1, 100000));
    s.threads = unsigned(j.integer("threads", d.threads, 0, 1024));
    s.seed = std::uint64_t(j.integer("seed", std::int64_t(d.seed), 0, std::int64_t(1) << 53));
    s.validate();
    return s;
}

} // namespace latentset
