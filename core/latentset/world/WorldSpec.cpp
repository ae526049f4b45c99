#include "latentset/world/WorldSpec.h"

#include "latentset/util/Error.h"

#include <algorithm>

namespace latentset {

const std::vector<std::string>& WorldSpec::builtInKinds()
{
    static const std::vector<std::string> kinds{"rotation", "scale-position", "cube", "fonts"};
    return kinds;
}

WorldSpec WorldSpec::named(const std::string& word)
{
    WorldSpec s;
    const auto& kinds = builtInKinds();
    if (std::find(kinds.begin(), kinds.end(), word) != kinds.end()) {
        s.kind = word;
        if (word == "cube")
            s.contexts = 100;
    } else {
        s.kind = "folder";
        s.folder = word;
    }
    return s;
}

void WorldSpec::validate() const
{
    auto require = [](bool ok, const std::string& what) {
        if (!ok)
            throw Error("world settings: " + what);
    };
    const auto& kinds = builtInKinds();
    require(kind == "folder" || std::find(kinds.begin(), kinds.end(), kind) != kinds.end(),
            "unknown world '" + kind + "' (rotation, scale-position, cube or a folder)");
    require(glyphs == "mnist" || glyphs == "mnist-deskewed" || glyphs == "mnist+letters",
            "glyphs must be 'mnist', 'mnist-deskewed' or 'mnist+letters'");
    require(glyphs != "mnist+letters" || kind == "fonts" || !fonts.empty(),
            "glyphs 'mnist+letters' needs the letters' font families");
    require(!swap || kind == "folder" || kind == "fonts", "only a folder or fonts world can swap context and item");
    if (kind == "rotation") {
        require(contexts >= 2 && contexts <= 3600, "rotation contexts must be in 2..3600");
        require(turnDeg > 0 && turnDeg <= 360, "the turn must be in (0, 360] degrees");
    } else if (kind == "cube") {
        require(contexts >= 2 && contexts <= 10000, "cube contexts must be in 2..10000");
    } else if (kind == "scale-position") {
        scalePosition.validate();
    } else if (kind == "fonts") {
        require(fonts.empty() || fonts.size() >= 2, "a fonts world needs at least 2 font families");
        require(characters.size() >= 2, "a fonts world needs at least 2 characters");
    } else {
        require(!folder.empty(), "a folder world needs its folder");
    }
}

JsonValue WorldSpec::toJson() const
{
    JsonValue j = JsonValue::object();
    j.set("kind", kind);
    j.set("contexts", contexts);
    j.set("turn_deg", turnDeg);
    JsonValue sp = JsonValue::object();
    sp.set("scales", scalePosition.scales);
    sp.set("positions", scalePosition.positions);
    sp.set("frame", scalePosition.frame);
    sp.set("min_scale", scalePosition.minScale);
    sp.set("max_scale", scalePosition.maxScale);
    j.set("scale_position", sp);
    j.set("folder", folder);
    j.set("glyphs", glyphs);
    JsonValue families = JsonValue::array();
    for (const std::string& f : fonts)
        families.push(f);
    j.set("fonts", families);
    j.set("characters", characters);
    j.set("swap", swap);
    return j;
}

long long WorldSpec::contextCountIfKnown() const
{
    if (kind == "rotation" || kind == "cube")
        return contexts;
    if (kind == "scale-position")
        return (long long)scalePosition.scales * scalePosition.positions * scalePosition.positions;
    return -1;
}

WorldSpec WorldSpec::fromJson(const JsonValue& j)
{
    j.asObject();
    WorldSpec s = named(j.string("kind", "rotation"));
    if (s.kind == "folder")
        s.folder = j.string("folder", "");
    s.contexts = int(j.integer("contexts", s.contexts, 2, 10000));
    s.glyphs = j.oneOf("glyphs", s.glyphs, {"mnist", "mnist-deskewed", "mnist+letters"});
    s.characters = j.string("characters", s.characters);
    s.swap = j.boolean("swap", false);
    if (const JsonValue* f = j.find("fonts"))
        for (const JsonValue& family : f->asArray())
            s.fonts.push_back(family.asString());
    s.turnDeg = j.number("turn_deg", s.turnDeg, 1e-6, 360);
    if (const JsonValue* sp = j.find("scale_position")) {
        const ScalePositionSettings d;
        s.scalePosition.scales = int(sp->integer("scales", d.scales, 1, 64));
        s.scalePosition.positions = int(sp->integer("positions", d.positions, 1, 64));
        s.scalePosition.frame = int(sp->integer("frame", d.frame, 1, 1024));
        s.scalePosition.minScale = sp->number("min_scale", d.minScale, 1e-3, 8);
        s.scalePosition.maxScale = sp->number("max_scale", d.maxScale, 1e-3, 8);
    }
    s.validate();
    return s;
}

} // namespace latentset
