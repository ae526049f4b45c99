#include "latentset/experiments/LevelTwoProgress.h"

namespace latentset {

std::function<bool(int, int, float)> LevelTwoProgress::reporter(ExperimentObserver* observer, StopToken stop,
                                                                bool& stopped)
{
    return [observer, stop, &stopped](int restart, int epoch, float loss) {
        if (observer) {
            EpochSummary s;
            s.epoch = std::size_t(epoch);
            s.meanLosses = {double(loss)};
            s.metrics = {{"restart", double(restart)}};
            observer->epochFinished("concept", s);
        }
        if (stop.stop_requested()) {
            stopped = true;
            return false;
        }
        return true;
    };
}

} // namespace latentset
