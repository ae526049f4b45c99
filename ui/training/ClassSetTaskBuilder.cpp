#include "training/ClassSetTaskBuilder.h"

#include "latentset/data/DatasetCatalog.h"
#include "latentset/data/DatasetSplits.h"
#include "latentset/nn/ModelFile.h"
#include "latentset/util/ChunkFile.h"
#include "latentset/util/Error.h"

#include <QCoreApplication>

ClassSetTaskBuilder ClassSetTaskBuilder::build(const latentset::DatasetSplits& data,
                                               const latentset::AutoencoderConfig& config, std::uint64_t memberSeed,
                                               const latentset::ClassSetSettings& settings,
                                               latentset::TrainerSettings trainer,
                                               const std::shared_ptr<const latentset::AutoencoderSet>& start,
                                               const std::shared_ptr<const std::string>& resumeState)
{
    ClassSetTaskBuilder b;
    b.classes = data.train.classCount();
    std::vector<latentset::Dataset> perClass;
    for (int c = 0; c < b.classes; ++c)
        perClass.push_back(data.train.ofClass(c));
    if (resumeState && !resumeState->empty()) {
        const latentset::ChunkFile inner = latentset::ChunkFile::fromBytes(*resumeState, "project training state");
        latentset::AutoencoderSet full = latentset::ModelFile::readSet(inner);
        auto keep = std::make_shared<latentset::ClassSetTask>(full, perClass, settings);
        try {
            keep->readState(inner);
            b.task = std::move(keep);
            if (b.task->requestedBatchSize() != settings.batchSize)
                b.task->setBatchSize(settings.batchSize); // asked for before saving, not yet applied
            trainer.startEpoch = b.task->epochsDone();
            trainer.startBatch = b.task->batchInEpoch();
        } catch (const latentset::Error& e) {
            b.task = std::make_shared<latentset::ClassSetTask>(std::move(full), std::move(perClass), settings);
            b.note = QCoreApplication::translate("TrainingPanel",
                                                 "Resumed the weights and optimiser state, but not the batch order "
                                                 "(%1): the epoch count restarts.")
                         .arg(QString::fromUtf8(e.what()));
        }
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
    return [task = std::move(task)] {
        latentset::ChunkFile inner("training state");
        latentset::ModelFile::writeSet(inner, task->set(), true);
        task->writeState(inner);
        return inner.toBytes();
    };
}
