#pragma once
// What an AttackExperiment measured (a value; no Qt). Accuracies are
// fractions of the attacked images in [0, 1] that are classified correctly
// before AND after the attack; distances are in pixel units of [0, 1]
// images (L2 over 784 pixels for MNIST); times in seconds.
#include "latentset/robust/PerturbationBall.h"
#include "latentset/util/Types.h"

#include <limits>
#include <string>
#include <vector>

namespace latentset {

// One attack on one model under one norm: accuracy at each eps.
struct AttackCurve {
    std::string model;  // "set", "mlp"
    std::string attack; // "fgsm", "pgd", "ddn", "boundary"
    AttackNorm norm = AttackNorm::Linf;
    Index images = 0;   // images it ran on (the boundary attack: a subset)
    std::vector<double> accuracy; // per eps of the norm
};

// Per norm: the worst case over every attack, per image (an image counts as
// robust at eps only if no attack fooled it within eps), and which single
// attack was strongest (lowest accuracy; ties to the one listed first).
struct AttackNormResult {
    AttackNorm norm = AttackNorm::Linf;
    std::vector<double> eps;
    std::vector<double> setAccuracy, mlpAccuracy;
    std::vector<std::string> setStrongest, mlpStrongest;
    // AUROC of the set's anomaly score: clean correctly classified images
    // (normal) against the images the strongest attack at eps fooled the set
    // with (NaN where it fooled none, e.g. at eps = 0).
    std::vector<double> detectionAuroc;
    std::vector<Index> detectionAdversarials; // how many adversarial images that AUROC had
};

struct AttackResult {
    // Schott et al., ICLR 2019, MNIST accuracy at L2 eps = 1.5 / L-inf eps = 0.3.
    struct Published {
        const char* model;
        double l2At15, linfAt03;
    };
    static constexpr Published kPublished[] = {
        {"ABS (one VAE per class)", 0.80, 0.08},
        {"CNN", 0.08, 0.00},
        {"adversarially trained CNN (Madry et al.)", 0.35, 0.87},
        {"nearest neighbour", 0.53, 0.22},
    };

    // "data" / "model"
    std::string dataset;
    Index images = 0;
    std::string memberDescription;
    std::string setDecision;   // DecisionModel::name() of the attacked set rule
    std::string anomalyScore;  // "eq. 4 (-max log p)" or "squared error (min)"
    unsigned threads = 0;
    // "clean"
    double setClean = 0, mlpClean = 0;
    // "attacks"
    std::vector<AttackCurve> curves;
    std::vector<AttackNormResult> norms;
    // Median over the attacked images of the smallest adversarial L2 distance
    // DDN or the boundary attack found (0 for images wrong to begin with,
    // +inf where neither found one); NaN when neither ran.
    double setMedianL2 = std::numeric_limits<double>::quiet_NaN();
    double mlpMedianL2 = std::numeric_limits<double>::quiet_NaN();
    double seconds = 0;
    long long setQueries = 0, mlpQueries = 0;
    bool stopped = false;

    const AttackNormResult* ofNorm(AttackNorm norm) const
    {
        for (const AttackNormResult& r : norms)
            if (r.norm == norm)
                return &r;
        return nullptr;
    }
};

} // namespace latentset
