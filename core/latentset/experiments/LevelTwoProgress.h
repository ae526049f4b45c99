#pragma once
// The progress callback of a level-2 training (ConceptModel::train), one
// way for every experiment that trains one: after each epoch it reports
// epochFinished("concept", s) (s.epoch within the restart, s.meanLosses the
// loss, s.metrics {"restart", r}) and ends the restart when stop is
// requested, setting `stopped`.
#include "latentset/experiments/ExperimentObserver.h"
#include "latentset/experiments/StopToken.h"

#include <functional>

namespace latentset {

class LevelTwoProgress {
public:
    // `stopped` must outlive the callback.
    static std::function<bool(int, int, float)> reporter(ExperimentObserver* observer,
                                                         StopToken stop, bool& stopped);
};

} // namespace latentset
