#include "latentset/cube/SharedLatentTask.h"

#include "latentset/cube/SharedLatentState.h"
#include "latentset/util/BinaryReader.h"
#include "latentset/util/BinaryWriter.h"
#include "latentset/util/Error.h"
#include "latentset/util/Random.h"
#include "latentset/util/ThreadPool.h"

#include <cmath>
#include <numeric>

namespace latentset {

namespace {
// Mixes a round seed with an index into a child seed (splitmix64 finaliser):
// streams for different (round, index) never coincide in practice.
std::uint64_t mix(std::uint64_t a, std::uint64_t b)
{
    std::uint64_t z = a + 0x9E3779B97F4A7C15ull * (b + 1);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

// Before the members leave the state: a state for other contexts is refused
// with the state's own words, not as a bare size mismatch.
void checkResumable(const std::shared_ptr<const CubeDataset>& data, const SharedLatentState& state)
{
    if (!data)
        throw Error("shared latent task: no cube dataset to resume on");
    state.checkFits(data->contexts());
}
} // namespace

void SharedLatentSettings::writeRecipe(BinaryWriter& w) const
{
    w.writeI64(hidden);
    w.writeI64(latent);
    w.writeI32(batchSize);
    w.writeI32(crossPerSelf);
    w.writeF32(learningRate);
    w.writeU64(seed);
}

void SharedLatentSettings::readRecipe(BinaryReader& r)
{
    hidden = r.readI64();
    latent = r.readI64();
    batchSize = r.readI32();
    crossPerSelf = r.readI32();
    learningRate = r.readF32();
    seed = r.readU64();
}

void SharedLatentSettings::validate() const
{
    if (hidden < 1 || latent < 1 || batchSize < 1 || crossPerSelf < 0 || !(learningRate > 0.0f) || cyclesPerEpoch < 1)
        throw Error("shared latent settings: hidden, latent, batch, cycles per epoch must be >= 1, "
                    "cross-per-self >= 0, rate > 0");
}

AutoencoderConfig SharedLatentTask::memberConfig(const CubeDataset& data, Index hidden, Index latent)
{
    AutoencoderConfig c = AutoencoderConfig::make(data.memberInputSize(), {hidden}, latent, true);
    c.loss = LossKind::BinaryCrossEntropy;
    return c;
}

SharedLatentTask::SharedLatentTask(std::shared_ptr<const CubeDataset> data, SharedLatentSettings settings)
    : SharedLatentTask(data, settings,
                       AutoencoderSet(memberConfig((settings.validate(), *data), settings.hidden, settings.latent),
                                      data->contexts().size(), settings.seed),
                       0)
{
}

SharedLatentTask::SharedLatentTask(std::shared_ptr<const CubeDataset> data, SharedLatentSettings settings,
                                   AutoencoderSet members, std::int64_t roundsDone)
    : data_(std::move(data))
    , settings_(settings)
    , members_(std::move(members))
    , rounds_(roundsDone)
{
    settings_.validate();
    if (!data_ || data_->glyphCount() == 0)
        throw Error("shared latent task: no training glyphs");
    const int n = data_->contexts().size();
    if (members_.size() != n)
        throw Error("shared latent task: " + std::to_string(members_.size()) + " members for " + std::to_string(n)
                    + " contexts");
    if (members_.config().inputSize != data_->memberInputSize())
        throw Error("shared latent task: members take " + std::to_string(members_.config().inputSize)
                    + " inputs, the contexts need " + std::to_string(data_->memberInputSize()));
    optimizer_.kind = OptimizerSettings::Kind::Adam;
    optimizer_.learningRate = settings_.learningRate;
    learningRate_ = settings_.learningRate;
    std::vector<std::string> names;
    for (int c = 0; c < n; ++c) {
        masks_.push_back(data_->memberMask(c));
        names.push_back(data_->contexts().name(c));
    }
    members_.setMemberNames(names);
}

SharedLatentTask::SharedLatentTask(std::shared_ptr<const CubeDataset> data, SharedLatentState state)
    : SharedLatentTask(data, state.settings, (checkResumable(data, state), std::move(state.members)), state.rounds)
{
    setLearningRate(state.learningRate);
}

void SharedLatentTask::writeState(ChunkFile& file, const MetricHistory& history) const
{
    SharedLatentState s;
    s.contexts = data_->contexts().config();
    s.glyphName = data_->glyphSet().name();
    s.glyphCount = data_->glyphCount();
    s.glyphChecksum = SharedLatentState::glyphChecksumOf(data_->glyphSet());
    s.settings = settings_;
    s.learningRate = learningRate_.load();
    s.rounds = rounds_.load();
    s.history = history;
    s.writeWith(file, members_);
}

void SharedLatentTask::setLearningRate(float rate)
{
    if (!(rate > 0.0f) || !std::isfinite(rate))
        throw Error("shared latent task: learning rate must be > 0");
    learningRate_ = rate;
}

bool SharedLatentTask::nextIsCross() const
{
    return settings_.crossPerSelf > 0 && rounds_ % (settings_.crossPerSelf + 1) != 0;
}

std::int64_t SharedLatentTask::samplesPerRound() const
{
    const std::int64_t n = members_.size();
    return nextIsCross() ? 2 * (n / 2) * settings_.batchSize : n * settings_.batchSize;
}

std::vector<Index> SharedLatentTask::drawBatch(std::uint64_t seed) const
{
    Random random(seed);
    std::vector<Index> batch(std::size_t(settings_.batchSize));
    for (auto& g : batch)
        g = Index(random.below(std::uint64_t(data_->glyphCount())));
    return batch;
}

double SharedLatentTask::selfRound(ThreadPool& pool, std::uint64_t roundSeed)
{
    const int n = members_.size();
    std::vector<double> losses(static_cast<std::size_t>(n), 0.0);
    const float lr = learningRate_.load(); // one rate for the whole round
    pool.parallelFor(std::size_t(n), [&](std::size_t i, unsigned) {
        const int c = int(i);
        const Matrix x = data_->memberInput(c, data_->glyphs(drawBatch(mix(roundSeed, i))));
        const float loss = members_.trainStep(c, x, nullptr, &masks_[i], optimizer_, lr);
        losses[i] = loss / double(data_->contexts().warp(c).maskSize());
    });
    return std::accumulate(losses.begin(), losses.end(), 0.0) / n;
}

double SharedLatentTask::crossRound(ThreadPool& pool, std::uint64_t roundSeed)
{
    const int n = members_.size();
    // A random perfect matching (an odd member out sits the round out).
    std::vector<int> order(static_cast<std::size_t>(n));
    std::iota(order.begin(), order.end(), 0);
    Random random(roundSeed);
    for (int k = n - 1; k > 0; --k)
        std::swap(order[std::size_t(k)], order[std::size_t(random.below(std::uint64_t(k + 1)))]);
    const std::size_t pairs = std::size_t(n / 2);
    std::vector<double> losses(pairs, 0.0);
    const float lr = learningRate_.load(); // one rate for the whole round
    pool.parallelFor(pairs, [&](std::size_t p, unsigned) {
        const int a = order[2 * p], b = order[2 * p + 1];
        const Matrix glyphs = data_->glyphs(drawBatch(mix(roundSeed, p + 1)));
        const Matrix xa = data_->memberInput(a, glyphs);
        const Matrix xb = data_->memberInput(b, glyphs);
        const float ab = members_.crossStep(a, b, xa, xb, &masks_[std::size_t(b)], optimizer_, lr);
        const float ba = members_.crossStep(b, a, xb, xa, &masks_[std::size_t(a)], optimizer_, lr);
        losses[p] = 0.5 * (ab / double(data_->contexts().warp(b).maskSize())
                           + ba / double(data_->contexts().warp(a).maskSize()));
    });
    return pairs ? std::accumulate(losses.begin(), losses.end(), 0.0) / double(pairs) : 0.0;
}

SharedLatentTask::RoundResult SharedLatentTask::round(ThreadPool& pool)
{
    RoundResult r;
    r.round = rounds_;
    r.cross = nextIsCross();
    const std::uint64_t roundSeed = mix(settings_.seed, std::uint64_t(rounds_));
    r.lossPerPixel = r.cross ? crossRound(pool, roundSeed) : selfRound(pool, roundSeed);
    ++rounds_;
    return r;
}

std::shared_ptr<const AutoencoderSet> SharedLatentTask::membersSnapshot() const
{
    return std::make_shared<const AutoencoderSet>(members_.inferenceCopy());
}

StepResult SharedLatentTask::step(ThreadPool& pool, double, double)
{
    StepResult result;
    double self = 0, cross = 0;
    int selfRounds = 0, crossRounds = 0;
    do {
        result.samples += std::size_t(samplesPerRound());
        const RoundResult r = round(pool);
        (r.cross ? cross : self) += r.lossPerPixel;
        ++(r.cross ? crossRounds : selfRounds);
    } while (nextIsCross());
    result.losses = {float(selfRounds ? self / selfRounds : 0.0), float(crossRounds ? cross / crossRounds : 0.0)};
    return result;
}

std::shared_ptr<const TaskSnapshot> SharedLatentTask::snapshot() const
{
    auto s = std::make_shared<CubeSnapshot>();
    s->set = members_.inferenceCopy();
    s->contexts = data_->sharedContexts();
    s->rounds = rounds_;
    return s;
}

} // namespace latentset
