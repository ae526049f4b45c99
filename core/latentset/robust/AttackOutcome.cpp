#include "latentset/robust/AttackOutcome.h"

#include <algorithm>

namespace latentset {

double AttackOutcome::survivingShare() const
{
    if (fooled.empty())
        return 0.0;
    return double(std::count(fooled.begin(), fooled.end(), false)) / double(fooled.size());
}

} // namespace latentset
