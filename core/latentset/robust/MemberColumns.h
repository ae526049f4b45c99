#pragma once
// Which images each member of a set must be differentiated on for a margin
// gradient: for every column b of a score matrix (members x B), the true
// class y_b enters the margin with sign +1 and the best other class with
// sign -1. Shared by the set's DecisionModels.
#include "latentset/util/Types.h"

#include <Eigen/Core>
#include <functional>
#include <vector>

namespace latentset {

class ThreadPool;

class MemberColumns {
public:
    struct Entry {
        Index column; // image index in the batch
        double sign;  // +1 true class, -1 best other class
    };

    // Fills `margins` (B) as DecisionModel::margin does. Throws Error for
    // labels out of range or of the wrong count.
    MemberColumns(const Eigen::MatrixXd& scores, const std::vector<int>& labels, Eigen::VectorXd& margins);

    const std::vector<Entry>& columnsOf(int member) const { return columns_[std::size_t(member)]; }

    // The margin's gradient with respect to X (n x B): every member with
    // columns is differentiated on its images only, `scoreGradient(c, Xc)`
    // returning d score_c / d Xc (n x |Xc|), members in parallel on `pool`
    // (inline when null); the parts are summed into their columns with the
    // entry's sign times `weight(c)`.
    using ScoreGradient = std::function<Matrix(int member, const Matrix& images)>;
    Matrix gradient(const Matrix& X, const ScoreGradient& scoreGradient, const std::function<double(int)>& weight,
                    ThreadPool* pool) const;

private:
    std::vector<std::vector<Entry>> columns_;
};

} // namespace latentset
