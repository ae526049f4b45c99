#pragma once
// What an IncrementalExperiment measured (a value; no Qt). Accuracies are
// fractions in [0, 1] over the whole test split (every class, no task
// label); -1 = not run. Times in seconds.
#include "latentset/util/Types.h"

#include <cstdint>
#include <string>
#include <vector>

namespace latentset {

// Mean and sample standard deviation (0 for one value) of values >= 0.
struct MeanSd {
    double mean = -1, sd = 0;
    static MeanSd of(const std::vector<double>& values);
};

struct IncrementalRun {
    std::uint64_t seed = 0;
    // Accuracy on all classes after each task (classes not learned yet count
    // as errors), per model; the last entry is the final accuracy.
    std::vector<double> setAfterTask, finetuneAfterTask, replayAfterTask;
    double setAccuracy = -1, finetuneAccuracy = -1, replayAccuracy = -1, jointSetAccuracy = -1;
    std::vector<double> setPerClass;   // recall per class, the incremental set at the end
    // Members' hashes (MemberHash) when their own task ended, and at the end
    // of the run; equal = no later task touched them.
    std::vector<std::uint64_t> hashAtOwnTask, hashAtEnd;
    bool earlierMembersUnchanged = false; // every member: hashAtOwnTask == hashAtEnd
    // Repair: the member trained alone, per-class recall before and after,
    // and whether every other member kept its bits.
    int repairMember = -1;
    std::vector<double> repairPerClassBefore, repairPerClassAfter;
    double repairAccuracyBefore = -1, repairAccuracyAfter = -1;
    bool repairOthersUnchanged = false;
    double setSeconds = 0, finetuneSeconds = 0, replaySeconds = 0, jointSeconds = 0, repairSeconds = 0;
};

struct IncrementalResult {
    // van de Ven, Tuytelaars & Tolias 2022, class-incremental split MNIST
    // (their Table 2), for the tables beside ours.
    static constexpr double kPublishedFinetune = 0.199, kPublishedEwc = 0.206, kPublishedSi = 0.212,
                            kPublishedReplay = 0.888, kPublishedGenerativeReplay = 0.904,
                            kPublishedVaePerClass = 0.938, kPublishedJoint = 0.982;

    std::string dataset;
    Index trainImages = 0, testImages = 0;
    int classes = 0;
    std::vector<std::vector<int>> tasks;
    std::vector<IncrementalRun> runs;
    unsigned threads = 0;
    double seconds = 0;
    bool stopped = false;

    MeanSd stat(double IncrementalRun::*field) const;
};

} // namespace latentset
