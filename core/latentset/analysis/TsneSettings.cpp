#include "latentset/analysis/TsneSettings.h"

#include <algorithm>
#include <cmath>

namespace latentset {

std::string TsneSettings::validate() const
{
    if (!(perplexity >= 2.0 && perplexity <= 200.0))
        return "t-SNE perplexity must be between 2 and 200";
    if (iterations < 1 || iterations > 100000)
        return "t-SNE iterations must be between 1 and 100000";
    if (exaggerationIterations < 0 || exaggerationIterations > iterations)
        return "t-SNE exaggeration iterations must be between 0 and the iterations";
    if (!(exaggeration >= 1.0 && exaggeration <= 100.0))
        return "t-SNE exaggeration must be between 1 and 100";
    if (!(learningRate >= 0.0 && std::isfinite(learningRate)))
        return "t-SNE learning rate must be 0 (automatic) or positive";
    if (!(theta >= 0.0 && theta <= 1.0))
        return "t-SNE theta must be between 0 and 1";
    if (reportEvery < 1)
        return "t-SNE report interval must be at least 1 iteration";
    return {};
}

double TsneSettings::learningRateFor(long long n) const
{
    return learningRate > 0.0 ? learningRate : std::max(200.0, double(n) / exaggeration);
}

} // namespace latentset
