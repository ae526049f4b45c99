#include "latentset/experiments/ImageBlend.h"

#include "latentset/util/Error.h"

namespace latentset {

Vector ImageBlend::mix(const Vector& a, const Vector& b, double weight)
{
    if (a.size() != b.size() || !(weight >= 0 && weight <= 1))
        throw Error("blend: images of " + std::to_string(a.size()) + " and " + std::to_string(b.size())
                    + " pixels at weight " + std::to_string(weight));
    return float(1 - weight) * a + float(weight) * b;
}

Matrix ImageBlend::series(const Vector& a, const Vector& b, const std::vector<double>& weights)
{
    Matrix out(a.size(), Index(weights.size()));
    for (std::size_t k = 0; k < weights.size(); ++k)
        out.col(Index(k)) = mix(a, b, weights[k]);
    return out;
}

std::vector<double> ImageBlend::tenthWeights()
{
    std::vector<double> w;
    for (int k = 0; k <= 10; ++k)
        w.push_back(k / 10.0);
    return w;
}

bool ImageBlend::topTwoAre(const Eigen::VectorXd& scores, int a, int b)
{
    Index first = -1, second = -1;
    for (Index c = 0; c < scores.size(); ++c) {
        if (first < 0 || scores[c] > scores[first]) {
            second = first;
            first = c;
        } else if (second < 0 || scores[c] > scores[second]) {
            second = c;
        }
    }
    return (first == a && second == b) || (first == b && second == a);
}

} // namespace latentset
