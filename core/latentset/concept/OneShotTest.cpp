#include "latentset/concept/OneShotTest.h"

#include "latentset/concept/MidpointHyperplane.h"
#include "latentset/util/Error.h"
#include "latentset/util/ThreadPool.h"

#include <algorithm>
#include <cmath>
#include <string>

namespace latentset {

double OneShotResult::meanSameGlyphDistance() const
{
    if (contexts < 2)
        return 0;
    return double(sameGlyphDistance.sum()) / double(contexts - 1); // the source's own 0 is left out
}

double OneShotResult::worstMargin() const
{
    const double half = 0.5 * otherGlyphDistance;
    if (contexts == 0 || half <= 0)
        return 0;
    // A's distances should be negative, B's positive: the signed margin of the worst case.
    const double worst = std::min(double((-distanceA).minCoeff()), double(distanceB.minCoeff()));
    return worst / half;
}

OneShotResult OneShotTest::run(const Vector& glyphA, const Vector& glyphB, int source, ThreadPool* pool) const
{
    const int n = world_.size();
    if (source < 0 || source >= n)
        throw Error("one-shot: source context " + std::to_string(source) + " is not in 0.." + std::to_string(n - 1));
    Matrix glyphs(glyphA.size(), 2);
    if (glyphA.size() != glyphB.size())
        throw Error("one-shot: glyphs A and B differ in size");
    glyphs.col(0) = glyphA;
    glyphs.col(1) = glyphB;

    const Matrix shown = world_.encodeGlyphs(source, glyphs); // shown once, in context s
    const MidpointHyperplane plane(shown.col(0), shown.col(1));

    OneShotResult r;
    r.source = source;
    r.contexts = n;
    r.otherGlyphDistance = plane.separation();
    r.distanceA.resize(n);
    r.distanceB.resize(n);
    r.sameGlyphDistance.resize(n);
    auto one = [&](std::size_t index, unsigned) {
        const int c = int(index);
        const Matrix codes = world_.encodeGlyphs(c, glyphs);
        const Vector d = plane.signedDistances(codes);
        r.distanceA[c] = d[0];
        r.distanceB[c] = d[1];
        r.sameGlyphDistance[c] = (codes.col(0) - shown.col(0)).norm();
    };
    if (pool)
        pool->parallelFor(std::size_t(n), one);
    else
        for (int c = 0; c < n; ++c)
            one(std::size_t(c), 0);
    for (int c = 0; c < n; ++c) {
        const bool a = r.distanceA[c] < 0, b = r.distanceB[c] > 0;
        r.correctA += a;
        r.correctB += b;
        r.score += a && b;
    }
    return r;
}

} // namespace latentset
