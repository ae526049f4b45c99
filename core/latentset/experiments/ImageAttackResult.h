#pragma once
// What ImageAttackExperiment found on one image (a value; no Qt). Pixels in
// [0, 1]; distances in pixel units (L2 over all pixels); scores as the
// set's decision rule gives them (sse: minus the squared error; eq. 4/5:
// log p); margins = score(label) - max over the other classes (< 0: the
// decision is not the label).
#include "latentset/util/Types.h"

#include <Eigen/Core>
#include <limits>
#include <string>

namespace latentset {

struct ImageAttackResult {
    struct Decision {
        bool present = false; // false: that model is not there (no MLP)
        std::string rule;     // DecisionModel::name()
        int clean = -1, adversarial = -1;
        double cleanMargin = 0, adversarialMargin = 0;
    };

    std::string attack, attackedModel; // settings' attack; DecisionModel::name() of the attacked model
    int label = -1;                    // the class the margins refer to
    bool labelFromModel = false;       // no true label (a drawn glyph): the attacked model's clean decision
    Vector clean, adversarial;         // n pixels each; adversarial == clean where the attack found nothing
    double l2 = 0, linf = 0;           // |adversarial - clean|
    bool fooled = false;               // the attacked model's decision on `adversarial` is not `label`
    bool withinEps = true;             // the distance under the chosen norm is <= eps (DDN, boundary: may not be)
    Decision set, mlp;
    Eigen::VectorXd setScoresClean, setScoresAdversarial; // the set's rule, one entry per class
    // The set's anomaly score: eq. 4's -max log p with a likelihood model,
    // else the smallest squared error over the members; larger = more anomalous.
    std::string anomalyScore;
    double anomalyClean = 0, anomalyAdversarial = 0;
    double anomalyThreshold = std::numeric_limits<double>::quiet_NaN(); // the likelihood model's, if chosen
    long long calls = 0;               // calls of the attacked model (scores or gradients, one image each)
    double seconds = 0;
    bool stopped = false;              // Cancel: adversarial == clean
};

} // namespace latentset
