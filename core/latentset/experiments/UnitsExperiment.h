#pragma once
// The units of one member as pictures (docs/units-and-compare.md): its
// first-layer filters (MemberUnits), their norms and activations on an
// input, and its decoder's response to each latent direction around the
// input's code, sorted as UnitsSettings says. Used alike by the desktop's
// units view and by `latentset-cli units`.
//
// Quick (one decode batch of latent x steps codes, one product with W_0), so
// there is no observer or stop token: run() takes 70-90 ms for the paper's
// 784-2048-16 member on a loaded 2-core machine (docs/units-and-compare.md). Thread rules: const inputs, any thread.
#include "latentset/experiments/UnitsResult.h"
#include "latentset/experiments/UnitsSettings.h"

#include <functional>

namespace latentset {

class AutoencoderSet;
class ContextWorld;
class CubeWorldView;
class MemberUnits;

// How a member's input/output vectors become pictures: `toPicture` maps
// columns of the member's space (inputSize x B) to width*height x B (null =
// the member's vector is the picture itself).
struct UnitsPictures {
    int width = 0, height = 0;
    std::function<Matrix(const Matrix&)> toPicture;

    // Square pictures of side sqrt(n) (784 -> 28); throws Error if n is not a square.
    static UnitsPictures square(Index n);
    // Member c of a cube world: full-frame members draw their frame as it is,
    // masked members scatter their face's pixels into the frame (the
    // padding past the mask is not drawn).
    static UnitsPictures cubeMember(const CubeWorldView& world, int c);
    // Member c of any context world (world/ContextWorld): its padded input
    // (ContextWorld::memberInput) unpadded to context c's mask and scattered
    // into the world's whole frame (frameWidth x frameHeight, 0 off the
    // mask): the frame the world shows its items in (64 x 64 for the default
    // scale x position). Throws Error for c out of range. Captures the world
    // by pointer: it must outlive the mapping (a run).
    static UnitsPictures worldMember(const ContextWorld& world, int c);
};

class UnitsExperiment {
public:
    // `input` is in the member's own space (inputSize values; a cube member's
    // CubeWorldView::inputFromGlyphs; a world member's ContextWorld::memberInput). Throws Error for a member index out of
    // range or an input of the wrong size; settings are validated first.
    static UnitsResult run(const AutoencoderSet& set, const Vector& input, const UnitsSettings& settings,
                           const UnitsPictures& pictures);
    // `previous` (a run of the same member and input) with only its direction
    // part recomputed for new settings (step, steps, sweep drawing, order):
    // the filters are not touched, so a slider costs one decode. Equal to
    // run() with `settings` when those settings' filter part (member,
    // order, scale, tiles) is the previous run's. Throws Error for another member.
    static UnitsResult redirect(const AutoencoderSet& set, UnitsResult previous, const UnitsSettings& settings,
                                const UnitsPictures& pictures);

private:
    static void fillDirections(const MemberUnits& units, UnitsResult& result, const UnitsSettings& settings,
                               const UnitsPictures& pictures);
};

} // namespace latentset
