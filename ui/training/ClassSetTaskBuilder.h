#pragma once
#include <QString>

#include "latentset/nn/ClassSetTask.h"
#include "latentset/nn/Trainer.h"

#include <functional>
#include <memory>
#include <string>

namespace latentset {
struct DatasetSplits;
}

// Builds the class-set panel's task on a worker (splitting the training set
// by class copies it). A saved state resumes by core's policy
// (nn/ClassSetState::restore: exactly, or weights and moments with a fresh
// batch order and a `note` when the order does not fit this dataset).
// Without a state: the start set's weights, or new members from the config
// and seed. A state is moved out of `resumeState` (empty afterwards): the
// build's job is its only owner, so no copy of its bytes is made.
struct ClassSetTaskBuilder {
    std::shared_ptr<latentset::ClassSetTask> task;
    latentset::TrainerSettings trainer; // with startEpoch/startBatch of a resumed state
    QString note;                       // for the banner; empty when all resumed
    int classes = 0;

    static ClassSetTaskBuilder build(const latentset::DatasetSplits& data, const latentset::AutoencoderConfig& config,
                                     std::uint64_t memberSeed, const latentset::ClassSetSettings& settings,
                                     latentset::TrainerSettings trainer,
                                     const std::shared_ptr<const latentset::AutoencoderSet>& start,
                                     const std::shared_ptr<std::string>& resumeState);
    // A known id or path (DatasetCatalog), with `validation` training
    // images carved out when the dataset has no validation split (0: none).
    static std::shared_ptr<const latentset::DatasetSplits> loadSplits(const std::string& idOrPath,
                                                                      latentset::Index validation);
    // The task's whole state as a nested ChunkFile (nn/ModelFile "AECF" +
    // "AESE" with optimiser state, ClassSetTask "CSTK"), as a job that holds
    // the task. Run it only while the trainer stays parked.
    static std::function<std::string()> stateJob(std::shared_ptr<const latentset::ClassSetTask> task);
};
