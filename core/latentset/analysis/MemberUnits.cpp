#include "latentset/analysis/MemberUnits.h"

#include "latentset/nn/Activation.h"
#include "latentset/nn/Autoencoder.h"
#include "latentset/util/Error.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace latentset {

MemberUnits::MemberUnits(const Autoencoder& member) : member_(&member)
{
    if (member.layerCount() < 2)
        throw Error("member units: the member has no layers");
}

Index MemberUnits::unitCount() const { return member_->layerOutputSize(0); }
Index MemberUnits::inputSize() const { return member_->layerInputSize(0); }
Index MemberUnits::latentSize() const { return member_->config().latentSize; }
bool MemberUnits::tied() const { return member_->config().tied; }

Matrix MemberUnits::filters() const { return member_->weightStorage(0).transpose(); }

Matrix MemberUnits::decoderFilters() const { return member_->effectiveWeight(member_->layerCount() - 1); }

Vector MemberUnits::filterNorms() const { return member_->weightStorage(0).rowwise().norm(); }

Vector MemberUnits::preActivations(const Vector& x) const
{
    if (x.size() != inputSize())
        throw Error("member units: the input has " + std::to_string(x.size()) + " values, the member takes "
                    + std::to_string(inputSize()));
    return member_->weightStorage(0) * x + member_->bias(0);
}

Vector MemberUnits::activations(const Vector& x) const
{
    Matrix y = preActivations(x);
    activate(y, member_->activation(0));
    return y.col(0);
}

Vector MemberUnits::code(const Vector& x) const
{
    if (x.size() != inputSize())
        throw Error("member units: the input has " + std::to_string(x.size()) + " values, the member takes "
                    + std::to_string(inputSize()));
    return member_->encode(x).col(0);
}

Vector MemberUnits::reconstruction(const Vector& x) const { return member_->decode(code(x)).col(0); }

Matrix MemberUnits::directionSweep(const Vector& z, const std::vector<float>& offsets) const
{
    const Index d = latentSize();
    if (z.size() != d)
        throw Error("member units: the code has " + std::to_string(z.size()) + " values, the member's latent size is "
                    + std::to_string(d));
    const Index s = Index(offsets.size());
    Matrix codes = z.replicate(1, d * s);
    for (Index i = 0; i < d; ++i)
        for (Index k = 0; k < s; ++k)
            codes(i, i * s + k) += offsets[std::size_t(k)];
    return member_->decode(codes); // one batch: a single GEMM per layer
}

Vector MemberUnits::directionResponse(const Vector& z, float k) const
{
    const Matrix sweep = directionSweep(z, {-k, k});
    Vector r(latentSize());
    for (Index i = 0; i < r.size(); ++i)
        r(i) = (sweep.col(2 * i + 1) - sweep.col(2 * i)).norm();
    return r;
}

Matrix MemberUnits::forDisplay(const Matrix& filters, bool perColumn)
{
    Matrix out(filters.rows(), filters.cols());
    const float shared = filters.size() > 0 ? filters.cwiseAbs().maxCoeff() : 0.0f;
    for (Index u = 0; u < filters.cols(); ++u) {
        const float m = perColumn ? (filters.rows() > 0 ? filters.col(u).cwiseAbs().maxCoeff() : 0.0f) : shared;
        if (m > 0 && std::isfinite(m))
            out.col(u) = (filters.col(u).array() / (2 * m) + 0.5f).matrix();
        else
            out.col(u).setConstant(0.5f);
    }
    return out;
}

std::vector<Index> MemberUnits::descendingOrder(const Vector& key)
{
    std::vector<Index> order(std::size_t(key.size()));
    std::iota(order.begin(), order.end(), Index(0));
    std::stable_sort(order.begin(), order.end(), [&key](Index a, Index b) {
        const float ka = key(a), kb = key(b);
        if (std::isnan(ka) || std::isnan(kb))
            return !std::isnan(ka) && std::isnan(kb);
        return ka > kb;
    });
    return order;
}

} // namespace latentset
