#include "latentset/robust/MemberColumns.h"

#include "latentset/robust/DecisionModel.h"
#include "latentset/util/Error.h"
#include "latentset/util/ThreadPool.h"

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

Matrix MemberColumns::gradient(const Matrix& X, const ScoreGradient& scoreGradient,
                              const std::function<double(int)>& weight, ThreadPool* pool) const
{
    const std::size_t members = columns_.size();
    std::vector<Matrix> parts(members);
    const auto one = [&](std::size_t c, unsigned) {
        const auto& cols = columns_[c];
        if (cols.empty())
            return;
        Matrix sub(X.rows(), Index(cols.size()));
        for (std::size_t k = 0; k < cols.size(); ++k)
            sub.col(Index(k)) = X.col(cols[k].column);
        parts[c] = scoreGradient(int(c), sub);
    };
    if (pool)
        pool->parallelFor(members, one);
    else
        for (std::size_t c = 0; c < members; ++c)
            one(c, 0);
    Matrix g = Matrix::Zero(X.rows(), X.cols());
    for (std::size_t c = 0; c < members; ++c) {
        const auto& cols = columns_[c];
        for (std::size_t k = 0; k < cols.size(); ++k)
            g.col(cols[k].column) += float(cols[k].sign * weight(int(c))) * parts[c].col(Index(k));
    }
    return g;
}

} // namespace latentset
