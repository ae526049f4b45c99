#pragma once
// What one attack did to a batch of images (a value). Shapes: n x B images,
// B entries per image.
#include "latentset/util/Types.h"

#include <Eigen/Core>
#include <vector>

namespace latentset {

struct AttackOutcome {
    Matrix adversarial;       // the attack's image per column (the clean one where it found nothing)
    std::vector<bool> fooled; // the model's decision on `adversarial` is not the label
    Eigen::VectorXd l2;       // |adversarial - clean|_2 (0 where it found nothing)
    Eigen::VectorXd linf;     // |adversarial - clean|_inf
    long long queries = 0;    // model evaluations (images x calls), gradient calls included

    Index size() const { return Index(fooled.size()); }
    // Share of images NOT fooled (the accuracy under the attack, for images
    // that were all correctly classified to begin with).
    double survivingShare() const;
};

} // namespace latentset
