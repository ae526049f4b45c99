#include "latentset/world/SharedLatentSettings.h"

#include "latentset/util/BinaryReader.h"
#include "latentset/util/BinaryWriter.h"
#include "latentset/util/Error.h"

#include <algorithm>

namespace latentset {

void SharedLatentSettings::writeRecipe(BinaryWriter& w) const
{
    w.writeI64(hidden);
    w.writeI64(latent);
    w.writeI32(batchSize);
    w.writeI32(crossPerSelf);
    w.writeF32(learningRate);
    w.writeU64(seed);
}

void SharedLatentSettings::readRecipe(BinaryReader& r)
{
    hidden = r.readI64();
    latent = r.readI64();
    batchSize = r.readI32();
    crossPerSelf = r.readI32();
    learningRate = r.readF32();
    seed = r.readU64();
}

SharedLatentSettings SharedLatentSettings::pacedFor(std::int64_t steps) const
{
    SharedLatentSettings s = *this;
    const int roundsPerCycle = 1 + s.crossPerSelf;
    const std::int64_t cycles = steps > 0 ? (steps + roundsPerCycle - 1) / roundsPerCycle : 0;
    s.cyclesPerEpoch = cycles > 0 ? int(std::min<std::int64_t>(cycles, 1 << 30)) : 50;
    return s;
}

void SharedLatentSettings::validate() const
{
    if (hidden < 1 || latent < 1 || batchSize < 1 || crossPerSelf < 0 || !(learningRate > 0.0f) || cyclesPerEpoch < 1)
        throw Error("shared latent settings: hidden, latent, batch, cycles per epoch must be >= 1, "
                    "cross-per-self >= 0, rate > 0");
}

} // namespace latentset
