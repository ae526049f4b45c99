#include "latentset/experiments/MemberTraining.h"

#include "latentset/experiments/FixedStepsTask.h"
#include "latentset/nn/AutoencoderSet.h"
#include "latentset/nn/ClassSetTask.h"
#include "latentset/nn/SetClassifier.h"
#include "latentset/util/Error.h"

namespace latentset {

ClassSetSettings MemberTraining::taskSettings(const MemberTrainingSettings& settings)
{
    ClassSetSettings cs;
    cs.batchSize = settings.batchSize;
    cs.optimizer.learningRate = settings.learningRate;
    cs.optimizer.schedule = OptimizerSettings::Schedule::Constant;
    cs.maskingNoise = settings.maskingNoise;
    cs.shiftPixels = settings.shiftPixels;
    cs.seed = settings.seed;
    return cs;
}

bool MemberTraining::train(const AutoencoderConfig& config, std::vector<Autoencoder>& members,
                           const std::vector<int>& which, std::vector<Dataset> data,
                           const MemberTrainingSettings& settings, ExperimentObserver* observer,
                           const std::string& phase, const StopToken& stop)
{
    if (which.size() != data.size() || which.empty())
        throw Error(phase + ": " + std::to_string(which.size()) + " members for " + std::to_string(data.size())
                    + " data partitions");
    std::vector<Autoencoder> chosen;
    for (int m : which) {
        if (m < 0 || m >= int(members.size()))
            throw Error(phase + ": no member " + std::to_string(m));
        chosen.push_back(std::move(members[std::size_t(m)]));
    }
    AutoencoderSet set;
    set.setMembers(config, std::move(chosen), settings.seed);
    auto task = std::make_shared<ClassSetTask>(std::move(set), std::move(data), taskSettings(settings));
    const auto giveBack = [&] {
        for (std::size_t k = 0; k < which.size(); ++k)
            members[std::size_t(which[k])] = std::move(task->set().member(int(k)));
    };
    try {
        const bool finished =
            FixedStepsTask::train(task, std::size_t(settings.steps), settings.threads, observer, phase, stop);
        giveBack();
        return finished;
    } catch (...) {
        giveBack();
        throw;
    }
}

Matrix MemberTraining::errors(const AutoencoderConfig& config, const std::vector<Autoencoder>& members, int first,
                              int count, const Dataset& data, ThreadPool& pool)
{
    std::vector<Autoencoder> copies;
    for (int m = first; m < first + count; ++m)
        copies.push_back(members[std::size_t(m)].inferenceCopy());
    auto set = std::make_shared<AutoencoderSet>();
    set->setMembers(config, std::move(copies), 0);
    return SetClassifier(set).errors(data, &pool);
}

} // namespace latentset
