#include "training/ClassSetTaskBuilder.h"

#include "latentset/data/DatasetCatalog.h"
#include "latentset/data/DatasetSplits.h"
#include "latentset/nn/ClassSetState.h"

ClassSetTaskBuilder ClassSetTaskBuilder::build(const latentset::DatasetSplits& data,
                                               const latentset::AutoencoderConfig& config, std::uint64_t memberSeed,
                                               const latentset::ClassSetSettings& settings,
                                               latentset::TrainerSettings trainer,
                                               const std::shared_ptr<const latentset::AutoencoderSet>& start,
                                               const std::shared_ptr<std::string>& resumeState)
{
    ClassSetTaskBuilder b;
    b.classes = data.train.classCount();
    std::vector<latentset::Dataset> perClass;
    for (int c = 0; c < b.classes; ++c)
        perClass.push_back(data.train.ofClass(c));
    if (resumeState && !resumeState->empty()) {
        // Core's resume policy (nn/ClassSetState::restore).
        latentset::ClassSetState state;
        state.bytes = std::move(*resumeState); // the job owns them (ClassSetTrainingPanel::reset)
        latentset::ClassSetState::Restored restored = state.restore(std::move(perClass), settings);
        b.task = std::move(restored.task);
        trainer.startEpoch = restored.startEpoch;
        trainer.startBatch = restored.startBatch;
        if (!restored.note.empty())
            b.note = QString::fromStdString(restored.note);
    } else {
        latentset::AutoencoderSet set = start ? start->inferenceCopy()
                                              : latentset::AutoencoderSet(config, b.classes, memberSeed);
        b.task = std::make_shared<latentset::ClassSetTask>(std::move(set), std::move(perClass), settings);
    }
    b.trainer = trainer;
    return b;
}

std::shared_ptr<const latentset::DatasetSplits> ClassSetTaskBuilder::loadSplits(const std::string& idOrPath,
                                                                                latentset::Index validation)
{
    auto splits = std::make_shared<latentset::DatasetSplits>(latentset::DatasetCatalog::load(idOrPath));
    if (splits->validation.empty() && validation > 0 && splits->train.size() > validation)
        splits->carveValidation(validation);
    return splits;
}

std::function<std::string()> ClassSetTaskBuilder::stateJob(std::shared_ptr<const latentset::ClassSetTask> task)
{
    return [task = std::move(task)] { return latentset::ClassSetState::capture(*task).bytes; };
}
