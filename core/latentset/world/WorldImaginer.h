#pragma once
// Imagination with a world's level-2 concept (docs/worlds.md "Concept"):
// a setting of the concept's units (a code, one slider per unit) decodes to
// a likelihood map over the contexts (what the concept expects each member
// to explain), and reads back, through the calibration, as parameter values;
// an item shown at those values (between the contexts where the world
// renders there, else in the nearest context) is the imagined picture.
// The sweep of one unit across its calibrated range, the others at their
// median, is the strip `latentset-cli world concept --png` draws and the
// imaginer's sliders move along.
// Thread rules: holds references to an immutable world and concept; const.
#include "latentset/util/Types.h"
#include "latentset/world/ContextWorld.h"
#include "latentset/world/ParameterEstimator.h"
#include "latentset/world/WorldConcept.h"

#include <vector>

namespace latentset {

class WorldImaginer {
public:
    // Throws Error if the concept does not fit the world (context count) or is not calibrated.
    WorldImaginer(const ContextWorld& world, const WorldConcept& level2);

    struct Imagined {
        Vector map;                     // decoded, one value per context in [0, 1]
        std::vector<double> parameters; // one per axis
        int nearestContext = 0;         // the context nearest those values
        Vector frame;                   // the item shown there (frameSize)
    };
    Imagined imagine(const Vector& code, Index item) const;

    // The median code of the calibration (every unit at its median).
    Vector medianCode() const;
    // `steps` codes (units x steps): `unit` from its calibrated minimum to
    // its maximum, the other units at their median.
    Matrix sweep(int unit, int steps) const;

private:
    const ContextWorld& world_;
    const WorldConcept& concept_;
    ParameterEstimator estimator_;
};

} // namespace latentset
