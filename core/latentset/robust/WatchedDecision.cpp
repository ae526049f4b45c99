#include "latentset/robust/WatchedDecision.h"

namespace latentset {

WatchedDecision::WatchedDecision(const DecisionModel& model, std::stop_token stop, OnCall onCall)
    : model_(model), stop_(std::move(stop)), onCall_(std::move(onCall))
{
}

void WatchedDecision::enter() const
{
    if (stop_.stop_requested())
        throw Stopped();
}

void WatchedDecision::leave() const
{
    ++calls_;
    if (onCall_)
        onCall_(calls_);
}

Eigen::MatrixXd WatchedDecision::scores(const Matrix& X) const
{
    enter();
    Eigen::MatrixXd s = model_.scores(X);
    leave();
    return s;
}

void WatchedDecision::marginGradient(const Matrix& X, const std::vector<int>& labels, Eigen::VectorXd& margins,
                                     Matrix& gradient) const
{
    enter();
    model_.marginGradient(X, labels, margins, gradient);
    leave();
}

} // namespace latentset
