#include "latentset/robust/DecisionModel.h"

#include "latentset/util/Error.h"

#include <limits>

namespace latentset {

std::vector<int> DecisionModel::decide(const Matrix& X) const
{
    const Eigen::MatrixXd s = scores(X);
    std::vector<int> out(std::size_t(s.cols()));
    for (Index b = 0; b < s.cols(); ++b) {
        Index best = 0;
        s.col(b).maxCoeff(&best);
        out[std::size_t(b)] = int(best);
    }
    return out;
}

Eigen::VectorXd DecisionModel::margins(const Matrix& X, const std::vector<int>& labels) const
{
    if (Index(labels.size()) != X.cols())
        throw Error("decision model: " + std::to_string(labels.size()) + " labels for " + std::to_string(X.cols()) +
                    " images");
    const Eigen::MatrixXd s = scores(X);
    Eigen::VectorXd out(s.cols());
    for (Index b = 0; b < s.cols(); ++b)
        out(b) = margin(s, b, labels[std::size_t(b)]);
    return out;
}

double DecisionModel::margin(const Eigen::MatrixXd& scores, Index b, int label, int* other)
{
    if (label < 0 || label >= scores.rows())
        throw Error("decision model: label " + std::to_string(label) + " out of range");
    double best = -std::numeric_limits<double>::infinity();
    int bestClass = label == 0 ? 1 : 0;
    for (Index c = 0; c < scores.rows(); ++c)
        if (c != label && scores(c, b) > best) {
            best = scores(c, b);
            bestClass = int(c);
        }
    if (other)
        *other = bestClass;
    return scores(label, b) - best;
}

} // namespace latentset
