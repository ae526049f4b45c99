#include "latentset/robust/AttackBatch.h"

namespace latentset {

AttackBatch::AttackBatch(const Matrix& X0, const std::vector<int>& allLabels, const std::vector<Index>& columns)
    : columns_(columns)
{
    current.resize(X0.rows(), Index(columns.size()));
    for (std::size_t k = 0; k < columns.size(); ++k) {
        current.col(Index(k)) = X0.col(columns[k]);
        labels.push_back(allLabels[std::size_t(columns[k])]);
    }
    clean = current;
}

void AttackBatch::keep(const std::vector<bool>& keep)
{
    Index out = 0;
    for (Index k = 0; k < size(); ++k) {
        if (!keep[std::size_t(k)])
            continue;
        if (out != k) {
            current.col(out) = current.col(k);
            clean.col(out) = clean.col(k);
            labels[std::size_t(out)] = labels[std::size_t(k)];
            columns_[std::size_t(out)] = columns_[std::size_t(k)];
        }
        ++out;
    }
    current.conservativeResize(Eigen::NoChange, out);
    clean.conservativeResize(Eigen::NoChange, out);
    labels.resize(std::size_t(out));
    columns_.resize(std::size_t(out));
}

} // namespace latentset
