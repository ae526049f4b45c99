#include "latentset/world/WorldTask.h"

#include "latentset/util/Error.h"
#include "latentset/util/Random.h"
#include "latentset/util/ThreadPool.h"

#include <cmath>
#include <numeric>

namespace latentset {

// Mixes a seed with an index into a child seed (splitmix64 finaliser):
// streams for different (round, index) never coincide in practice.
std::uint64_t WorldTask::childSeed(std::uint64_t a, std::uint64_t b)
{
    std::uint64_t z = a + 0x9E3779B97F4A7C15ull * (b + 1);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

bool WorldTask::isCrossRound(const SharedLatentSettings& settings, std::int64_t round)
{
    return settings.crossPerSelf > 0 && round % (settings.crossPerSelf + 1) != 0;
}

std::vector<int> WorldTask::crossMatching(int members, std::uint64_t roundSeed)
{
    std::vector<int> order(static_cast<std::size_t>(members));
    std::iota(order.begin(), order.end(), 0);
    Random random(roundSeed);
    for (int k = members - 1; k > 0; --k)
        std::swap(order[std::size_t(k)], order[std::size_t(random.below(std::uint64_t(k + 1)))]);
    return order;
}

std::vector<Index> WorldTask::drawBatch(const ContextWorld& world, int batchSize, std::uint64_t seed)
{
    Random random(seed);
    std::vector<Index> batch(static_cast<std::size_t>(batchSize));
    for (auto& g : batch)
        g = Index(random.below(std::uint64_t(world.itemCount())));
    return batch;
}

AutoencoderConfig WorldTask::memberConfig(const ContextWorld& world, Index hidden, Index latent)
{
    AutoencoderConfig c = AutoencoderConfig::make(world.memberInputSize(), {hidden}, latent, true);
    c.loss = LossKind::BinaryCrossEntropy;
    return c;
}

WorldTask::WorldTask(std::shared_ptr<const ContextWorld> world, SharedLatentSettings settings)
    : WorldTask(world, settings,
                AutoencoderSet(memberConfig((settings.validate(), world ? *world : throw Error("shared latent task: no world")),
                                            settings.hidden, settings.latent),
                               world->contextCount(), settings.seed),
                0)
{
}

WorldTask::WorldTask(std::shared_ptr<const ContextWorld> world, SharedLatentSettings settings, AutoencoderSet members,
                     std::int64_t roundsDone)
    : world_(std::move(world))
    , settings_(settings)
    , members_(std::move(members))
    , rounds_(roundsDone)
{
    settings_.validate();
    if (!world_ || world_->itemCount() == 0)
        throw Error("shared latent task: no training glyphs");
    const int n = world_->contextCount();
    if (members_.size() != n)
        throw Error("shared latent task: " + std::to_string(members_.size()) + " members for " + std::to_string(n)
                    + " contexts");
    if (members_.config().inputSize != world_->memberInputSize())
        throw Error("shared latent task: members take " + std::to_string(members_.config().inputSize)
                    + " inputs, the contexts need " + std::to_string(world_->memberInputSize()));
    optimizer_.kind = OptimizerSettings::Kind::Adam;
    optimizer_.learningRate = settings_.learningRate;
    learningRate_ = settings_.learningRate;
    std::vector<std::string> names;
    for (int c = 0; c < n; ++c) {
        masks_.push_back(world_->memberMask(c));
        names.push_back(world_->contextName(c));
    }
    members_.setMemberNames(names);
}

void WorldTask::setLearningRate(float rate)
{
    if (!(rate > 0.0f) || !std::isfinite(rate))
        throw Error("shared latent task: learning rate must be > 0");
    learningRate_ = rate;
}

bool WorldTask::nextIsCross() const
{
    return isCrossRound(settings_, rounds_);
}

std::int64_t WorldTask::samplesPerRound() const
{
    const std::int64_t n = members_.size();
    return nextIsCross() ? 2 * (n / 2) * settings_.batchSize : n * settings_.batchSize;
}

double WorldTask::selfRound(ThreadPool& pool, std::uint64_t roundSeed)
{
    const int n = members_.size();
    std::vector<double> losses(static_cast<std::size_t>(n), 0.0);
    const float lr = learningRate_.load(); // one rate for the whole round
    pool.parallelFor(std::size_t(n), [&](std::size_t i, unsigned) {
        const int c = int(i);
        const Matrix x = world_->memberInput(c, drawBatch(childSeed(roundSeed, i)));
        const float loss = members_.trainStep(c, x, nullptr, &masks_[i], optimizer_, lr);
        losses[i] = loss / double(world_->maskSize(c));
    });
    return std::accumulate(losses.begin(), losses.end(), 0.0) / n;
}

double WorldTask::crossRound(ThreadPool& pool, std::uint64_t roundSeed)
{
    const int n = members_.size();
    // A random perfect matching (an odd member out sits the round out).
    const std::vector<int> order = crossMatching(n, roundSeed);
    const std::size_t pairs = std::size_t(n / 2);
    std::vector<double> losses(pairs, 0.0);
    const float lr = learningRate_.load(); // one rate for the whole round
    pool.parallelFor(pairs, [&](std::size_t p, unsigned) {
        const int a = order[2 * p], b = order[2 * p + 1];
        const std::vector<Index> items = drawBatch(childSeed(roundSeed, p + 1));
        const Matrix xa = world_->memberInput(a, items);
        const Matrix xb = world_->memberInput(b, items);
        const float ab = members_.crossStep(a, b, xa, xb, &masks_[std::size_t(b)], optimizer_, lr);
        const float ba = members_.crossStep(b, a, xb, xa, &masks_[std::size_t(a)], optimizer_, lr);
        losses[p] = 0.5 * (ab / double(world_->maskSize(b)) + ba / double(world_->maskSize(a)));
    });
    return pairs ? std::accumulate(losses.begin(), losses.end(), 0.0) / double(pairs) : 0.0;
}

WorldTask::RoundResult WorldTask::round(ThreadPool& pool)
{
    RoundResult r;
    r.round = rounds_;
    r.cross = nextIsCross();
    const std::uint64_t roundSeed = childSeed(settings_.seed, std::uint64_t(rounds_));
    r.lossPerPixel = r.cross ? crossRound(pool, roundSeed) : selfRound(pool, roundSeed);
    ++rounds_;
    return r;
}

std::shared_ptr<const AutoencoderSet> WorldTask::membersSnapshot() const
{
    return std::make_shared<const AutoencoderSet>(members_.inferenceCopy());
}

StepResult WorldTask::step(ThreadPool& pool, double, double)
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

void WorldTask::fillSnapshot(WorldSnapshot& s) const
{
    s.set = members_.inferenceCopy();
    s.world = world_;
    s.rounds = rounds_;
}

std::shared_ptr<const TaskSnapshot> WorldTask::snapshot() const
{
    auto s = std::make_shared<WorldSnapshot>();
    fillSnapshot(*s);
    return s;
}

} // namespace latentset
