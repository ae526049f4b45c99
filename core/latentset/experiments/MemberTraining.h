#pragma once
// Trains chosen members of a class set and leaves every other one alone:
// the step shared by the class-incremental experiment (a task's new
// members), its joint reference (all members) and the repair of one member.
// The members named are moved into a ClassSetTask (nn/ClassSetTask: each
// member on mini-batches of its own class's images, member-parallel), trained
// for an exact number of steps (FixedStepsTask) and moved back; the others
// are not read or written, so their bits cannot change (MemberHash checks).
//
// Threads: blocking, on the calling thread (plus the Trainer's pool).
#include "latentset/data/Dataset.h"
#include "latentset/experiments/ExperimentObserver.h"
#include "latentset/experiments/StopToken.h"
#include "latentset/nn/Autoencoder.h"
#include "latentset/nn/AutoencoderConfig.h"
#include "latentset/nn/ClassSetTask.h"

#include <cstdint>
#include <string>
#include <vector>

namespace latentset {

class ThreadPool;

struct MemberTrainingSettings {
    Index batchSize = 64;       // images per member per step
    float learningRate = 1e-3f; // Adam, constant
    std::uint64_t seed = 1;     // batch order (ClassSetSettings::seed)
    std::int64_t steps = 2000;
    unsigned threads = 0;
    float maskingNoise = 0.0f; // as ClassSetSettings (the recipes here use none)
    int shiftPixels = 0;       // as ClassSetSettings
};

class MemberTraining {
public:
    // The ClassSetTask settings of `settings` (Adam at a constant rate).
    static ClassSetSettings taskSettings(const MemberTrainingSettings& settings);
    // Trains members[which[k]] on data[k] (its class's images). Returns false
    // when `stop` cancelled it (the members then hold the weights reached).
    // Throws latentset::Error for empty data or mismatched sizes.
    static bool train(const AutoencoderConfig& config, std::vector<Autoencoder>& members, const std::vector<int>& which,
                      std::vector<Dataset> data, const MemberTrainingSettings& settings, ExperimentObserver* observer,
                      const std::string& phase, const StopToken& stop);
    // Squared reconstruction errors (the paper's eq. 5 term, SetClassifier's
    // default) of every image of `data` under members[first, first + count):
    // count x N.
    static Matrix errors(const AutoencoderConfig& config, const std::vector<Autoencoder>& members, int first,
                         int count, const Dataset& data, ThreadPool& pool);
};

} // namespace latentset
