#pragma once
// A set of N autoencoders with the same config: one member per context (a
// class, an orientation...). Member i is trained on its own data partition;
// cross steps (encode with i, decode with j) tie their latent spaces.
//
// Shapes as in Autoencoder.h: inputs and targets inputSize x B, masks
// inputSize x 1 or inputSize x B (see Loss.h), one column per sample.
//
// Thread rules: const functions may run concurrently. A training step
// mutates the member(s) it touches: steps on DIFFERENT members may run on
// different threads at the same time (trainStepAll does exactly that), but a
// member may take part in only one running step at a time — a cross step
// (i, j) touches both i and j.
#include "latentset/nn/Autoencoder.h"
#include "latentset/nn/AutoencoderConfig.h"
#include "latentset/nn/OptimizerSettings.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace latentset {

class ThreadPool;

class AutoencoderSet {
public:
    AutoencoderSet() = default;
    // Member i is initialised from a seed derived from (seed, i), so sets of
    // different sizes share their first members' initial weights.
    AutoencoderSet(const AutoencoderConfig& config, int members, std::uint64_t seed);

    int size() const { return int(members_.size()); }
    const AutoencoderConfig& config() const { return config_; }
    std::uint64_t seed() const { return seed_; }
    Autoencoder& member(int i) { return members_[std::size_t(i)]; }
    const Autoencoder& member(int i) const { return members_[std::size_t(i)]; }

    // Optional display names ("0".."9", "yaw 12°"); defaults to the index.
    const std::vector<std::string>& memberNames() const { return names_; }
    void setMemberNames(std::vector<std::string> names);
    std::string memberName(int i) const;

    // One self-training step of member i (target = input when null).
    float trainStep(int i, const Matrix& input, const Matrix* target, const Matrix* mask,
                    const OptimizerSettings& settings, float learningRate);
    // One step for every member, member i on inputs[i] (targets/masks may be
    // empty vectors or hold null entries). Members run in parallel on `pool`.
    // Returns the per-member losses.
    std::vector<float> trainStepAll(const std::vector<const Matrix*>& inputs, const std::vector<const Matrix*>& targets,
                                    const std::vector<const Matrix*>& masks, const OptimizerSettings& settings,
                                    float learningRate, ThreadPool& pool);
    // Cross step: encode `input` with member i, decode with member j, loss
    // against `target` (the same thing as it looks in context j), backward
    // through j's decoder into i's encoder, then update both (i == j is an
    // ordinary step). Gradients reach exactly the parameters used, tied ones
    // included. Returns the loss.
    float crossStep(int i, int j, const Matrix& input, const Matrix& target, const Matrix* mask,
                    const OptimizerSettings& settings, float learningRate);

    // Per-member, per-sample reconstruction loss of X under each member
    // (size() x B); `measure` defaults to the config's training loss.
    // Parallel over members on `pool` if given.
    Matrix reconstructionErrors(const Matrix& X, ThreadPool* pool = nullptr,
                                std::optional<LossKind> measure = std::nullopt) const;

    // Values only, for snapshots and readers on other threads.
    AutoencoderSet inferenceCopy() const;
    double trainingFlopsPerSample() const { return members_.empty() ? 0.0 : members_[0].trainingFlopsPerSample(); }

    // For ModelFile: replace members wholesale (config must match).
    void setMembers(const AutoencoderConfig& config, std::vector<Autoencoder> members, std::uint64_t seed);

private:
    AutoencoderConfig config_;
    std::uint64_t seed_ = 0;
    std::vector<Autoencoder> members_;
    std::vector<std::string> names_;
};

} // namespace latentset
