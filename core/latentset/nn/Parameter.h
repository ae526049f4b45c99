#pragma once
// One trainable tensor with everything the optimiser keeps about it, side by
// side: value, accumulated gradient, and Adam's first/second moments (the SGD
// momentum buffer reuses `m`). Biases are stored as n x 1 matrices.
//
// Keeping the state beside the parameter (not in a map keyed by addresses)
// means copying, saving or loading a model carries its optimiser state along.
#include "latentset/util/Types.h"

namespace latentset {

struct Parameter {
    Matrix value;
    Matrix grad; // same shape as value; zeroed by the owner before each step
    Matrix m;    // Adam first moment / SGD momentum
    Matrix v;    // Adam second moment

    void resize(Index rows, Index cols)
    {
        value.setZero(rows, cols);
        grad.setZero(rows, cols);
        m.setZero(rows, cols);
        v.setZero(rows, cols);
    }
    // Drops gradient and optimiser state (for read-only snapshots).
    void dropTrainingState()
    {
        grad.resize(0, 0);
        m.resize(0, 0);
        v.resize(0, 0);
    }
    bool hasTrainingState() const { return grad.size() == value.size(); }
    void ensureTrainingState()
    {
        if (grad.size() != value.size()) {
            grad.setZero(value.rows(), value.cols());
            m.setZero(value.rows(), value.cols());
            v.setZero(value.rows(), value.cols());
        }
    }
};

} // namespace latentset
