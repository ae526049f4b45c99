#pragma once
// A table of figures per epoch (losses, accuracies), saved with a model.
#include <string>
#include <vector>

namespace latentset {

struct MetricHistory {
    std::vector<std::string> columns;     // "epoch", "loss_0", "val_accuracy"...
    std::vector<std::vector<double>> rows; // one per epoch, columns.size() values

    void addRow(std::vector<double> row) { rows.push_back(std::move(row)); }
    bool empty() const { return rows.empty(); }
};

} // namespace latentset
