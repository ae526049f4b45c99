#include "latentset/data/DatasetSplits.h"

#include "latentset/util/Error.h"

namespace latentset {

void DatasetSplits::carveValidation(Index count, std::uint64_t seed)
{
    if (!validation.empty())
        throw Error((name.empty() ? std::string("dataset") : name) + ": validation split already carved");
    auto [rest, carved] = train.splitValidation(count, seed);
    train = std::move(rest);
    validation = std::move(carved);
}

void DatasetSplits::carveValidationFraction(double fraction, std::uint64_t seed)
{
    if (!(fraction > 0.0 && fraction < 1.0))
        throw Error((name.empty() ? std::string("dataset") : name) + ": validation fraction "
                    + std::to_string(fraction) + " is not in (0, 1)");
    carveValidation(Index(fraction * double(train.size())), seed);
}

} // namespace latentset
