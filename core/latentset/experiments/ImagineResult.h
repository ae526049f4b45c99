#pragma once
// What an ImagineExperiment measured (a value; no Qt).
#include "latentset/concept/CubeImaginer.h"
#include "latentset/util/Types.h"

#include <vector>

namespace latentset {

struct ImagineResult {
    struct Step {
        double u = 0, theta = 0;
        CubeImaginer::Frame frame;
        Vector rendered;          // the cube rendered at theta(u)
        double error = 0;         // masked MSE imagined vs rendered
        double oracleError = 0;   // masked MSE of the code at the true contexts vs rendered
    };
    double uMin = 0, uMax = 0;
    std::vector<Step> steps;
    double meanError = 0;
    double msPerFrame = 0;        // one frame's work on the calling thread (200 frames timed)
};

} // namespace latentset
