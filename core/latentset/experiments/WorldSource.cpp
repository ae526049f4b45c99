#include "latentset/experiments/WorldSource.h"

#include "latentset/experiments/MnistData.h"
#include "latentset/experiments/WorldBuilder.h"

namespace latentset {

WorldSource WorldSource::mnist(const WorldSpec& spec)
{
    const WorldBuilder builder(spec);
    return {builder.over(MnistData::train()), builder.over(MnistData::test())};
}

} // namespace latentset
