#pragma once
// One named parameter of a context world's contexts (docs/worlds.md):
// "angle" of the rotation world, "scale", "x", "y" of scale x position, any
// column of a paired folder's contexts.csv. A circular axis wraps with its
// period (rotation: 360 degrees), so the estimator (world/ParameterEstimator)
// takes its neighbours and its mean around the circle.
#include <string>

namespace latentset {

struct ContextAxis {
    std::string name;
    bool circular = false;
    double period = 0; // circular axes only (> 0)
};

} // namespace latentset
