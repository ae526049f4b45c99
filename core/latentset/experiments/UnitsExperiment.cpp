#include "latentset/experiments/UnitsExperiment.h"

#include "latentset/analysis/MemberUnits.h"
#include "latentset/concept/CubeWorldView.h"
#include "latentset/cube/CubeContexts.h"
#include "latentset/nn/AutoencoderSet.h"
#include "latentset/util/Error.h"
#include "latentset/world/ContextWorld.h"

#include <cmath>

namespace latentset {

UnitsPictures UnitsPictures::square(Index n)
{
    const int side = int(std::lround(std::sqrt(double(n))));
    if (n <= 0 || Index(side) * side != n)
        throw Error("units: a member of " + std::to_string(n) + " inputs is not a square picture");
    return UnitsPictures{side, side, {}};
}

UnitsPictures UnitsPictures::cubeMember(const CubeWorldView& world, int c)
{
    const CubeContexts& contexts = world.contexts();
    if (c < 0 || c >= contexts.size())
        throw Error("units: context " + std::to_string(c) + " is not one of the world's " + std::to_string(contexts.size()));
    const int side = contexts.imageSize();
    if (world.fullFrameInput())
        return UnitsPictures{side, side, {}};
    const FaceWarp* warp = &contexts.warp(c);
    const Index frame = contexts.frameSize();
    // Captures the warp by pointer: the world's contexts must outlive the mapping (a run).
    return UnitsPictures{side, side, [warp, frame](const Matrix& member) {
                             Matrix frames = Matrix::Zero(frame, member.cols());
                             warp->scatter(member.topRows(warp->maskSize()), frames);
                             return frames;
                         }};
}

UnitsPictures UnitsPictures::worldMember(const ContextWorld& world, int c)
{
    if (c < 0 || c >= world.contextCount())
        throw Error("units: context " + std::to_string(c) + " is not one of the world's "
                    + std::to_string(world.contextCount()));
    const ContextWorld* w = &world;
    return UnitsPictures{world.frameWidth(), world.frameHeight(), [w, c](const Matrix& member) {
                             return w->framesFromMasked(c, w->unpad(c, member));
                         }};
}

namespace {

Matrix picture(const UnitsPictures& pictures, const Matrix& member)
{
    return pictures.toPicture ? pictures.toPicture(member) : member;
}

std::vector<Index> unitOrder(UnitsSettings::Order order, const Vector& norms, const Vector& activations)
{
    switch (order) {
    case UnitsSettings::Order::Norm: return MemberUnits::descendingOrder(norms);
    case UnitsSettings::Order::Activation: return MemberUnits::descendingOrder(activations);
    case UnitsSettings::Order::Index: break;
    }
    return MemberUnits::descendingOrder(Vector::Zero(norms.size())); // ties: ascending index
}

} // namespace

UnitsResult UnitsExperiment::run(const AutoencoderSet& set, const Vector& input, const UnitsSettings& settings,
                                 const UnitsPictures& pictures)
{
    settings.validate();
    if (settings.member >= set.size())
        throw Error("units: member " + std::to_string(settings.member) + " is not one of the set's "
                    + std::to_string(set.size()));
    const MemberUnits units(set.member(settings.member));
    UnitsResult r;
    r.member = settings.member;
    r.memberName = set.memberName(settings.member);
    r.unitCount = units.unitCount();
    r.inputSize = units.inputSize();
    r.latentSize = units.latentSize();
    r.tied = units.tied();
    r.decoderFilters = settings.decoderFilters && !r.tied;
    r.pictureWidth = pictures.width;
    r.pictureHeight = pictures.height;

    const Matrix own = r.decoderFilters ? units.decoderFilters() : units.filters();
    r.filters = picture(pictures, own);
    r.tiles = MemberUnits::forDisplay(r.filters, settings.perTileScale);
    r.norms = own.colwise().norm().transpose();
    r.activations = units.activations(input);
    r.unitOrder = unitOrder(settings.order, r.norms, r.activations);

    r.input = picture(pictures, input).col(0);
    r.code = units.code(input);
    r.reconstruction = picture(pictures, units.reconstruction(input)).col(0);
    fillDirections(units, r, settings, pictures);
    return r;
}

UnitsResult UnitsExperiment::redirect(const AutoencoderSet& set, UnitsResult previous, const UnitsSettings& settings,
                                      const UnitsPictures& pictures)
{
    settings.validate();
    if (previous.member != settings.member || settings.member >= set.size())
        throw Error("units: the result to redirect is of member " + std::to_string(previous.member) + ", not "
                    + std::to_string(settings.member));
    fillDirections(MemberUnits(set.member(settings.member)), previous, settings, pictures);
    return previous;
}

void UnitsExperiment::fillDirections(const MemberUnits& units, UnitsResult& r, const UnitsSettings& settings,
                                     const UnitsPictures& pictures)
{
    r.offsets = settings.offsets();
    r.sweep = picture(pictures, units.directionSweep(r.code, r.offsets));
    r.directionResponse = units.directionResponse(r.code, r.offsets.back());
    r.sweepChange = settings.sweepChange;
    r.sweepShown = settings.sweepChange
                       ? MemberUnits::forDisplay(r.sweep.colwise() - r.reconstruction, false)
                       : r.sweep;
    r.directionOrder = unitOrder(settings.order, r.directionResponse, r.code.cwiseAbs());
}

} // namespace latentset
