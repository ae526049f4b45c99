#pragma once
// Settings of one attack on one image (ImageAttackExperiment): what the app's
// attack view runs when the user presses Run (docs/robustness.md "In the
// app"). A value type; the defaults are those of `latentset-cli attack`
// (AttackSettings) so one image in the view is attacked as the CLI attacks
// a thousand. JSON round trip as the other experiments' settings.
#include "latentset/robust/PerturbationBall.h"
#include "latentset/util/JsonValue.h"

#include <cstdint>
#include <string>

namespace latentset {

struct ImageAttackSettings {
    AttackNorm norm = AttackNorm::Linf;
    double eps = 0.1;               // the budget of FGSM and PGD; DDN and the boundary attack are
                                    // minimal-distortion attacks: eps only says whether what they
                                    // found lies within it
    std::string attack = "pgd";     // "fgsm", "pgd", "ddn", "boundary"
    std::string target = "set";     // the attacked model: "set" or "mlp"
    std::string setDecision = "sse"; // the set's rule: "sse", "eq4", "eq5" (eq4/eq5 need a likelihood model)
    int pgdSteps = 40;
    int pgdRestarts = 3;
    int ddnSteps = 100;
    int boundarySteps = 500;
    std::uint64_t seed = 1;

    // The largest eps the view's slider offers for a norm (the CLI's grids end there).
    static double maxEps(AttackNorm norm) { return norm == AttackNorm::Linf ? 0.3 : 3.0; }

    void validate() const; // throws latentset::Error
    JsonValue toJson() const;
    static ImageAttackSettings fromJson(const JsonValue& json);
    bool operator==(const ImageAttackSettings& other) const { return toJson() == other.toJson(); }
};

} // namespace latentset
