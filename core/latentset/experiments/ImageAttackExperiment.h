#pragma once
// One attack on one image (docs/robustness.md "In the app"): the app's
// attack view runs this when the user presses Run. The same core attacks
// as AttackExperiment (FGSM, PGD with restarts, DDN, the boundary attack)
// against the same DecisionModels (the set's squared error, eq. 4 or eq. 5;
// the MLP's logits), on a single image: a test digit with its label, or a
// drawn glyph, whose label is then the attacked model's clean decision.
// Besides the attack it evaluates both models' decisions and margins on
// the clean and the adversarial image, the set's per-class scores, and
// the set's anomaly score on both.
//
// Progress: ExperimentObserver::progress("attack", p) after each call of the
// attacked model, p.batch = calls so far, p.batchesPerEpoch = expectedCalls()
// (PGD leaves early once the image is fooled, so it can end below it).
// Stop: honoured at the next model call (WatchedDecision); the result then
// has stopped = true and the clean image as its adversarial (decisions,
// scores and anomaly are then those of the clean image on both sides).
//
// Threads: run() blocks; the set's members are spread over `threads` pool
// workers inside each call. Models are immutable snapshots; one run per object.
#include "latentset/experiments/AttackExperiment.h"
#include "latentset/experiments/ImageAttackResult.h"
#include "latentset/experiments/ImageAttackSettings.h"

namespace latentset {

class ImageAttackExperiment {
public:
    using Models = AttackExperiment::Models;

    // image: n pixels in [0, 1]; label: its true class, or -1 (a drawn
    // glyph: the attacked model's clean decision). Throws Error when the
    // models do not fit the image, the attacked model is absent, eq4/eq5 is
    // asked for without a likelihood model, or pixels leave [0, 1].
    ImageAttackExperiment(ImageAttackSettings settings, Models models, Vector image, int label,
                          unsigned threads = 0);
    ~ImageAttackExperiment();

    // Calls of the attacked model the attack makes at most.
    long long expectedCalls() const;

    // The eq. 4 scorer of the anomaly score (null without a likelihood
    // model), on the process-wide pool. A front end that attacks image after
    // image keeps it: its first evaluation does the estimator's one-time
    // set-up (~1.5 s on the paper's set, 2 cores), later ones take ~0.04 s.
    // Any thread; immutable, so it may be shared between runs of the same models.
    using Scorer = std::shared_ptr<const SetLikelihoodDecision>;
    static Scorer anomalyScorer(const Models& models);
    // Use `scorer` (built by anomalyScorer for these same models) instead of a new one.
    void setAnomalyScorer(Scorer scorer) { scorer_ = std::move(scorer); }
    // The scorer the last run used (to keep for the next one).
    const Scorer& usedAnomalyScorer() const { return scorer_; }
    ImageAttackResult run(ExperimentObserver* observer = nullptr, StopToken stop = {});

private:
    // The set's rule; eq. 4 is the anomaly scorer itself (so it is kept between runs too).
    std::shared_ptr<const DecisionModel> setModel(ThreadPool* pool);
    AttackOutcome attack(const DecisionModel& model, const Matrix& X0, const std::vector<int>& labels) const;
    static ImageAttackResult::Decision decisionOf(const DecisionModel& model, const Matrix& clean,
                                                  const Matrix& adversarial, int label);
    std::vector<double> anomaly(const Matrix& X, ThreadPool& pool); // per column

    ImageAttackSettings settings_;
    Models models_;
    Vector image_;
    int label_ = -1;
    unsigned threads_ = 0;
    Scorer scorer_;
};

} // namespace latentset
