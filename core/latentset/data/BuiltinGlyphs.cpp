#include "latentset/data/BuiltinGlyphs.h"

#include "latentset/data/GlyphNormalizer.h"
#include "latentset/util/Error.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace latentset {

namespace {

// A pen stroke in the unit box (x right, y down). Arcs run counter-clockwise
// on screen... in y-down coordinates that is clockwise in maths terms; only
// the set of points matters here, so angles are plain atan2(y, x) of the
// y-down frame, from a0 to a1 (a1 > a0).
struct Stroke {
    bool arc = false;
    float x0 = 0, y0 = 0, x1 = 0, y1 = 0; // segment ends, or centre (x0, y0) and radius x1 for an arc
    float a0 = 0, a1 = 0;                 // arc angles in degrees
};

Stroke seg(float x0, float y0, float x1, float y1) { return {false, x0, y0, x1, y1, 0, 0}; }
Stroke arc(float cx, float cy, float r, float a0, float a1) { return {true, cx, cy, r, 0, a0, a1}; }

struct Shape {
    std::string name;
    std::vector<Stroke> strokes;
};

std::vector<Shape> makeShapes()
{
    constexpr float h = 0.866f; // sqrt(3)/2 for the triangle
    std::vector<Shape> s;
    // The paper's two new patterns (fig. 8): a check mark and a plus.
    s.push_back({"V", {seg(0.05f, 0.55f, 0.35f, 0.95f), seg(0.35f, 0.95f, 0.95f, 0.05f)}});
    s.push_back({"plus", {seg(0.5f, 0.05f, 0.5f, 0.95f), seg(0.05f, 0.5f, 0.95f, 0.5f)}});
    // Geometric shapes.
    s.push_back({"circle", {arc(0.5f, 0.5f, 0.45f, 0, 360)}});
    s.push_back({"triangle", {seg(0.5f, 0.5f - 0.45f * h, 0.05f, 0.5f + 0.45f * h), seg(0.05f, 0.5f + 0.45f * h, 0.95f, 0.5f + 0.45f * h),
                              seg(0.95f, 0.5f + 0.45f * h, 0.5f, 0.5f - 0.45f * h)}});
    s.push_back({"square", {seg(0.1f, 0.1f, 0.9f, 0.1f), seg(0.9f, 0.1f, 0.9f, 0.9f), seg(0.9f, 0.9f, 0.1f, 0.9f), seg(0.1f, 0.9f, 0.1f, 0.1f)}});
    s.push_back({"X", {seg(0.1f, 0.1f, 0.9f, 0.9f), seg(0.9f, 0.1f, 0.1f, 0.9f)}});
    s.push_back({"diamond", {seg(0.5f, 0.05f, 0.9f, 0.5f), seg(0.9f, 0.5f, 0.5f, 0.95f), seg(0.5f, 0.95f, 0.1f, 0.5f), seg(0.1f, 0.5f, 0.5f, 0.05f)}});
    s.push_back({"asterisk", {seg(0.5f, 0.05f, 0.5f, 0.95f), seg(0.11f, 0.275f, 0.89f, 0.725f), seg(0.89f, 0.275f, 0.11f, 0.725f)}});
    s.push_back({"arrow", {seg(0.1f, 0.9f, 0.9f, 0.1f), seg(0.9f, 0.1f, 0.45f, 0.12f), seg(0.9f, 0.1f, 0.88f, 0.55f)}});
    s.push_back({"hash", {seg(0.35f, 0.05f, 0.3f, 0.95f), seg(0.7f, 0.05f, 0.65f, 0.95f), seg(0.1f, 0.33f, 0.9f, 0.33f), seg(0.1f, 0.67f, 0.9f, 0.67f)}});
    s.push_back({"heart", {arc(0.3f, 0.3f, 0.2f, 150, 360), arc(0.7f, 0.3f, 0.2f, 180, 390), seg(0.127f, 0.4f, 0.5f, 0.9f), seg(0.873f, 0.4f, 0.5f, 0.9f)}});
    s.push_back({"moon", {arc(0.5f, 0.5f, 0.45f, 90, 270), arc(0.75f, 0.5f, 0.38f, 128, 232)}});
    // Capital letters that are not easily taken for a digit.
    s.push_back({"A", {seg(0.1f, 0.95f, 0.5f, 0.05f), seg(0.5f, 0.05f, 0.9f, 0.95f), seg(0.27f, 0.6f, 0.73f, 0.6f)}});
    s.push_back({"E", {seg(0.2f, 0.05f, 0.2f, 0.95f), seg(0.2f, 0.05f, 0.8f, 0.05f), seg(0.2f, 0.5f, 0.7f, 0.5f), seg(0.2f, 0.95f, 0.8f, 0.95f)}});
    s.push_back({"F", {seg(0.25f, 0.05f, 0.25f, 0.95f), seg(0.25f, 0.05f, 0.8f, 0.05f), seg(0.25f, 0.5f, 0.7f, 0.5f)}});
    s.push_back({"H", {seg(0.2f, 0.05f, 0.2f, 0.95f), seg(0.8f, 0.05f, 0.8f, 0.95f), seg(0.2f, 0.5f, 0.8f, 0.5f)}});
    s.push_back({"K", {seg(0.2f, 0.05f, 0.2f, 0.95f), seg(0.8f, 0.05f, 0.2f, 0.55f), seg(0.38f, 0.42f, 0.8f, 0.95f)}});
    s.push_back({"L", {seg(0.25f, 0.05f, 0.25f, 0.95f), seg(0.25f, 0.95f, 0.8f, 0.95f)}});
    s.push_back({"M", {seg(0.1f, 0.95f, 0.1f, 0.05f), seg(0.1f, 0.05f, 0.5f, 0.6f), seg(0.5f, 0.6f, 0.9f, 0.05f), seg(0.9f, 0.05f, 0.9f, 0.95f)}});
    s.push_back({"N", {seg(0.15f, 0.95f, 0.15f, 0.05f), seg(0.15f, 0.05f, 0.85f, 0.95f), seg(0.85f, 0.95f, 0.85f, 0.05f)}});
    s.push_back({"T", {seg(0.1f, 0.05f, 0.9f, 0.05f), seg(0.5f, 0.05f, 0.5f, 0.95f)}});
    s.push_back({"W", {seg(0.05f, 0.05f, 0.27f, 0.95f), seg(0.27f, 0.95f, 0.5f, 0.35f), seg(0.5f, 0.35f, 0.73f, 0.95f), seg(0.73f, 0.95f, 0.95f, 0.05f)}});
    s.push_back({"Y", {seg(0.1f, 0.05f, 0.5f, 0.5f), seg(0.9f, 0.05f, 0.5f, 0.5f), seg(0.5f, 0.5f, 0.5f, 0.95f)}});
    s.push_back({"Z", {seg(0.15f, 0.05f, 0.85f, 0.05f), seg(0.85f, 0.05f, 0.15f, 0.95f), seg(0.15f, 0.95f, 0.85f, 0.95f)}});
    s.push_back({"U", {seg(0.2f, 0.05f, 0.2f, 0.6f), arc(0.5f, 0.6f, 0.3f, 0, 180), seg(0.8f, 0.6f, 0.8f, 0.05f)}});
    return s;
}

const std::vector<Shape>& shapes()
{
    static const std::vector<Shape> all = makeShapes();
    return all;
}

std::string canonical(const std::string& name)
{
    if (name == "+")
        return "plus";
    if (name == "check" || name == "v")
        return "V";
    return name;
}

float distanceTo(const Stroke& s, float px, float py)
{
    if (!s.arc) {
        const float dx = s.x1 - s.x0, dy = s.y1 - s.y0;
        const float len2 = dx * dx + dy * dy;
        const float t = len2 > 0 ? std::clamp(((px - s.x0) * dx + (py - s.y0) * dy) / len2, 0.f, 1.f) : 0.f;
        return std::hypot(px - (s.x0 + t * dx), py - (s.y0 + t * dy));
    }
    const float cx = s.x0, cy = s.y0, r = s.x1;
    constexpr float deg = std::numbers::pi_v<float> / 180.f;
    float a = std::atan2(py - cy, px - cx) / deg; // (-180, 180]
    // Bring the angle into [a0, a0 + 360).
    while (a < s.a0)
        a += 360.f;
    while (a >= s.a0 + 360.f)
        a -= 360.f;
    if (a <= s.a1)
        return std::abs(std::hypot(px - cx, py - cy) - r);
    const float ex0 = cx + r * std::cos(s.a0 * deg), ey0 = cy + r * std::sin(s.a0 * deg);
    const float ex1 = cx + r * std::cos(s.a1 * deg), ey1 = cy + r * std::sin(s.a1 * deg);
    return std::min(std::hypot(px - ex0, py - ey0), std::hypot(px - ex1, py - ey1));
}

} // namespace

const std::vector<std::string>& BuiltinGlyphs::names()
{
    static const std::vector<std::string> all = [] {
        std::vector<std::string> n;
        for (const Shape& s : shapes())
            n.push_back(s.name);
        return n;
    }();
    return all;
}

std::vector<std::string> BuiltinGlyphs::shapeNames()
{
    std::vector<std::string> n;
    for (const std::string& name : names())
        if (name != "V" && name != "plus")
            n.push_back(name);
    return n;
}

bool BuiltinGlyphs::has(const std::string& name)
{
    const std::string c = canonical(name);
    return std::any_of(shapes().begin(), shapes().end(), [&](const Shape& s) { return s.name == c; });
}

Vector BuiltinGlyphs::render(const std::string& name)
{
    const std::string c = canonical(name);
    const auto it = std::find_if(shapes().begin(), shapes().end(), [&](const Shape& s) { return s.name == c; });
    if (it == shapes().end()) {
        std::string known;
        for (const std::string& n : names())
            known += (known.empty() ? "" : ", ") + n;
        throw Error("built-in glyph \"" + name + "\": unknown (known: " + known + ")");
    }
    // Canvas: 112 x 112 (4 x 28), the unit box mapped to [8, 104]. The pen is
    // 0.14 box units wide: after the normaliser shrinks the ~100 px ink box to
    // 20 px, that is ~2.8 px, MNIST's typical stroke.
    constexpr int size = 112;
    constexpr float margin = 8.f, span = 96.f, halfWidth = 0.07f;
    const float pixel = 1.f / span; // one canvas pixel in box units
    Vector canvas(size * size);
    for (int y = 0; y < size; ++y)
        for (int x = 0; x < size; ++x) {
            const float bx = (float(x) + 0.5f - margin) / span, by = (float(y) + 0.5f - margin) / span;
            float d = 1e9f;
            for (const Stroke& s : it->strokes)
                d = std::min(d, distanceTo(s, bx, by));
            // Linear ramp over one canvas pixel at the pen's edge: anti-aliasing.
            canvas[y * size + x] = std::clamp((halfWidth - d) / pixel + 0.5f, 0.f, 1.f);
        }
    GlyphNormalizer::Options options;
    options.autoInvert = false;
    return GlyphNormalizer(options).normalize(canvas, size, size);
}

} // namespace latentset
