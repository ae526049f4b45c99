#pragma once
// The MLP baseline (nn/Mlp) as a DecisionModel: the scores are its logits
// (the softmax is monotone, so the decision and the margin's sign are the
// same), the margin gradient is back-propagated through both layers in two
// GEMMs per batch.
#include "latentset/robust/DecisionModel.h"

#include <memory>

namespace latentset {

class Mlp;

class MlpDecision : public DecisionModel {
public:
    // Throws Error for a null MLP.
    explicit MlpDecision(std::shared_ptr<const Mlp> mlp);

    Index inputSize() const override;
    int classCount() const override;
    std::string name() const override { return "mlp"; }
    Eigen::MatrixXd scores(const Matrix& X) const override;
    void marginGradient(const Matrix& X, const std::vector<int>& labels, Eigen::VectorXd& margins,
                        Matrix& gradient) const override;

private:
    // Hidden activations (hidden x B) and logits (classes x B).
    void forward(const Matrix& X, Matrix& hidden, Matrix& logits) const;

    std::shared_ptr<const Mlp> mlp_;
};

} // namespace latentset
