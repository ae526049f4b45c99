#include "latentset/nn/Optimizer.h"

#include <algorithm>
#include <cmath>

namespace latentset {

float Optimizer::update(const std::vector<Parameter*>& params, const std::vector<bool>& decayed,
                        const OptimizerSettings& s, std::uint64_t step, float lr)
{
    double sq = 0.0;
    for (std::size_t i = 0; i < params.size(); ++i) {
        Parameter& p = *params[i];
        if (s.weightDecay != 0.0f && decayed[i])
            p.grad.noalias() += s.weightDecay * p.value;
        if (s.clipNorm > 0.0f)
            sq += double(p.grad.squaredNorm());
    }
    float norm = 0.0f;
    float scale = 1.0f;
    if (s.clipNorm > 0.0f) {
        norm = float(std::sqrt(sq));
        if (norm > s.clipNorm)
            scale = s.clipNorm / norm;
    }
    if (s.kind == OptimizerSettings::Kind::Adam) {
        // Bias correction folded into the step size (Kingma & Ba, sec. 2).
        const double t = double(step == 0 ? 1 : step);
        const float c1 = float(1.0 - std::pow(double(s.beta1), t));
        const float c2 = float(1.0 - std::pow(double(s.beta2), t));
        const float lrT = lr * std::sqrt(c2) / c1;
        const float epsT = s.epsilon * std::sqrt(c2);
        const float b1 = s.beta1, b2 = s.beta2;
        for (Parameter* p : params) {
            // In place, in L1-sized chunks so the three vectorised Eigen
            // passes below touch each cache line once from memory.
            constexpr Index kChunk = 2048;
            const Index n = p->value.size();
            for (Index i0 = 0; i0 < n; i0 += kChunk) {
                const Index len = std::min(kChunk, n - i0);
                Eigen::Map<Eigen::ArrayXf> w(p->value.data() + i0, len);
                Eigen::Map<const Eigen::ArrayXf> g(p->grad.data() + i0, len);
                Eigen::Map<Eigen::ArrayXf> m(p->m.data() + i0, len);
                Eigen::Map<Eigen::ArrayXf> v(p->v.data() + i0, len);
                m = b1 * m + ((1.0f - b1) * scale) * g;
                v = b2 * v + ((1.0f - b2) * scale * scale) * g.square();
                w -= lrT * m / (v.sqrt() + epsT);
            }
        }
    } else {
        for (Parameter* p : params) {
            p->m.array() = s.momentum * p->m.array() + scale * p->grad.array();
            p->value.noalias() -= lr * p->m;
        }
    }
    return norm;
}

} // namespace latentset
