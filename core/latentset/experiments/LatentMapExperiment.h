#pragma once
// The latent map (docs/latent-map.md): the codes of a chosen set of inputs
// projected to 2-D, and the number behind the paper's claim that after
// cross-training the same item has the same code in every context.
//
// Inputs, two kinds:
//   * a class set and labelled images (its test split): the first
//     settings.points images, each encoded by the member that explains it
//     best or by one chosen member (LatentMapSettings::member);
//   * the members of a world (member c = context c: a cube world or any
//     ContextWorld) and the world's held-out view: the first
//     points / contexts items, each encoded in every context by that
//     context's member (its shared latent code there).
// Then PCA (exact; or in a fixed basis given with setBasis, so that a
// live map does not jump between snapshots) or Barnes-Hut t-SNE.
// `latentset-cli latent` and the GUI's latent-map view are front ends.
//
// Stages (ExperimentObserver::stageReached; partial() holds what is set):
//   "codes"      codes, item/context/label, spread are set
//   "neighbours", "affinities"   t-SNE's first two steps (t-SNE only)
//   "projected"  the whole result
// Progress: t-SNE's optimisation reports progress("tsne", p) every
// tsne.reportEvery iterations with p.epoch = iteration, p.epochs =
// iterations, p.losses = {KL}. run() blocks (the shared ThreadPool); the
// stop token is checked between encoding batches and t-SNE iterations: a
// stopped run returns what it has, stopped = true (coordinates: the t-SNE
// layout so far, or empty when stopped before the projection).
#include "latentset/data/Dataset.h"
#include "latentset/experiments/ExperimentObserver.h"
#include "latentset/experiments/LatentMapResult.h"
#include "latentset/experiments/LatentMapSettings.h"
#include "latentset/experiments/StopToken.h"
#include "latentset/nn/AutoencoderSet.h"
#include "latentset/world/ContextWorld.h"

#include <memory>

namespace latentset {

class LatentMapExperiment {
public:
    // A class set on labelled images (their pixel count = the set's input).
    LatentMapExperiment(LatentMapSettings settings, std::shared_ptr<const AutoencoderSet> set,
                        std::shared_ptr<const Dataset> images);
    // A world's members (one per context of `world`, input = its largest mask).
    LatentMapExperiment(LatentMapSettings settings, std::shared_ptr<const AutoencoderSet> members,
                        std::shared_ptr<const ContextWorld> world);

    // PCA in this basis instead of a fitted one (its dimension must be the
    // codes'; else it is refitted and a note says so). Null: fit.
    void setBasis(std::shared_ptr<const Pca> basis) { fixedBasis_ = std::move(basis); }

    // Throws latentset::Error (bad settings, inputs that do not fit the set).
    LatentMapResult run(ExperimentObserver* observer = nullptr, StopToken stop = {});
    const LatentMapResult& partial() const { return result_; }
    const LatentMapSettings& settings() const { return settings_; }

private:
    void encodeClassSet(StopToken stop);
    void encodeWorld(StopToken stop);
    void measureSpread();
    void project(ExperimentObserver* observer, StopToken stop);

    LatentMapSettings settings_;
    std::shared_ptr<const AutoencoderSet> set_;
    std::shared_ptr<const Dataset> images_;
    std::shared_ptr<const ContextWorld> world_;
    std::shared_ptr<const Pca> fixedBasis_;
    LatentMapResult result_;
};

} // namespace latentset
