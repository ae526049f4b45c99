#pragma once
#include <QString>

#include "latentset/util/Types.h"

#include <vector>

struct SessionWorld;

// What a world view shows to the members (docs/ui.md "World views"): a
// held-out item of the world (any world) or a 28 x 28 glyph (a built-in one,
// a dataset sample, one drawn on the pad; worlds that show glyphs only). A
// value; the functions are core calls (ContextWorld's views of items and
// glyphs), safe on a worker over an immutable SessionWorld.
struct WorldInput {
    bool isGlyph = false;
    latentset::Index item = 0;
    latentset::Vector glyph; // glyphSize^2 values in [0, 1]
    QString name;

    // The input as seen in context c, its mask pixels (maskSize(c) x 1).
    latentset::Matrix maskedIn(const SessionWorld& world, int context) const;
    // The input as seen in context c, as a whole frame (frameSize x 1).
    latentset::Matrix frameIn(const SessionWorld& world, int context) const;
    // The input shown at any parameter values (one per axis), for worlds
    // that render between their contexts (ContextWorld::rendersBetween);
    // throws latentset::Error otherwise.
    latentset::Matrix frameAt(const SessionWorld& world, const std::vector<double>& parameters) const;
    // Whether frameAt works for this input in this world.
    static bool rendersBetween(const SessionWorld& world, bool glyph);
};
