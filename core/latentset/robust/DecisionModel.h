#pragma once
// A classifier seen the way an attack sees it: per-class decision scores of
// a batch of images (the decision is the largest), and the exact gradient of
// the MARGIN, score(true class) - max over the other classes, with respect
// to the image. The attack drives the margin below zero; a negative margin
// is a wrong decision (an exact tie is not counted as one). The other class is the best one
// at the current image, so the gradient is that of the piece of the max that
// is active there (the usual subgradient).
//
// Shapes: images X are n x B, pixel values in [0, 1], one column per image;
// scores are classes x B (double: eq. 4's terms are in the thousands);
// margins B entries; gradients n x B.
//
// Implementations: MlpDecision (the MLP's logits), SetErrorDecision (the
// class set's squared error, optionally calibrated), SetLikelihoodDecision
// (eq. 4/5). All are immutable views over immutable models: every function
// is const and safe to call from many threads at once.
#include "latentset/util/Types.h"

#include <Eigen/Core>
#include <string>
#include <vector>

namespace latentset {

class DecisionModel {
public:
    virtual ~DecisionModel() = default;

    virtual Index inputSize() const = 0;
    virtual int classCount() const = 0;
    // "mlp", "set (squared error)", ...: shown in reports.
    virtual std::string name() const = 0;

    // Decision scores, classes x B; larger = more that class.
    virtual Eigen::MatrixXd scores(const Matrix& X) const = 0;
    // Margins (B) of `labels` (B entries, each in [0, classCount())) and
    // d margin / d X into `gradient` (n x B).
    virtual void marginGradient(const Matrix& X, const std::vector<int>& labels, Eigen::VectorXd& margins,
                                Matrix& gradient) const = 0;

    // Largest score per column.
    std::vector<int> decide(const Matrix& X) const;
    // Margins alone (no gradient): what a decision-based attack may not use,
    // but what the gradient attacks keep their best candidate by.
    Eigen::VectorXd margins(const Matrix& X, const std::vector<int>& labels) const;

    // The margin of column b of `scores` for class `label`, and the best
    // other class into `other` (if not null). For implementations.
    static double margin(const Eigen::MatrixXd& scores, Index b, int label, int* other = nullptr);
};

} // namespace latentset
