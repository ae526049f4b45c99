#include "latentset/nn/ClassSetTask.h"

#include "latentset/util/BinaryReader.h"
#include "latentset/util/BinaryWriter.h"
#include "latentset/util/ChunkFile.h"
#include "latentset/util/Error.h"
#include "latentset/util/ThreadPool.h"

#include <cmath>
#include <numeric>

namespace latentset {

ClassSetTask::ClassSetTask(AutoencoderSet set, std::vector<Dataset> data, ClassSetSettings settings)
    : set_(std::move(set)), data_(std::move(data)), settings_(settings)
{
    if (int(data_.size()) != set_.size())
        throw Error("class-set training: " + std::to_string(data_.size()) + " data partitions for "
                    + std::to_string(set_.size()) + " members");
    if (settings_.batchSize <= 0)
        throw Error("class-set training: batch size must be positive");
    Index totalImages = 0;
    streams_.resize(data_.size());
    Random seeder(settings_.seed);
    for (std::size_t i = 0; i < data_.size(); ++i) {
        if (data_[i].empty())
            throw Error("class-set training: member " + set_.memberName(int(i)) + " has no training images");
        if (data_[i].pixelCount() != set_.config().inputSize)
            throw Error("class-set training: images of " + data_[i].name() + " have "
                        + std::to_string(data_[i].pixelCount()) + " pixels, the set expects "
                        + std::to_string(set_.config().inputSize));
        totalImages += data_[i].size();
        streams_[i].rng = Random(seeder.split());
    }
    const Index mean = totalImages / Index(data_.size());
    learningRate_ = settings_.optimizer.learningRate;
    batchesPerEpoch_ = std::size_t((mean + settings_.batchSize - 1) / settings_.batchSize);
}

void ClassSetTask::setLearningRate(float rate)
{
    if (!(rate > 0.0f) || !std::isfinite(rate))
        throw Error("class-set training: learning rate must be > 0");
    learningRate_ = rate;
}

std::vector<std::string> ClassSetTask::lossNames() const
{
    std::vector<std::string> names;
    for (int i = 0; i < set_.size(); ++i)
        names.push_back(set_.memberName(i));
    return names;
}

void ClassSetTask::nextBatch(int member)
{
    Stream& s = streams_[std::size_t(member)];
    const Dataset& d = data_[std::size_t(member)];
    const std::size_t B = std::size_t(settings_.batchSize);
    std::vector<Index> picks;
    picks.reserve(B);
    while (picks.size() < B) {
        if (s.cursor >= s.order.size()) {
            // New pass over this member's data: Fisher-Yates with the member's RNG.
            s.order.resize(std::size_t(d.size()));
            std::iota(s.order.begin(), s.order.end(), Index(0));
            for (std::size_t k = s.order.size(); k > 1; --k)
                std::swap(s.order[k - 1], s.order[std::size_t(s.rng.below(k))]);
            s.cursor = 0;
        }
        picks.push_back(s.order[s.cursor++]);
    }
    d.batchInto(picks, s.clean);
    if (settings_.maskingNoise > 0.0f) {
        s.batch = s.clean;
        const double p = settings_.maskingNoise;
        for (Index k = 0; k < s.batch.size(); ++k)
            if (s.rng.uniform() < p)
                s.batch.data()[k] = 0.0f;
    }
}

StepResult ClassSetTask::step(ThreadPool& pool, double progress, double totalEpochs)
{
    OptimizerSettings optimizer = settings_.optimizer;
    optimizer.learningRate = learningRate_.load(); // the live base rate, once per step
    const float lr = optimizer.learningRateAt(progress, totalEpochs);
    StepResult r;
    r.losses.assign(std::size_t(set_.size()), 0.0f);
    pool.parallelFor(std::size_t(set_.size()), [&](std::size_t i, unsigned) {
        nextBatch(int(i));
        Stream& s = streams_[i];
        const bool noisy = settings_.maskingNoise > 0.0f;
        r.losses[i] = set_.member(int(i)).trainStep(noisy ? s.batch : s.clean, noisy ? &s.clean : nullptr, nullptr,
                                                    settings_.optimizer, lr);
    });
    r.samples = std::size_t(set_.size()) * std::size_t(settings_.batchSize);
    ++stepsDone_;
    return r;
}

std::shared_ptr<const TaskSnapshot> ClassSetTask::snapshot() const
{
    auto s = std::make_shared<AutoencoderSetSnapshot>();
    s->set = set_.inferenceCopy();
    s->epoch = stepsDone_ / std::max<std::size_t>(1, batchesPerEpoch_);
    s->batch = stepsDone_ % std::max<std::size_t>(1, batchesPerEpoch_);
    return s;
}

void ClassSetTask::writeState(ChunkFile& file) const
{
    BinaryWriter w;
    w.writeU64(stepsDone_);
    w.writeU64(streams_.size());
    for (const Stream& s : streams_) {
        w.writeString(s.rng.state());
        w.writeU64(s.order.size());
        for (Index k : s.order)
            w.writeI64(k);
        w.writeU64(s.cursor);
    }
    file.add("CSTK", 1, w.take());
}

void ClassSetTask::readState(const ChunkFile& file)
{
    const auto& c = file.require("CSTK", 1);
    BinaryReader r(c.payload, file.describe(c));
    stepsDone_ = std::size_t(r.readU64());
    if (r.readU64() != streams_.size())
        r.fail("member count differs from the set's");
    for (std::size_t i = 0; i < streams_.size(); ++i) {
        Stream& s = streams_[i];
        s.rng.setState(r.readString());
        const std::uint64_t n = r.readU64();
        if (n > r.remaining() / 8)
            r.fail("corrupted order length");
        s.order.resize(std::size_t(n));
        for (auto& k : s.order) {
            k = Index(r.readI64());
            if (k < 0 || k >= data_[i].size())
                r.fail("image index out of range for member " + std::to_string(i));
        }
        s.cursor = std::size_t(r.readU64());
    }
    r.expectEnd();
}

} // namespace latentset
