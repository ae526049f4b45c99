#include "latentset/concept/MidpointHyperplane.h"

#include "latentset/util/Error.h"

#include <string>

namespace latentset {

MidpointHyperplane::MidpointHyperplane(const Vector& zA, const Vector& zB)
{
    if (zA.size() == 0 || zA.size() != zB.size())
        throw Error("one-shot hyperplane: codes of sizes " + std::to_string(zA.size()) + " and "
                    + std::to_string(zB.size()) + " cannot be compared");
    const Vector diff = zB - zA;
    separation_ = double(diff.norm());
    if (!(separation_ > 1e-12))
        throw Error("one-shot hyperplane: the two glyphs have the same code, nothing separates them");
    normal_ = diff / float(separation_);
    midpoint_ = 0.5f * (zA + zB);
}

Vector MidpointHyperplane::signedDistances(const Matrix& codes) const
{
    if (codes.rows() != normal_.size())
        throw Error("one-shot hyperplane: codes have " + std::to_string(codes.rows())
                    + " rows, the hyperplane lives in " + std::to_string(normal_.size()) + " dimensions");
    // (codes - midpoint)^T n, without forming the shifted matrix.
    return (codes.transpose() * normal_).array() - normal_.dot(midpoint_);
}

double MidpointHyperplane::signedDistance(const Vector& code) const
{
    return double(signedDistances(code)[0]);
}

} // namespace latentset
