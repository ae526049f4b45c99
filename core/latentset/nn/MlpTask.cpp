#include "latentset/nn/MlpTask.h"

#include "latentset/util/Error.h"

namespace latentset {

MlpTask::MlpTask(Mlp mlp, Dataset train, Index batchSize, OptimizerSettings optimizer, std::uint64_t seed)
    : mlp_(std::move(mlp)), train_(std::move(train)), batchSize_(batchSize), optimizer_(optimizer), rng_(seed)
{
    if (train_.empty() || batchSize_ <= 0)
        throw Error("mlp training: no training images or a non-positive batch size");
    if (train_.pixelCount() != mlp_.inputSize())
        throw Error("mlp training: " + train_.name() + " images have " + std::to_string(train_.pixelCount())
                    + " pixels, the network expects " + std::to_string(mlp_.inputSize()));
}

std::size_t MlpTask::batchesPerEpoch() const { return std::size_t((train_.size() + batchSize_ - 1) / batchSize_); }

StepResult MlpTask::step(ThreadPool& pool, double progress, double totalEpochs)
{
    std::vector<Index> picks;
    order_.draw(rng_, train_.size(), batchSize_, picks);
    train_.batchInto(picks, batch_);
    labels_.resize(picks.size());
    for (std::size_t j = 0; j < picks.size(); ++j)
        labels_[j] = train_.label(picks[j]);
    StepResult r;
    r.losses = {mlp_.trainStep(batch_, labels_, optimizer_, optimizer_.learningRateAt(progress, totalEpochs), &pool)};
    r.samples = picks.size();
    ++steps_;
    return r;
}

std::shared_ptr<const TaskSnapshot> MlpTask::snapshot() const
{
    auto s = std::make_shared<MlpSnapshot>();
    s->mlp = mlp_.inferenceCopy();
    s->epoch = steps_ / batchesPerEpoch();
    s->batch = steps_ % batchesPerEpoch();
    return s;
}

} // namespace latentset
