#pragma once
// Counts of (true class, predicted class) pairs, with accuracy figures.
#include <cstdint>
#include <string>
#include <vector>

namespace latentset {

class ConfusionMatrix {
public:
    explicit ConfusionMatrix(int classes = 0);

    int classCount() const { return classes_; }
    // Throws Error if a class is out of range.
    void add(int truth, int predicted);
    void add(const std::vector<int>& truth, const std::vector<int>& predicted);
    std::int64_t count(int truth, int predicted) const;
    std::int64_t total() const { return total_; }
    // Fraction correct over all samples (0 when empty).
    double accuracy() const;
    // Fraction of class c's samples predicted as c (recall); 0 if none.
    double classAccuracy(int c) const;
    // A fixed-width table, rows = truth, columns = predicted, with per-class
    // accuracy at the end of each row. names may be empty (then indices).
    std::string toText(const std::vector<std::string>& names = {}) const;

private:
    int classes_ = 0;
    std::vector<std::int64_t> counts_;
    std::int64_t total_ = 0;
};

} // namespace latentset
