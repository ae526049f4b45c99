#include "latentset/robust/Fgsm.h"

#include "latentset/robust/AttackResults.h"
#include "latentset/robust/DecisionModel.h"

namespace latentset {

AttackOutcome Fgsm::run(const DecisionModel& model, const Matrix& X0, const std::vector<int>& labels, double eps,
                        AttackNorm norm)
{
    Matrix X = X0;
    long long queries = 0;
    if (eps > 0) {
        Eigen::VectorXd margins;
        Matrix gradient;
        model.marginGradient(X0, labels, margins, gradient);
        queries += X0.cols();
        PerturbationBall::descend(X, gradient, eps, norm);
        PerturbationBall::project(X, X0, eps, norm);
    }
    return AttackResults::finish(model, X0, labels, std::move(X), queries);
}

} // namespace latentset
