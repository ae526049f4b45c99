#pragma once
// A small cube world for the concept tests, trained in a few seconds: few
// contexts at 32 x 32, small members on masked pixels, random "scribble"
// glyphs (never a check mark or a plus), self and cross steps through the
// engine's AutoencoderSet. Test scaffolding only: the real world comes from
// the cube area's trainer.
#include "latentset/concept/CubeWorldView.h"
#include "latentset/cube/CubeContexts.h"
#include "latentset/data/GlyphNormalizer.h"
#include "latentset/nn/AutoencoderSet.h"
#include "latentset/util/Random.h"

#include <algorithm>
#include <cmath>

namespace latentset::testing {

// n random glyphs (784 x n): a polyline of 2-4 strokes, MNIST-normalised.
inline Matrix scribbles(int n, std::uint64_t seed)
{
    Random random(seed);
    const int size = 56;
    Matrix out(784, n);
    for (int j = 0; j < n; ++j) {
        const int points = 3 + int(random.below(3));
        std::vector<Eigen::Vector2f> p;
        for (int k = 0; k < points; ++k)
            p.emplace_back(random.uniformF(0.1f, 0.9f), random.uniformF(0.1f, 0.9f));
        Vector canvas(size * size);
        for (int y = 0; y < size; ++y)
            for (int x = 0; x < size; ++x) {
                const Eigen::Vector2f q((x + 0.5f) / size, (y + 0.5f) / size);
                float d = 1e9f;
                for (int k = 0; k + 1 < points; ++k) {
                    const Eigen::Vector2f a = p[std::size_t(k)], b = p[std::size_t(k + 1)];
                    const float t = std::clamp((q - a).dot(b - a) / std::max(1e-6f, (b - a).squaredNorm()), 0.f, 1.f);
                    d = std::min(d, (q - (a + t * (b - a))).norm());
                }
                canvas[y * size + x] = std::clamp((0.05f - d) * size + 0.5f, 0.f, 1.f);
            }
        GlyphNormalizer::Options o;
        o.autoInvert = false;
        out.col(j) = GlyphNormalizer(o).normalize(canvas, size, size);
    }
    return out;
}

struct SmallCubeWorld {
    CubeContexts contexts;
    AutoencoderSet members;

    static CubeContextsConfig config(int sides, int tops)
    {
        CubeContextsConfig c;
        c.sideCount = sides;
        c.topCount = tops;
        c.cube.imageSize = 32;
        c.cube.subsamples = 2;
        return c;
    }

    SmallCubeWorld(int sides, int tops, std::uint64_t seed)
        : contexts(config(sides, tops)),
          members(AutoencoderConfig::make(contexts.largestMask(), {96}, 8, false), sides + tops, seed)
    {
        for (int i = 0; i < members.size(); ++i) {
            // A target weight for member i: its face's pixels, not the padding.
            Matrix m = Matrix::Zero(contexts.largestMask(), 1);
            m.topRows(contexts.warp(i).maskSize()).setOnes();
            masks.push_back(m);
        }
    }

    CubeWorldView view() const { return CubeWorldView(members, contexts); }

    // Alternating self and cross steps on random pairs of contexts.
    void train(const Matrix& glyphs, int steps, std::uint64_t seed)
    {
        Random random(seed);
        OptimizerSettings opt;
        const CubeWorldView v = view();
        const int batch = 32;
        Matrix g(glyphs.rows(), batch);
        for (int s = 0; s < steps; ++s) {
            for (int k = 0; k < batch; ++k)
                g.col(k) = glyphs.col(Index(random.below(std::uint64_t(glyphs.cols()))));
            const int i = int(random.below(std::uint64_t(members.size())));
            const int j = (s % 2 == 0) ? i : int(random.below(std::uint64_t(members.size())));
            const Matrix in = v.inputFromGlyphs(i, g);
            const Matrix target = (i == j) ? in : v.inputFromGlyphs(j, g);
            members.crossStep(i, j, in, target, &masks[std::size_t(j)], opt, 2e-3f);
        }
    }

    std::vector<Matrix> masks;
};

// One trained small world shared by the tests of this executable (built on
// first use, ~2 s): 6 side + 10 top contexts, 600 scribbles, 4000 steps.
inline const SmallCubeWorld& trainedSmallWorld()
{
    static const SmallCubeWorld world = [] {
        SmallCubeWorld w(6, 10, 7);
        w.train(scribbles(600, 11), 4000, 13);
        return w;
    }();
    return world;
}

} // namespace latentset::testing
