#include "latentset/nn/ClassSetTask.h"

#include "latentset/util/BinaryReader.h"
#include "latentset/util/BinaryWriter.h"
#include "latentset/util/ChunkFile.h"
#include "latentset/util/Error.h"
#include "latentset/util/ThreadPool.h"

#include <algorithm>
#include <cmath>

namespace latentset {

ClassSetTask::ClassSetTask(AutoencoderSet set, std::vector<Dataset> data, ClassSetSettings settings)
    : set_(std::move(set)), data_(std::move(data)), settings_(settings)
{
    if (int(data_.size()) != set_.size())
        throw Error("class-set training: " + std::to_string(data_.size()) + " data partitions for "
                    + std::to_string(set_.size()) + " members");
    if (settings_.batchSize <= 0)
        throw Error("class-set training: batch size must be positive");
    if (settings_.shiftPixels < 0 || settings_.shiftPixels > 8)
        throw Error("class-set training: shift must be 0..8 pixels");
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
    totalImages_ = totalImages;
    learningRate_ = settings_.optimizer.learningRate;
    batchSize_ = settings_.batchSize;
    requestedBatch_ = settings_.batchSize;
    batchesPerEpoch_ = batchesFor(settings_.batchSize);
}

std::size_t ClassSetTask::batchesFor(Index batchSize) const
{
    // An epoch: as many batches as the mean class needs for one pass.
    const Index mean = totalImages_ / Index(data_.size());
    return std::size_t(std::max<Index>(1, (mean + batchSize - 1) / batchSize));
}

void ClassSetTask::setBatchSize(Index size)
{
    if (size <= 0)
        throw Error("class-set training: batch size must be positive");
    requestedBatch_ = size;
}

void ClassSetTask::beginEpoch(std::size_t)
{
    const Index wanted = requestedBatch_.load();
    if (wanted != batchSize_.load() && batchInEpoch_ == 0) {
        batchSize_ = wanted;
        batchesPerEpoch_ = batchesFor(wanted);
    }
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
    const std::size_t B = std::size_t(batchSize_.load());
    std::vector<Index> picks;
    s.epoch.draw(s.rng, d.size(), Index(B), picks);
    d.batchInto(picks, s.clean);
    if (settings_.shiftPixels > 0)
        shiftBatch(s, d);
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
    r.samples = std::size_t(set_.size()) * std::size_t(batchSize_.load());
    ++stepsDone_;
    if (++batchInEpoch_ >= batchesPerEpoch_.load()) {
        ++epoch_;
        batchInEpoch_ = 0;
    }
    return r;
}

void ClassSetTask::shiftBatch(Stream& s, const Dataset& d) const
{
    const int W = d.width(), H = d.height(), k = settings_.shiftPixels;
    Vector moved(s.clean.rows());
    for (Index c = 0; c < s.clean.cols(); ++c) {
        const int dx = int(s.rng.below(std::uint64_t(2 * k + 1))) - k;
        const int dy = int(s.rng.below(std::uint64_t(2 * k + 1))) - k;
        if (dx == 0 && dy == 0)
            continue;
        moved.setZero();
        const float* src = s.clean.col(c).data();
        for (int y = std::max(0, dy); y < std::min(H, H + dy); ++y)
            for (int x = std::max(0, dx); x < std::min(W, W + dx); ++x)
                moved[Index(y) * W + x] = src[Index(y - dy) * W + (x - dx)];
        s.clean.col(c) = moved;
    }
}

std::shared_ptr<const TaskSnapshot> ClassSetTask::snapshot() const
{
    auto s = std::make_shared<AutoencoderSetSnapshot>();
    s->set = set_.inferenceCopy();
    s->epoch = epoch_;
    s->batch = batchInEpoch_;
    return s;
}

void ClassSetTask::writeState(ChunkFile& file) const
{
    BinaryWriter w;
    w.writeU64(stepsDone_);
    w.writeU64(epoch_);
    w.writeU64(batchInEpoch_);
    w.writeI64(batchSize_.load());
    w.writeU64(streams_.size());
    for (const Stream& s : streams_) {
        w.writeString(s.rng.state());
        w.writeU64(s.epoch.order.size());
        for (Index k : s.epoch.order)
            w.writeI64(k);
        w.writeU64(s.epoch.cursor);
    }
    file.add("CSTK", 2, w.take());
}

void ClassSetTask::readState(const ChunkFile& file)
{
    const auto& c = file.require("CSTK", 2);
    BinaryReader r(c.payload, file.describe(c));
    const std::size_t steps = std::size_t(r.readU64());
    std::size_t epoch = 0, batch = 0;
    Index batchSize = settings_.batchSize;
    if (c.version >= 2) {
        epoch = std::size_t(r.readU64());
        batch = std::size_t(r.readU64());
        batchSize = Index(r.readI64());
        if (batchSize <= 0 || batchSize > totalImages_ + 1'000'000)
            r.fail("corrupted batch size");
        if (batch >= batchesFor(batchSize))
            r.fail("batch position past the end of its epoch");
    } else {
        // v1 (one batch size for the whole run): the position follows from the step count.
        epoch = steps / batchesFor(batchSize);
        batch = steps % batchesFor(batchSize);
    }
    if (r.readU64() != streams_.size())
        r.fail("member count differs from the set's");
    // Read into copies and committed at the end: a state that does not fit
    // leaves the task as it was (ClassSetState::restore then trains on with
    // a fresh order, without building a second task).
    std::vector<Stream> read(streams_.size());
    for (std::size_t i = 0; i < read.size(); ++i) {
        Stream& s = read[i];
        s.rng.setState(r.readString());
        const std::uint64_t n = r.readU64();
        if (n > r.remaining() / 8)
            r.fail("corrupted order length");
        s.epoch.order.resize(std::size_t(n));
        for (auto& k : s.epoch.order) {
            k = Index(r.readI64());
            if (k < 0 || k >= data_[i].size())
                r.fail("image index out of range for member " + std::to_string(i));
        }
        s.epoch.cursor = std::size_t(r.readU64());
        if (s.epoch.cursor > s.epoch.order.size())
            r.fail("batch cursor past the order of member " + std::to_string(i));
    }
    r.expectEnd();
    for (std::size_t i = 0; i < read.size(); ++i) {
        streams_[i].rng = std::move(read[i].rng);
        streams_[i].epoch.order = std::move(read[i].epoch.order);
        streams_[i].epoch.cursor = read[i].epoch.cursor;
    }
    stepsDone_ = steps;
    epoch_ = epoch;
    batchInEpoch_ = batch;
    batchSize_ = batchSize;
    requestedBatch_ = batchSize;
    batchesPerEpoch_ = batchesFor(batchSize);
}

} // namespace latentset
