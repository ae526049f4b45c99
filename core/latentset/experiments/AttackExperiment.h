#pragma once
// The adversarial-robustness experiment (docs/robustness.md): the class set
// and the MLP baseline attacked on the same test images with the same
// attacks (core/robust: FGSM, PGD with restarts, DDN, the decision-based
// boundary attack), under L-infinity and L2, at every eps of the grid.
// Reports each attack's accuracy curve, the per-image worst case over all
// attacks, the strongest attack per eps, the median minimal L2 distance and
// whether the set's anomaly score notices the attack (detection AUROC).
// `latentset-cli attack` is a front end of it.
//
// Stages (ExperimentObserver::stageReached), with what partial() holds:
//   "data"    dataset, images, member description, set decision, anomaly score
//   "clean"   setClean, mlpClean
//   "minimal" DDN and boundary curves are known once the last norm finishes
//   "norm"    after each norm: its AttackNormResult appended
// Phase of progress(): "attack" (epoch = job, epochs = jobs, batch = chunk).
//
// Threads: run() blocks; chunks of images are attacked in parallel on
// `threads` pool workers (each model serial inside a chunk). Stop: checked
// between chunks; a stopped result has stopped = true and holds the norms
// finished so far.
#include "latentset/experiments/AttackResult.h"
#include "latentset/experiments/AttackSettings.h"
#include "latentset/experiments/ExperimentObserver.h"
#include "latentset/experiments/StopToken.h"
#include "latentset/robust/AttackOutcome.h"
#include "latentset/util/Stopwatch.h"

#include <functional>
#include <map>
#include <memory>

namespace latentset {

class AutoencoderSet;
class DecisionModel;
class LikelihoodModel;
class Mlp;
class SetErrorDecision;
class SetLikelihoodDecision;
class ThreadPool;

class AttackExperiment {
public:
    // What is attacked. The likelihood model is optional for the "sse"
    // decision (it then only gives the anomaly score: eq. 4, else the
    // smallest squared error).
    struct Models {
        std::shared_ptr<const AutoencoderSet> set;
        std::shared_ptr<const Mlp> mlp;
        std::shared_ptr<const LikelihoodModel> likelihood;
    };
    // The set, its MLP ("MLPN", required) and the likelihood chunks if the
    // file holds them. Throws Error naming the file.
    static Models loadModels(const std::string& path);

    // Reads settings.model and settings.dataset's test split when run.
    explicit AttackExperiment(AttackSettings settings);
    // Given models and images (n x N in [0, 1], N labels); settings.model and
    // settings.dataset are then only names.
    AttackExperiment(AttackSettings settings, Models models, Matrix images, std::vector<int> labels);
    ~AttackExperiment();

    AttackResult run(ExperimentObserver* observer = nullptr, StopToken stop = {});
    const AttackResult& partial() const { return result_; }

private:
    struct Target; // one attacked model and what was found against it
    using AttackFn = std::function<AttackOutcome(const DecisionModel&, const Matrix&, const std::vector<int>&)>;

    void prepare(ThreadPool& pool);
    void runMinimal(Target& target, ThreadPool& pool, const StopToken& stop);
    void runNorm(AttackNorm norm, ThreadPool& pool, const StopToken& stop);
    // Which images `attack` fooled within eps (its images into `images`):
    // FGSM and PGD run here, DDN and boundary are read from runMinimal's.
    std::vector<bool> attackAt(Target& target, const std::string& attack, AttackNorm norm, double eps,
                               ThreadPool& pool, const StopToken& stop, Matrix& images);
    // The attack over the first `count` images in chunks, in parallel.
    AttackOutcome chunked(const AttackFn& attack, const DecisionModel& model, Index count, ThreadPool& pool,
                          const StopToken& stop);
    std::vector<double> anomalyScores(const Matrix& X, ThreadPool& pool) const;
    double detection(const std::vector<bool>& fooled, const Matrix& adversarial, ThreadPool& pool, Index& count) const;
    void reach(const char* stage);

    AttackSettings settings_;
    Models models_;
    Matrix images_;
    std::vector<int> labels_;
    bool given_ = false;
    std::vector<std::unique_ptr<Target>> targets_; // set, mlp
    std::unique_ptr<SetLikelihoodDecision> anomaly_; // eq. 4 scorer when the likelihood model is there
    std::unique_ptr<SetErrorDecision> errorScorer_;  // otherwise
    std::vector<double> cleanAnomaly_;
    ExperimentObserver* observer_ = nullptr;
    std::size_t job_ = 0, jobs_ = 0;
    Stopwatch clock_; // restarted by run()
    bool stopped_ = false;
    AttackResult result_;
};

} // namespace latentset
