#pragma once
// The class set's reconstruction rule as a DecisionModel: member c's score is
// minus its squared error e_c(x) = 1/2 |x - f_c(g_c(x))|^2 (the paper's
// recon-only decision, nn/SetClassifier with LossKind::SquaredError), or with
// a calibration -a_c e_c + b_c (SetClassifier::scale()/offset()).
//
// Gradient: d e_c / dx = r - J_g^T J_f^T r, r = x - f_c(g_c(x)): the
// residual's direct part and its path back through decoder and encoder
// (InputBackprop). Only the two members the margin compares are
// back-propagated per image: all members run forward once over the batch
// (to find each image's best other class), then every member runs forward
// and backward again over the images it is the true or the best other class
// of, so the backward work is that of two members, not of all of them.
//
// Threads: members are spread over `pool` (if given) inside each call; the
// object is immutable and may be shared, but the pool serialises callers
// (ThreadPool::parallelFor).
#include "latentset/robust/DecisionModel.h"

#include <memory>

namespace latentset {

class AutoencoderSet;
class ThreadPool;

class SetErrorDecision : public DecisionModel {
public:
    // scale/offset: empty (the raw rule) or one entry per member.
    // Throws Error for a null set or mismatched calibration.
    explicit SetErrorDecision(std::shared_ptr<const AutoencoderSet> set, Vector scale = {}, Vector offset = {},
                              ThreadPool* pool = nullptr);

    Index inputSize() const override;
    int classCount() const override;
    std::string name() const override;
    Eigen::MatrixXd scores(const Matrix& X) const override;
    void marginGradient(const Matrix& X, const std::vector<int>& labels, Eigen::VectorXd& margins,
                        Matrix& gradient) const override;

    // Squared errors e_c (members x B) of every member.
    Matrix errors(const Matrix& X) const;
    // d e_c / dX for member c on the columns of X (n x B).
    Matrix errorGradient(int member, const Matrix& X) const;

private:
    double scaleOf(int member) const { return scale_.size() ? double(scale_(member)) : 1.0; }
    double offsetOf(int member) const { return offset_.size() ? double(offset_(member)) : 0.0; }

    std::shared_ptr<const AutoencoderSet> set_;
    Vector scale_, offset_;
    ThreadPool* pool_ = nullptr;
};

} // namespace latentset
