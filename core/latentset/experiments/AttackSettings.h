#pragma once
// Settings of the adversarial-robustness experiment (AttackExperiment): the
// class set against the MLP baseline on the same test images, the same
// attacks, the same eps grid (docs/robustness.md). A value type; the
// defaults are the recipe of the robustness report; JSON round trip as the
// other experiments' settings.
//
// Seed rule: `seed` seeds PGD's random restarts (seed + run) and the
// boundary attack's draws; nothing else is random.
#include "latentset/robust/PerturbationBall.h"
#include "latentset/util/JsonValue.h"
#include "latentset/util/Types.h"

#include <cstdint>
#include <string>
#include <vector>

namespace latentset {

struct AttackSettings {
    std::string model;                // a class-set file with its MLP (`latentset-cli mnist --save`)
    std::string dataset = "mnist";    // test split: the attacked images (its first `images`)
    Index images = 1000;
    std::vector<AttackNorm> norms{AttackNorm::Linf, AttackNorm::L2};
    std::vector<double> epsLinf{0, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3};
    std::vector<double> epsL2{0, 0.5, 1.0, 1.5, 2.0, 2.5, 3.0};
    // Any of "fgsm", "pgd", "ddn", "boundary".
    std::vector<std::string> attacks{"fgsm", "pgd", "ddn", "boundary"};
    // The set's decision under attack: "sse" (squared error, the paper's
    // 98.6 % rule), "eq4" or "eq5" (need the file's likelihood chunks,
    // `latentset-cli likelihood --save`).
    std::string setDecision = "sse";
    int pgdSteps = 40;
    int pgdRestarts = 3;
    int ddnSteps = 100;
    Index boundaryImages = 100;       // the boundary attack runs on the first N images only
    int boundarySteps = 500;
    Index chunk = 50;                 // images per attack call (progress and stop granularity)
    unsigned threads = 0;
    std::uint64_t seed = 1;

    const std::vector<double>& eps(AttackNorm norm) const { return norm == AttackNorm::Linf ? epsLinf : epsL2; }
    bool runs(const std::string& attack) const;

    void validate() const; // throws latentset::Error
    JsonValue toJson() const;
    static AttackSettings fromJson(const JsonValue& json);
    bool operator==(const AttackSettings& other) const { return toJson() == other.toJson(); }
};

} // namespace latentset
