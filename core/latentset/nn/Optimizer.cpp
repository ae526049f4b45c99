#include "latentset/nn/Optimizer.h"

#include <algorithm>
#include <cmath>

namespace latentset {

Optimizer::AdamStep Optimizer::adamStep(const OptimizerSettings& s, std::uint64_t step, float lr, float scale)
{
    // Bias correction folded into the step size (Kingma & Ba, sec. 2).
    const double t = double(step == 0 ? 1 : step);
    const float c1 = float(1.0 - std::pow(double(s.beta1), t));
    const float c2 = float(1.0 - std::pow(double(s.beta2), t));
    AdamStep k;
    k.beta1 = s.beta1;
    k.beta2 = s.beta2;
    k.gradScaleM = (1.0f - s.beta1) * scale;
    k.gradScaleV = (1.0f - s.beta2) * scale * scale;
    k.learningRate = lr * std::sqrt(c2) / c1;
    k.epsilon = s.epsilon * std::sqrt(c2);
    return k;
}

void Optimizer::adamChunk(float* wp, const float* gp, float* mp, float* vp, Index n, const AdamStep& k)
{
    // In L1-sized chunks so the three vectorised Eigen passes below touch
    // each cache line once from memory.
    constexpr Index kChunk = 2048;
    for (Index i0 = 0; i0 < n; i0 += kChunk) {
        const Index len = std::min(kChunk, n - i0);
        Eigen::Map<Eigen::ArrayXf> w(wp + i0, len);
        Eigen::Map<const Eigen::ArrayXf> g(gp + i0, len);
        Eigen::Map<Eigen::ArrayXf> m(mp + i0, len);
        Eigen::Map<Eigen::ArrayXf> v(vp + i0, len);
        m = k.beta1 * m + k.gradScaleM * g;
        v = k.beta2 * v + k.gradScaleV * g.square();
        w -= k.learningRate * m / (v.sqrt() + k.epsilon);
    }
}

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
        const AdamStep k = adamStep(s, step, lr, scale);
        for (Parameter* p : params)
            adamChunk(p->value.data(), p->grad.data(), p->m.data(), p->v.data(), p->value.size(), k);
    } else {
        for (Parameter* p : params) {
            p->m.array() = s.momentum * p->m.array() + scale * p->grad.array();
            p->value.noalias() -= lr * p->m;
        }
    }
    return norm;
}

} // namespace latentset
