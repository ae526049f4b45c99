#pragma once
// Stopping an experiment from another thread: the C++20 stop token. A front
// end keeps a std::stop_source, passes source.get_token() to run(), and
// calls source.request_stop() from any thread (a GUI's Stop button, a CLI's
// time budget). The experiment polls the token between its steps and, while
// training, forwards the request to its Trainer (TrainerStopLink), which
// honours it between mini-batches. A stopped run returns a result with
// `stopped = true` holding what was done so far; it does not throw.
#include "latentset/nn/Trainer.h"

#include <stop_token>

namespace latentset {

using StopToken = std::stop_token;
using StopSource = std::stop_source;

// Cancels `trainer` when `token` is stopped, for as long as it lives (RAII
// over std::stop_callback; a token already stopped cancels at once).
class TrainerStopLink {
public:
    TrainerStopLink(const StopToken& token, Trainer& trainer) : callback_(token, Cancel{&trainer}) {}

private:
    struct Cancel {
        Trainer* trainer;
        void operator()() const { trainer->cancel(); }
    };
    std::stop_callback<Cancel> callback_;
};

} // namespace latentset
