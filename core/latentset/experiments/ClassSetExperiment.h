#pragma once
// The paper's classification experiment on any labelled dataset: a set of
// class autoencoders (one per class, decision by the smallest reconstruction
// error, optionally calibrated) and the MLP baseline on the same data, both
// trained with nn/Trainer. `latentset-cli mnist` is a front end of it; a GUI
// recipe builds its task from the same settings (taskSettings()).
//
// Stages (ExperimentObserver::stageReached), with what partial() holds:
//   "data"          dataset name, image counts, size, classes, load time
//   "model"         member description, threads (the set is built or loaded)
//   "set trained"   set epoch losses, timing, speed (loaded: loadedSteps)
//   "set evaluated" the confusion matrices, decision, evaluation time
//   "mlp"           the MLP is about to train (mlpHidden etc. set)
//   "mlp evaluated" MLP accuracy and matrix (trained or from the file)
//   "saved"         savedPath
// Phases of progress()/epochFinished(): "set", "mlp".
//
// Threads: run() blocks the calling thread, which trains (Trainer::run) with
// `threads` pool workers. Stop: the token cancels the running phase; the
// result then has stopped = true, and later phases are skipped.
#include "latentset/data/DatasetSplits.h"
#include "latentset/experiments/ClassSetExperimentSettings.h"
#include "latentset/experiments/ClassSetResult.h"
#include "latentset/experiments/ExperimentObserver.h"
#include "latentset/experiments/StopToken.h"
#include "latentset/util/ChunkFile.h"

#include <optional>

namespace latentset {

class ClassSetTask;
class MlpTask;
class SetClassifier;
class ThreadPool;

class ClassSetExperiment {
public:
    // Loads the dataset named by settings.dataset when run.
    explicit ClassSetExperiment(ClassSetExperimentSettings settings);
    // Uses `data` (a front end that has loaded it already); settings.dataset
    // is then only the name shown if the splits have none.
    ClassSetExperiment(ClassSetExperimentSettings settings, DatasetSplits data);
    ~ClassSetExperiment();

    // Throws latentset::Error for bad settings or data (naming the file).
    ClassSetResult run(ExperimentObserver* observer = nullptr, StopToken stop = {});
    // The result as far as the run has got: valid during observer callbacks.
    const ClassSetResult& partial() const { return result_; }
    const ClassSetExperimentSettings& settings() const { return settings_; }

private:
    void loadData();
    void buildSet(ThreadPool& pool);
    void trainSet(const StopToken& stop);
    void evaluateSet(ThreadPool& pool);
    void runMlp(const StopToken& stop);
    void save() const;
    void reach(const char* stage);

    ClassSetExperimentSettings settings_;
    std::optional<DatasetSplits> given_;
    DatasetSplits splits_;
    std::optional<ChunkFile> loaded_;
    std::shared_ptr<ClassSetTask> setTask_;
    std::shared_ptr<MlpTask> mlpTask_;
    std::unique_ptr<SetClassifier> classifier_;
    std::vector<EpochSummary> setHistory_;
    ExperimentObserver* observer_ = nullptr;
    ClassSetResult result_;
};

} // namespace latentset
