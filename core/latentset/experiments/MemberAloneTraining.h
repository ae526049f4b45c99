#pragma once
// Trains one member of an existing class set alone, for N more epochs on its
// own class's images, with its own Adam state (docs/less-is-more.md "In the
// app"; the repair of IncrementalExperiment, for a set the user holds).
//
// The member is COPIED — values, Adam moments and step count — into a
// one-member ClassSetTask (nn/ClassSetTask, the set's training step); the
// set is only read until install() moves the trained copy into it as that
// member. Until then the set is unchanged, so cancelling (a stopped run, a
// front end's Trainer cancelled) leaves it as it was: drop this object. No
// other member is read for training or written: their bits cannot change,
// and hashAfter() shows it (MemberHash of every member, before and after).
//
// Accuracy per class (the raw decision: smallest squared reconstruction
// error, SetClassifier's default, the training panel's rule) is scored on
// images the caller gives, before (every member) and after (the trained
// member's row recomputed, the others' rows kept).
//
// A front end runs task() with its own Trainer (trainerSettings(): pause,
// step, cancel); run() does the same, blocking, on the calling thread.
//
// Threads: the constructor, scoreBefore(), scoreAfter() and hashAfter()
// only read the set and may run on a worker while nothing trains the set;
// install() writes it (cheap: a move) where nothing else reads it.
#include "latentset/data/Dataset.h"
#include "latentset/experiments/ExperimentObserver.h"
#include "latentset/experiments/MemberAloneResult.h"
#include "latentset/experiments/MemberAloneSettings.h"
#include "latentset/experiments/StopToken.h"
#include "latentset/nn/Trainer.h"

#include <memory>

namespace latentset {

class AutoencoderSet;
class ClassSetTask;
class ThreadPool;

class MemberAloneTraining {
public:
    // Throws latentset::Error for a member out of range, no images, images
    // of another size than the members' input, or bad settings.
    MemberAloneTraining(const AutoencoderSet& set, Dataset classImages, MemberAloneSettings settings);
    ~MemberAloneTraining();

    const MemberAloneSettings& settings() const { return settings_; }
    const MemberAloneResult& result() const { return result_; }
    // The one-member task (its set's member 0 is the copy being trained).
    std::shared_ptr<ClassSetTask> task() const { return task_; }
    // Trainer settings of the run: settings().epochs epochs, its threads.
    TrainerSettings trainerSettings() const;

    // Blocking: trains settings().epochs epochs on the calling thread.
    // Returns false when `stop` cancelled it (result().stopped); throws
    // latentset::Error if training failed (a non-finite loss).
    bool run(ExperimentObserver* observer = nullptr, const StopToken& stop = {});
    // True when every planned step was trained (by run() or a front end's Trainer).
    bool trained() const;

    // Per-class accuracy of `set` on `scored` (labels = classes); keeps the
    // errors for scoreAfter(). Call before or during training.
    void scoreBefore(const AutoencoderSet& set, const Dataset& scored, ThreadPool* pool);
    // The same with the trained copy in place of the member (after training,
    // after scoreBefore on the same images).
    void scoreAfter(const Dataset& scored, ThreadPool* pool);
    // Moves the trained copy into `set` as the member (trained() required,
    // once). Throws latentset::Error for a set of another shape.
    void install(AutoencoderSet& set);
    // Every member's hash of `set` after install().
    void hashAfter(const AutoencoderSet& set);

    // Hashes (MemberHash) of every member of `set`.
    static std::vector<std::uint64_t> hashes(const AutoencoderSet& set);

private:
    void scoreFrom(const Matrix& errors, const std::vector<int>& labels, std::vector<double>& perClass,
                   double& overall) const;

    MemberAloneSettings settings_;
    int classes_ = 0;
    Index inputSize_ = 0;
    std::shared_ptr<ClassSetTask> task_;
    std::size_t plannedSteps_ = 0;
    Matrix errorsBefore_; // classes x scored images
    bool installed_ = false;
    MemberAloneResult result_;
};

} // namespace latentset
