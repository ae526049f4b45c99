#pragma once
// The images an iterative attack is still working on: a compacted copy of
// the columns not yet fooled, their clean images and labels, and where each
// came from. Attacks shrink it as images fall, so the model is asked about
// fewer images every step. Shared by PgdAttack and DdnAttack.
#include "latentset/robust/AttackOutcome.h"
#include "latentset/util/Types.h"

#include <Eigen/Core>
#include <vector>

namespace latentset {

class AttackBatch {
public:
    // The columns of X0 listed in `columns`.
    AttackBatch(const Matrix& X0, const std::vector<int>& labels, const std::vector<Index>& columns);

    Index size() const { return Index(columns_.size()); }
    bool empty() const { return columns_.empty(); }
    Matrix current;              // the attack's images (n x size())
    Matrix clean;                // their clean images
    std::vector<int> labels;
    const std::vector<Index>& columns() const { return columns_; }

    // Keeps only the entries where keep[k] is true (current, clean, labels, columns).
    void keep(const std::vector<bool>& keep);

private:
    std::vector<Index> columns_;
};

} // namespace latentset
