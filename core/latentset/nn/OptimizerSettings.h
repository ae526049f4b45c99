#pragma once
// How parameters are updated from their gradients. A plain value: copy it,
// change it between steps, save it with the model.
#include <cstdint>
#include <string>

namespace latentset {

struct OptimizerSettings {
    enum class Kind { Adam, SgdMomentum };
    enum class Schedule {
        Constant, // lr for every step
        Step,     // lr * decayFactor^floor(epoch / decayEvery)
        Cosine    // lr * (minFactor + (1 - minFactor) * (1 + cos(pi * progress)) / 2)
    };

    Kind kind = Kind::Adam;
    float learningRate = 1e-3f;
    float beta1 = 0.9f;   // Adam
    float beta2 = 0.999f; // Adam
    float epsilon = 1e-8f;
    float momentum = 0.9f; // SGD
    // L2 weight decay added to weight gradients (not biases): g += decay * w.
    float weightDecay = 0.0f;
    // Global gradient-norm clipping per model; 0 = off.
    float clipNorm = 0.0f;

    Schedule schedule = Schedule::Constant;
    float decayFactor = 0.5f; // Step
    float decayEvery = 10.0f; // Step, in epochs
    float minFactor = 0.05f;  // Cosine

    // The learning rate at a point of training: epoch may be fractional
    // (epoch + batch / batchesPerEpoch); totalEpochs is the planned length.
    float learningRateAt(double epoch, double totalEpochs) const;

    static std::string kindName(Kind kind);     // "adam", "sgd"
    static Kind parseKind(const std::string& name);
    static std::string scheduleName(Schedule schedule); // "constant", "step", "cosine"
    static Schedule parseSchedule(const std::string& name);
};

} // namespace latentset
