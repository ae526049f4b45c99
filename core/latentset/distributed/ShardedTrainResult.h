#pragma once
// What a ShardedWorldTraining run measured: the world experiment's result
// (filled on rank 0 only, from "trained" on) plus the figures of the
// sharding itself (docs/scale.md).
#include "latentset/experiments/WorldTrainResult.h"

#include <cstdint>
#include <vector>

namespace latentset {

struct ShardedTrainResult {
    WorldTrainResult world;
    int ranks = 1;
    std::int64_t resumedRounds = 0; // rounds already in the model resumed from (0: fresh)
    std::int64_t checkpoints = 0;   // checkpoint files written during the run
    // All ranks' message payloads, mean per round of each kind (self rounds send nothing).
    double bytesPerCrossRound = 0, bytesPerSelfRound = 0;
    double memberWeightBytes = 0;          // one member's weights (values only)
    std::vector<double> peakRssMbPerRank;  // resident memory, largest seen at a round's end
    // CPU seconds (all threads of the rank's process) spent in training:
    // the work per rank, which on a loaded machine says more than wall time.
    std::vector<double> cpuSecondsPerRank;
};

} // namespace latentset
