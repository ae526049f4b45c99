#include "latentset/experiments/ImagineExperiment.h"

#include "latentset/concept/CubeWorldView.h"
#include "latentset/cube/CubeRenderer.h"
#include "latentset/util/Error.h"
#include "latentset/util/Stopwatch.h"

#include <algorithm>

namespace latentset {

namespace {

// Mean squared error over the pixels either image covers.
double maskedError(const Vector& a, const Vector& aMask, const Vector& real)
{
    const auto covered = (aMask.array() > 0 || real.array() > 0).cast<float>();
    return double(((a - real).array().square() * covered).sum()) / std::max(1.f, covered.sum());
}

// The code decoded by the contexts the cube at `theta` truly falls into.
Vector oracleFrame(const CubeWorldView& view, const CubeContexts& contexts, double theta, const Vector& code, Index size)
{
    Vector oracle = Vector::Zero(size);
    for (int c : contexts.contextsOfCube(theta)) {
        if (c < 0)
            continue;
        const Matrix px = view.decodeMasked(c, code);
        const auto& mask = contexts.warp(c).mask();
        for (std::size_t k = 0; k < mask.size(); ++k)
            oracle[mask[k]] = std::max(oracle[mask[k]], px(Index(k), 0));
    }
    return oracle;
}

} // namespace

ImagineExperiment::ImagineExperiment(ImagineSettings settings, std::shared_ptr<const CubeModel> world,
                                     std::shared_ptr<const ConceptModel> level2, GlyphSource glyphs)
    : settings_(std::move(settings)), world_(std::move(world)), concept_(std::move(level2)), glyphs_(std::move(glyphs))
{
    if (!world_ || !concept_)
        throw Error("imagine: needs a cube world and its level-2 concept");
    if (!glyphs_)
        glyphs_ = [](const std::string& word) { return CoreGlyphs::resolve(word); };
}

ImagineResult ImagineExperiment::run() const
{
    settings_.validate();
    const CubeWorldView view(world_->members, *world_->contexts);
    if (settings_.source >= view.size())
        throw Error("--source must be below " + std::to_string(view.size()));
    const ConceptModel& model = *concept_;
    const CubeImaginer imaginer(view, model);
    const CubeRenderer renderer(world_->contexts->geometry());
    const Vector glyph = glyphs_(settings_.glyph);
    Matrix g(glyph.size(), 1);
    g.col(0) = glyph;
    const Vector code = view.encodeGlyphs(settings_.source, g).col(0);

    ImagineResult r;
    r.uMin = model.uMin();
    r.uMax = model.uMax();
    // Frame time: the slider's work, on the calling thread only.
    Stopwatch clock;
    const int repeats = 200;
    for (int k = 0; k < repeats; ++k)
        (void)imaginer.imagine(r.uMin + (r.uMax - r.uMin) * (k % 50) / 49.0, code);
    r.msPerFrame = clock.milliseconds() / repeats;

    const int steps = settings_.steps;
    for (int s = 0; s < steps; ++s) {
        ImagineResult::Step step;
        step.u = r.uMin + (r.uMax - r.uMin) * s / (steps - 1);
        step.frame = imaginer.imagine(step.u, code);
        step.theta = model.thetaAt(step.u);
        step.rendered = renderer.renderCube(step.theta, glyph);
        step.error = maskedError(step.frame.image, step.frame.mask, step.rendered);
        const Vector oracle = oracleFrame(view, *world_->contexts, step.theta, code, step.rendered.size());
        step.oracleError = maskedError(oracle, oracle, step.rendered);
        r.meanError += step.error / steps;
        r.steps.push_back(std::move(step));
    }
    return r;
}

} // namespace latentset
