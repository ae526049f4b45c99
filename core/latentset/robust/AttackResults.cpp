#include "latentset/robust/AttackResults.h"

#include "latentset/robust/DecisionModel.h"
#include "latentset/robust/PerturbationBall.h"

namespace latentset {

AttackOutcome AttackResults::finish(const DecisionModel& model, const Matrix& X0, const std::vector<int>& labels,
                                    Matrix adversarial, long long queries)
{
    AttackOutcome out;
    const Eigen::VectorXd margins = model.margins(adversarial, labels);
    out.fooled.resize(std::size_t(X0.cols()));
    for (Index b = 0; b < X0.cols(); ++b) {
        out.fooled[std::size_t(b)] = margins(b) < 0;
        if (!out.fooled[std::size_t(b)])
            adversarial.col(b) = X0.col(b);
    }
    out.adversarial = std::move(adversarial);
    out.l2 = PerturbationBall::distances(out.adversarial, X0, AttackNorm::L2);
    out.linf = PerturbationBall::distances(out.adversarial, X0, AttackNorm::Linf);
    out.queries = queries + X0.cols();
    return out;
}

} // namespace latentset
