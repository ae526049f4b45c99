#pragma once
// Which context world (docs/worlds.md): a value type, the first part of every
// world experiment's settings and of a world model file. Kinds:
//   "rotation"        RotationFamily: `contexts` angles over `turnDeg`
//   "scale-position"  ScalePositionFamily: scalePosition's grid
//   "cube"            the cube world (cube/CubeContexts): `contexts` contexts
//   "folder"          the user's paired folder at `folder`
//   "fonts"           contexts = `fonts` (installed font families), items =
//                     `characters` (the same character in two fonts is a
//                     pair); a Qt front end renders them (ui/image/FontGlyphs)
// The glyph worlds (all but "folder") paint any 28 x 28 glyph set; a front end
// builds them with WorldBuilder. JSON as the other settings (missing keys keep
// the defaults; validate() on read).
#include "latentset/util/JsonValue.h"
#include "latentset/world/ScalePositionFamily.h"

#include <string>
#include <vector>

namespace latentset {

struct WorldSpec {
    std::string kind = "rotation";
    int contexts = 36;     // rotation and cube (the cube's default 100 comes from named("cube"))
    double turnDeg = 360;  // rotation
    ScalePositionSettings scalePosition;
    std::string folder;    // folder
    // Glyph worlds: "mnist" (MNIST as it is), "mnist-deskewed" (each digit's
    // slant sheared away first, data/GlyphDeskew) or "mnist+letters" (MNIST's
    // training digits plus the letters A-Z a-z drawn in `fonts`, the families
    // chosen at training; a front end that renders fonts builds it; the
    // held-out view is MNIST's test digits).
    std::string glyphs = "mnist";
    // fonts: the families, in context order; glyphs "mnist+letters": the letters' families.
    std::vector<std::string> fonts;
    std::string characters = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    // folder and fonts: context and interpretation swapped (PairedImages::swapped):
    // the items (characters) become the contexts, the contexts (fonts) the items.
    bool swap = false;

    // "rotation", "scale-position", "cube", "fonts" (the last needs a front end that renders fonts).
    static const std::vector<std::string>& builtInKinds();
    // A built-in kind with its defaults, or else a folder path.
    static WorldSpec named(const std::string& word);
    bool isFolder() const { return kind == "folder"; }
    bool isFonts() const { return kind == "fonts"; }

    void validate() const; // throws latentset::Error naming the field
    // The number of contexts these settings make, when known without building
    // the world (rotation, cube: `contexts`; scale-position: scales x
    // positions^2); -1 for a folder or fonts world (their images decide).
    // A model file's reader checks its members against it before anything
    // builds warps from settings a file claims.
    long long contextCountIfKnown() const;
    JsonValue toJson() const;
    static WorldSpec fromJson(const JsonValue& json);
    bool operator==(const WorldSpec& other) const { return toJson() == other.toJson(); }
};

} // namespace latentset
