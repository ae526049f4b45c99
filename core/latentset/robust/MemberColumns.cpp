#include "latentset/robust/MemberColumns.h"

#include "latentset/robust/DecisionModel.h"
#include "latentset/util/Error.h"

namespace latentset {

MemberColumns::MemberColumns(const Eigen::MatrixXd& scores, const std::vector<int>& labels, Eigen::VectorXd& margins)
    : columns_(std::size_t(scores.rows()))
{
    if (Index(labels.size()) != scores.cols())
        throw Error("margin: " + std::to_string(labels.size()) + " labels for " + std::to_string(scores.cols()) +
                    " images");
    margins.resize(scores.cols());
    for (Index b = 0; b < scores.cols(); ++b) {
        const int label = labels[std::size_t(b)];
        int other = 0;
        margins(b) = DecisionModel::margin(scores, b, label, &other);
        columns_[std::size_t(label)].push_back({b, 1.0});
        columns_[std::size_t(other)].push_back({b, -1.0});
    }
}

} // namespace latentset
