#pragma once
// Settings of the class-incremental experiment (IncrementalExperiment):
// split MNIST as van de Ven, Tuytelaars & Tolias (Nature Machine
// Intelligence 2022) run it — 5 tasks of 2 digits in order (0/1, 2/3, ...),
// 2,000 iterations per task, Adam lr 1e-3 (constant), batch 128, tested on
// all 10 digits without a task label — for the class set (members added per
// task, never touched again) and the MLP baseline (fine-tuned, and with
// experience replay of 100 stored images per class); the set trained jointly
// is the reference. docs/less-is-more.md says what each choice means.
//
// An iteration is one mini-batch of `batchSize` images of the task; the
// set routes each image to its class's member, so a member's batch is
// batchSize / (classes in the task) images (64) and the set sees as many
// images per iteration as the MLP.
//
// Seeds: run `seeds` seeds, seed = firstSeed + k. Per seed the members'
// initial weights are those of AutoencoderSet(model, 10, seed) (a member's
// depend on (seed, index) only), task t's batch order
// ClassSetExperimentSettings::batchOrderSeed(seed) + t, the MLP's weights
// mlpWeightSeed(seed) and its batch order mlpBatchOrderSeed(seed) + t.
//
// JSON: toJson() writes every field; fromJson() takes a partial object,
// missing keys keep the defaults, wrong kinds and ranges throw naming the key.
#include "latentset/nn/AutoencoderConfig.h"
#include "latentset/util/JsonValue.h"
#include "latentset/util/Types.h"

#include <cstdint>
#include <string>
#include <vector>

namespace latentset {

struct IncrementalSettings {
    std::string dataset;  // a folder or catalog id; empty = the set-up's MNIST
    // The tasks' classes in order; empty = pairs (0,1), (2,3), ... of the
    // dataset's classes (a last odd class alone).
    std::vector<std::vector<int>> tasks;
    std::int64_t stepsPerTask = 2000;
    Index batchSize = 128;
    float learningRate = 1e-3f;
    AutoencoderConfig model = AutoencoderConfig::paperMnist();
    Index mlpHidden = 2048;
    Index replayPerClass = 100; // images of each class stored for the MLP's replay
    bool set = true;            // train the class set incrementally
    bool mlp = true;            // train the MLP baselines
    bool joint = true;          // train the set jointly (the reference)
    // Repair (docs/less-is-more.md): after the last task, train one member
    // alone for repairSteps more iterations on its class's images (0 = no
    // repair); repairMember = its index, -1 = the member whose class has the
    // lowest test accuracy. Needs `set`. Every phase is seeded on its own,
    // so phases run in separate processes give the bits of one run.
    std::int64_t repairSteps = 0;
    int repairMember = -1;
    int seeds = 1;
    std::uint64_t firstSeed = 1;
    unsigned threads = 0; // 0 = all cores

    // The tasks in effect for a dataset of `classes` classes.
    std::vector<std::vector<int>> tasksFor(int classes) const;
    // Throws latentset::Error naming the field.
    void validate() const;
    JsonValue toJson() const;
    static IncrementalSettings fromJson(const JsonValue& json);
    bool operator==(const IncrementalSettings& other) const { return toJson() == other.toJson(); }
};

} // namespace latentset
