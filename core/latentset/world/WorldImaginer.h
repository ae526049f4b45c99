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
//
// With the world's members, the paper's back projection as well (fig. 14-16
// on any world): the level-1 code of an item, seen in a source context and
// encoded by that context's member, decoded by the member of the context
// the decoded map peaks at: the item as the concept imagines it, drawn by
// the model rather than by the world's renderer.
// Thread rules: holds references to an immutable world, concept and members; const.
#include "latentset/util/Types.h"
#include "latentset/world/ContextWorld.h"
#include "latentset/world/ParameterEstimator.h"
#include "latentset/world/WorldConcept.h"
#include "latentset/world/WorldTransfer.h"

#include <optional>
#include <vector>

namespace latentset {

class WorldImaginer {
public:
    // Throws Error if the concept does not fit the world (context count) or
    // is not calibrated, or the members (optional) do not fit the world.
    WorldImaginer(const ContextWorld& world, const WorldConcept& level2, const AutoencoderSet* members = nullptr);

    struct Imagined {
        Vector map;                     // decoded, one value per context in [0, 1]
        std::vector<double> parameters; // one per axis
        int nearestContext = 0;         // the context nearest those values
        Vector frame;                   // the item shown there (frameSize)
        int peakContext = 0;            // the context of the map's largest value
        Vector decoded;                 // back projection (frameSize); empty without members
    };
    Imagined imagine(const Vector& code, Index item) const;
    // The same, and `levelOneCode` decoded by member peakContext into `decoded`.
    // Throws Error without members or for a code of the wrong size.
    Imagined imagine(const Vector& code, Index item, const Vector& levelOneCode) const;
    // The level-1 code of `item` seen in context `source`, by member `source`
    // (latent values). Throws Error without members or for a bad index.
    Vector levelOneCode(Index item, int source) const;
    bool hasMembers() const { return transfer_.has_value(); }

    // The median code of the calibration (every unit at its median).
    Vector medianCode() const;
    // A code that follows the calibration along one axis: the mean code of
    // the `k` calibration entries whose value on `axis` is nearest `value`
    // (circular axes: around the circle). For a circular axis this walks the
    // loop the units trace (docs/worlds.md "In the app"). Throws Error for a
    // bad axis or k < 1.
    Vector codeAlong(int axis, double value, int k = 32) const;
    // `steps` codes (units x steps): `unit` from its calibrated minimum to
    // its maximum, the other units at their median.
    Matrix sweep(int unit, int steps) const;

private:
    const ContextWorld& world_;
    const WorldConcept& concept_;
    ParameterEstimator estimator_;
    const AutoencoderSet* members_ = nullptr;
    std::optional<WorldTransfer> transfer_;
};

} // namespace latentset
