#include "latentset/distributed/ShardedWorldTask.h"

#include "latentset/nn/Loss.h"
#include "latentset/nn/ModelFile.h"
#include "latentset/util/ChunkFile.h"
#include "latentset/util/Error.h"
#include "latentset/util/ThreadPool.h"
#include "latentset/world/WorldTask.h"

#include <algorithm>
#include <cstring>
#include <functional>
#include <map>

namespace latentset {

// One member's side of a cross pair whose other member lives on `peer`.
struct ShardedWorldTask::Half {
    std::size_t pair = 0;
    int member = 0; // the local member (a context index)
    int peer = 0;   // the rank holding the pair's other member
    bool first = false; // member encodes first (order[2p])
    Matrix x;           // the pair's items as seen in member's context
    Matrix inGradients, inCodes, outGradients, outCodes;
    double loss = 0.0;  // 0.5 * loss per mask pixel of the decodes done here
};

namespace {

void append(std::string& out, const Matrix& m)
{
    out.append(reinterpret_cast<const char*>(m.data()), std::size_t(m.size()) * sizeof(float));
}

Matrix takeMatrix(const std::string& in, std::size_t& offset, Index rows, Index cols, int peer)
{
    const std::size_t bytes = std::size_t(rows * cols) * sizeof(float);
    if (in.size() < offset + bytes)
        throw Error("sharded training: a message from rank " + std::to_string(peer) + " is shorter than the schedule says");
    Matrix m(rows, cols);
    std::memcpy(m.data(), in.data() + offset, bytes);
    offset += bytes;
    return m;
}

} // namespace

ShardedWorldTask::ShardedWorldTask(std::shared_ptr<const ContextWorld> world, SharedLatentSettings settings,
                                   Communicator& comm)
    : world_(std::move(world))
    , settings_(settings)
    , comm_(comm)
    , layout_(world_ ? world_->contextCount() : 0, comm.size())
{
    settings_.validate();
    const AutoencoderConfig config = WorldTask::memberConfig(*world_, settings_.hidden, settings_.latent);
    std::vector<Autoencoder> members;
    for (int c = layout_.first(comm.rank()); c < layout_.first(comm.rank() + 1); ++c)
        members.emplace_back(config, WorldTask::childSeed(settings_.seed, std::uint64_t(c)));
    local_.setMembers(config, std::move(members), settings_.seed);
    optimizer_.kind = OptimizerSettings::Kind::Adam;
    for (int c = layout_.first(comm.rank()); c < layout_.first(comm.rank() + 1); ++c)
        masks_.push_back(world_->memberMask(c));
}

ShardedWorldTask::ShardedWorldTask(std::shared_ptr<const ContextWorld> world, SharedLatentSettings settings,
                                   Communicator& comm, const AutoencoderSet& all, std::int64_t roundsDone)
    : ShardedWorldTask(std::move(world), settings, comm)
{
    if (all.size() != world_->contextCount() || all.config().inputSize != world_->memberInputSize())
        throw Error("sharded training: the saved members (" + std::to_string(all.size()) + " x "
                    + all.config().describe() + ") do not fit the world's " + std::to_string(world_->contextCount())
                    + " contexts");
    if (!(all.config() == local_.config()))
        throw Error("sharded training: the saved members are " + all.config().describe() + ", the settings say "
                    + local_.config().describe());
    std::vector<Autoencoder> members;
    for (int c = layout_.first(comm.rank()); c < layout_.first(comm.rank() + 1); ++c)
        members.push_back(all.member(c));
    local_.setMembers(all.config(), std::move(members), all.seed());
    rounds_ = roundsDone;
}

bool ShardedWorldTask::nextIsCross() const
{
    return WorldTask::isCrossRound(settings_, rounds_);
}

ShardedWorldTask::RoundResult ShardedWorldTask::round(ThreadPool& pool)
{
    RoundResult r;
    r.round = rounds_;
    r.cross = nextIsCross();
    const long long before = comm_.bytesSent();
    const std::uint64_t roundSeed = WorldTask::childSeed(settings_.seed, std::uint64_t(rounds_));
    r.lossPartialSum = r.cross ? crossRound(pool, roundSeed) : selfRound(pool, roundSeed);
    r.divisor = r.cross ? double(layout_.members() / 2) : double(layout_.members());
    r.bytesSent = comm_.bytesSent() - before;
    ++rounds_;
    return r;
}

double ShardedWorldTask::selfRound(ThreadPool& pool, std::uint64_t roundSeed)
{
    const int first = layout_.first(comm_.rank());
    std::vector<double> losses(std::size_t(local_.size()), 0.0);
    pool.parallelFor(losses.size(), [&](std::size_t k, unsigned) {
        const int c = first + int(k);
        const Matrix x = world_->memberInput(c, WorldTask::drawBatch(*world_, settings_.batchSize,
                                                                     WorldTask::childSeed(roundSeed, std::uint64_t(c))));
        const float loss = local_.trainStep(int(k), x, nullptr, &masks_[k], optimizer_, settings_.learningRate);
        losses[k] = loss / double(world_->maskSize(c));
    });
    double sum = 0.0;
    for (double l : losses)
        sum += l;
    return sum;
}

void ShardedWorldTask::sendPhase(const std::vector<Half>& halves, bool first, int tag, bool withGradients,
                                 bool withCodes)
{
    std::map<int, std::string> messages;
    for (const Half& h : halves)
        if (h.first == first) {
            std::string& m = messages[h.peer];
            if (withGradients)
                append(m, h.outGradients);
            if (withCodes)
                append(m, h.outCodes);
        }
    for (auto& [peer, bytes] : messages)
        comm_.send(peer, tag, std::move(bytes));
}

void ShardedWorldTask::receivePhase(std::vector<Half>& halves, bool first, int tag, bool withGradients,
                                    bool withCodes)
{
    const Index latent = settings_.latent, batch = settings_.batchSize;
    std::map<int, std::vector<Half*>> byPeer;
    for (Half& h : halves)
        if (h.first == first)
            byPeer[h.peer].push_back(&h);
    for (auto& [peer, list] : byPeer) {
        const std::string bytes = comm_.receive(peer, tag, "cross round " + std::to_string(rounds_));
        std::size_t offset = 0;
        for (Half* h : list) {
            if (withGradients)
                h->inGradients = takeMatrix(bytes, offset, latent, batch, peer);
            if (withCodes)
                h->inCodes = takeMatrix(bytes, offset, latent, batch, peer);
        }
        if (offset != bytes.size())
            throw Error("sharded training: a message from rank " + std::to_string(peer) + " is longer than the schedule says");
    }
}

std::vector<Index> ShardedWorldTask::pairBatch(std::uint64_t roundSeed, std::size_t pair) const
{
    return WorldTask::drawBatch(*world_, settings_.batchSize, WorldTask::childSeed(roundSeed, pair + 1));
}

void ShardedWorldTask::planCross(const std::vector<int>& order, std::vector<std::size_t>& localPairs,
                                 std::vector<Half>& halves) const
{
    const int me = comm_.rank();
    for (std::size_t p = 0; p < order.size() / 2; ++p) {
        const int a = order[2 * p], b = order[2 * p + 1];
        const int ra = layout_.owner(a), rb = layout_.owner(b);
        if (ra == me && rb == me)
            localPairs.push_back(p);
        else if (ra == me || rb == me) {
            Half h;
            h.pair = p;
            h.first = ra == me;
            h.member = h.first ? a : b;
            h.peer = h.first ? rb : ra;
            halves.push_back(std::move(h));
        }
    }
    // Grouped by peer, in pair order within a peer: both sides of a message agree on its layout.
    std::stable_sort(halves.begin(), halves.end(), [](const Half& l, const Half& r) { return l.peer < r.peer; });
}

void ShardedWorldTask::eachHalf(ThreadPool& pool, std::vector<Half>& halves, bool side,
                                const std::function<void(Half&)>& fn)
{
    std::vector<Half*> list;
    for (Half& h : halves)
        if (h.first == side)
            list.push_back(&h);
    pool.parallelFor(list.size(), [&](std::size_t k, unsigned) { fn(*list[k]); });
}

void ShardedWorldTask::encodeHalf(Half& h)
{
    Autoencoder& m = mine(h.member);
    auto& ws = m.workspace();
    m.zeroGradients();
    m.forwardEncoder(h.x, ws.encoder);
    h.outCodes = ws.encoder.output();
}

void ShardedWorldTask::decodeHalf(Half& h, float lr)
{
    Autoencoder& m = mine(h.member);
    auto& ws = m.workspace();
    const Matrix& mask = masks_[std::size_t(h.member - layout_.first(comm_.rank()))];
    m.zeroGradients();
    m.forwardDecoder(h.inCodes, ws.decoder);
    const float loss = Loss::evaluate(local_.config().loss, ws.decoder.output(), h.x, &mask,
                                      m.activation(m.layerCount() - 1), &ws.delta);
    m.backwardDecoder(ws.decoder, ws.delta, &ws.dZ);
    h.outGradients = ws.dZ;
    m.applyUpdate(optimizer_, lr);
    h.loss += 0.5 * loss / double(world_->maskSize(h.member));
}

void ShardedWorldTask::finishEncoder(Half& h, float lr)
{
    Autoencoder& m = mine(h.member);
    m.backwardEncoder(m.workspace().encoder, h.inGradients);
    m.applyUpdate(optimizer_, lr);
}

double ShardedWorldTask::localPairs(ThreadPool& pool, const std::vector<int>& order,
                                    const std::vector<std::size_t>& pairs, std::uint64_t roundSeed, float lr)
{
    const int first = layout_.first(comm_.rank());
    std::vector<double> losses(pairs.size(), 0.0);
    pool.parallelFor(pairs.size(), [&](std::size_t k, unsigned) {
        const std::size_t p = pairs[k];
        const int a = order[2 * p], b = order[2 * p + 1], ia = a - first, ib = b - first;
        const std::vector<Index> items = pairBatch(roundSeed, p);
        const Matrix xa = world_->memberInput(a, items), xb = world_->memberInput(b, items);
        const float ab = local_.crossStep(ia, ib, xa, xb, &masks_[std::size_t(ib)], optimizer_, lr);
        const float ba = local_.crossStep(ib, ia, xb, xa, &masks_[std::size_t(ia)], optimizer_, lr);
        losses[k] = 0.5 * (ab / double(world_->maskSize(b)) + ba / double(world_->maskSize(a)));
    });
    double sum = 0.0;
    for (double l : losses)
        sum += l;
    return sum;
}

double ShardedWorldTask::crossRound(ThreadPool& pool, std::uint64_t roundSeed)
{
    const std::vector<int> order = WorldTask::crossMatching(layout_.members(), roundSeed);
    const float lr = settings_.learningRate;
    std::vector<std::size_t> local;
    std::vector<Half> halves;
    planCross(order, local, halves);
    pool.parallelFor(halves.size(), [&](std::size_t k, unsigned) {
        halves[k].x = world_->memberInput(halves[k].member, pairBatch(roundSeed, halves[k].pair));
    });
    // 1. first encoders: codes out.
    eachHalf(pool, halves, true, [&](Half& h) { encodeHalf(h); });
    sendPhase(halves, true, kTagCodes, false, true);
    // The local pairs while the codes travel (as WorldTask runs a pair).
    double sum = localPairs(pool, order, local, roundSeed, lr);
    // 2. first decoders: decode, update, then encode for the way back.
    receivePhase(halves, false, kTagCodes, false, true);
    eachHalf(pool, halves, false, [&](Half& h) {
        decodeHalf(h, lr);
        encodeHalf(h);
    });
    sendPhase(halves, false, kTagGradientsAndCodes, true, true);
    // 3. first encoders: finish the encoder step, then decode the way back.
    receivePhase(halves, true, kTagGradientsAndCodes, true, true);
    eachHalf(pool, halves, true, [&](Half& h) {
        finishEncoder(h, lr);
        decodeHalf(h, lr);
    });
    sendPhase(halves, true, kTagGradients, true, false);
    // 4. first decoders: finish their encoder step.
    receivePhase(halves, false, kTagGradients, true, false);
    eachHalf(pool, halves, false, [&](Half& h) { finishEncoder(h, lr); });
    for (const Half& h : halves)
        sum += h.loss;
    return sum;
}

AutoencoderSet ShardedWorldTask::gather(bool withState)
{
    if (comm_.rank() != 0) {
        ChunkFile file("rank " + std::to_string(comm_.rank()) + "'s members");
        ModelFile::writeSet(file, local_, withState);
        comm_.send(0, kTagGather, file.toBytes());
        return {};
    }
    std::vector<Autoencoder> all;
    all.reserve(std::size_t(layout_.members()));
    for (int k = 0; k < local_.size(); ++k)
        all.push_back(withState ? local_.member(k) : local_.member(k).inferenceCopy());
    for (int r = 1; r < comm_.size(); ++r) {
        const std::string name = "rank " + std::to_string(r) + "'s members";
        AutoencoderSet shard = ModelFile::readSet(ChunkFile::fromBytes(comm_.receive(r, kTagGather, "gathering the members"), name));
        if (shard.size() != layout_.count(r) || !(shard.config() == local_.config()))
            throw Error("sharded training: " + name + " are not the block the layout gives it");
        for (int k = 0; k < shard.size(); ++k)
            all.push_back(std::move(shard.member(k)));
    }
    AutoencoderSet set;
    set.setMembers(local_.config(), std::move(all), local_.seed());
    std::vector<std::string> names;
    for (int c = 0; c < layout_.members(); ++c)
        names.push_back(world_->contextName(c));
    set.setMemberNames(names);
    return set;
}

} // namespace latentset
