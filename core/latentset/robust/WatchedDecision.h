#pragma once
// A DecisionModel seen through a window: forwards every call to the model it
// wraps, counts them, calls `onCall` with the count after each, and throws
// WatchedDecision::Stopped from the next call once `stop` is requested. An
// attack (core/robust) has no progress or stop of its own; wrapped in this it
// gets both without a change: the attacks are plain RAII code, so the
// exception unwinds them cleanly. ImageAttackExperiment catches it.
//
// Threads: the callback runs on the attack's thread; the object is as
// thread-safe as the wrapped model except the counter (one attack per object).
#include "latentset/robust/DecisionModel.h"

#include <functional>
#include <stdexcept>
#include <stop_token>

namespace latentset {

class WatchedDecision : public DecisionModel {
public:
    struct Stopped : std::runtime_error {
        Stopped() : std::runtime_error("attack stopped") {}
    };
    using OnCall = std::function<void(long long calls)>;

    // `model` must outlive this object.
    WatchedDecision(const DecisionModel& model, std::stop_token stop, OnCall onCall = {});

    Index inputSize() const override { return model_.inputSize(); }
    int classCount() const override { return model_.classCount(); }
    std::string name() const override { return model_.name(); }
    Eigen::MatrixXd scores(const Matrix& X) const override;
    void marginGradient(const Matrix& X, const std::vector<int>& labels, Eigen::VectorXd& margins,
                        Matrix& gradient) const override;

    long long calls() const { return calls_; }

private:
    void enter() const;
    void leave() const;

    const DecisionModel& model_;
    std::stop_token stop_;
    OnCall onCall_;
    mutable long long calls_ = 0;
};

} // namespace latentset
