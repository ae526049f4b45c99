#include "latentset/nn/AutoencoderSet.h"

#include "latentset/nn/Loss.h"
#include "latentset/util/Error.h"
#include "latentset/util/ThreadPool.h"

namespace latentset {

namespace {
std::uint64_t memberSeed(std::uint64_t seed, int i)
{
    // splitmix64 of (seed, i): independent, well-mixed streams per member.
    std::uint64_t z = seed + 0x9E3779B97F4A7C15ull * std::uint64_t(i + 1);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}
} // namespace

AutoencoderSet::AutoencoderSet(const AutoencoderConfig& config, int members, std::uint64_t seed)
    : config_(config), seed_(seed)
{
    config_.validate();
    if (members <= 0)
        throw Error("autoencoder set: needs at least one member");
    members_.reserve(std::size_t(members));
    for (int i = 0; i < members; ++i)
        members_.emplace_back(config_, memberSeed(seed, i));
}

void AutoencoderSet::setMemberNames(std::vector<std::string> names)
{
    if (!names.empty() && int(names.size()) != size())
        throw Error("autoencoder set: " + std::to_string(names.size()) + " names for " + std::to_string(size())
                    + " members");
    names_ = std::move(names);
}

std::string AutoencoderSet::memberName(int i) const
{
    return names_.empty() ? std::to_string(i) : names_[std::size_t(i)];
}

float AutoencoderSet::trainStep(int i, const Matrix& input, const Matrix* target, const Matrix* mask,
                                const OptimizerSettings& settings, float learningRate)
{
    return member(i).trainStep(input, target, mask, settings, learningRate);
}

std::vector<float> AutoencoderSet::trainStepAll(const std::vector<const Matrix*>& inputs,
                                                const std::vector<const Matrix*>& targets,
                                                const std::vector<const Matrix*>& masks,
                                                const OptimizerSettings& settings, float learningRate,
                                                ThreadPool& pool)
{
    if (int(inputs.size()) != size())
        throw Error("autoencoder set: trainStepAll needs one input batch per member");
    std::vector<float> losses(inputs.size(), 0.0f);
    pool.parallelFor(inputs.size(), [&](std::size_t i, unsigned) {
        const Matrix* t = i < targets.size() ? targets[i] : nullptr;
        const Matrix* m = i < masks.size() ? masks[i] : nullptr;
        losses[i] = members_[i].trainStep(*inputs[i], t, m, settings, learningRate);
    });
    return losses;
}

float AutoencoderSet::crossStep(int i, int j, const Matrix& input, const Matrix& target, const Matrix* mask,
                                const OptimizerSettings& settings, float learningRate)
{
    if (i == j)
        return trainStep(i, input, &target, mask, settings, learningRate);
    Autoencoder& enc = member(i);
    Autoencoder& dec = member(j);
    enc.zeroGradients();
    dec.zeroGradients();
    auto& ews = enc.workspace();
    auto& dws = dec.workspace();
    enc.forwardEncoder(input, ews.encoder);
    dec.forwardDecoder(ews.encoder.output(), dws.decoder);
    const float loss = Loss::evaluate(config_.loss, dws.decoder.output(), target, mask,
                                      dec.activation(dec.layerCount() - 1), &dws.delta);
    dec.backwardDecoder(dws.decoder, dws.delta, &ews.dZ);
    enc.backwardEncoder(ews.encoder, ews.dZ);
    enc.applyUpdate(settings, learningRate);
    dec.applyUpdate(settings, learningRate);
    return loss;
}

Matrix AutoencoderSet::reconstructionErrors(const Matrix& X, ThreadPool* pool,
                                            std::optional<LossKind> measure) const
{
    const LossKind kind = measure.value_or(config_.loss);
    Matrix errors(size(), X.cols());
    auto one = [&](std::size_t i, unsigned) {
        const Matrix R = members_[i].reconstruct(X);
        errors.row(Index(i)) = Loss::perSample(kind, R, X);
    };
    if (pool)
        pool->parallelFor(members_.size(), one);
    else
        for (std::size_t i = 0; i < members_.size(); ++i)
            one(i, 0);
    return errors;
}

AutoencoderSet AutoencoderSet::inferenceCopy() const
{
    AutoencoderSet copy;
    copy.config_ = config_;
    copy.seed_ = seed_;
    copy.names_ = names_;
    copy.members_.reserve(members_.size());
    for (const auto& m : members_)
        copy.members_.push_back(m.inferenceCopy());
    return copy;
}

void AutoencoderSet::setMembers(const AutoencoderConfig& config, std::vector<Autoencoder> members, std::uint64_t seed)
{
    for (const auto& m : members)
        if (!(m.config() == config))
            throw Error("autoencoder set: member config differs from the set's");
    config_ = config;
    members_ = std::move(members);
    seed_ = seed;
    if (!names_.empty() && names_.size() != members_.size())
        names_.clear();
}

} // namespace latentset
