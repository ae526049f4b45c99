#include "latentset/experiments/ReplayMlpTask.h"

#include "latentset/util/Error.h"

namespace latentset {

ReplayMlpTask::ReplayMlpTask(Mlp mlp, Dataset current, Dataset memory, Index batchSize, Index replayBatchSize,
                             OptimizerSettings optimizer, std::uint64_t seed)
    : mlp_(std::move(mlp)), current_(std::move(current)), memory_(std::move(memory)), batchSize_(batchSize),
      replayBatchSize_(replayBatchSize), optimizer_(optimizer)
{
    if (current_.empty() || batchSize_ <= 0 || replayBatchSize_ <= 0)
        throw Error("replay training: no current images or a non-positive batch size");
    for (const Dataset* d : {&current_, &memory_})
        if (!d->empty() && d->pixelCount() != mlp_.inputSize())
            throw Error("replay training: " + d->name() + " images have " + std::to_string(d->pixelCount())
                        + " pixels, the network expects " + std::to_string(mlp_.inputSize()));
    Random seeder(seed);
    currentStream_.rng = Random(seeder.split());
    memoryStream_.rng = Random(seeder.split());
}

std::size_t ReplayMlpTask::batchesPerEpoch() const
{
    return std::size_t((current_.size() + batchSize_ - 1) / batchSize_);
}

StepResult ReplayMlpTask::step(ThreadPool& pool, double progress, double totalEpochs)
{
    std::vector<Index> picks;
    currentStream_.order.draw(currentStream_.rng, current_.size(), batchSize_, picks);
    current_.batchInto(picks, batch_);
    labels_.resize(picks.size());
    for (std::size_t j = 0; j < picks.size(); ++j)
        labels_[j] = current_.label(picks[j]);
    if (!memory_.empty()) {
        memoryStream_.order.draw(memoryStream_.rng, memory_.size(), replayBatchSize_, picks);
        memory_.batchInto(picks, part_);
        const Index first = batch_.cols();
        batch_.conservativeResize(Eigen::NoChange, first + part_.cols());
        batch_.rightCols(part_.cols()) = part_;
        for (Index k : picks)
            labels_.push_back(memory_.label(k));
    }
    StepResult r;
    r.losses = {mlp_.trainStep(batch_, labels_, optimizer_, optimizer_.learningRateAt(progress, totalEpochs), &pool)};
    r.samples = labels_.size();
    ++steps_;
    return r;
}

std::shared_ptr<const TaskSnapshot> ReplayMlpTask::snapshot() const
{
    auto s = std::make_shared<MlpSnapshot>();
    s->mlp = mlp_.inferenceCopy();
    s->epoch = steps_ / batchesPerEpoch();
    s->batch = steps_ % batchesPerEpoch();
    return s;
}

} // namespace latentset
