#include "latentset/nn/OptimizerSettings.h"

#include "latentset/util/Error.h"

#include <algorithm>
#include <cmath>

namespace latentset {

float OptimizerSettings::learningRateAt(double epoch, double totalEpochs) const
{
    switch (schedule) {
    case Schedule::Constant: return learningRate;
    case Schedule::Step:
        return learningRate * std::pow(decayFactor, std::floor(epoch / std::max(1e-9, double(decayEvery))));
    case Schedule::Cosine: {
        const double p = totalEpochs > 0 ? std::clamp(epoch / totalEpochs, 0.0, 1.0) : 0.0;
        return float(learningRate * (minFactor + (1.0 - minFactor) * 0.5 * (1.0 + std::cos(3.14159265358979 * p))));
    }
    }
    return learningRate;
}

std::string OptimizerSettings::kindName(Kind kind) { return kind == Kind::Adam ? "adam" : "sgd"; }

OptimizerSettings::Kind OptimizerSettings::parseKind(const std::string& name)
{
    if (name == "adam")
        return Kind::Adam;
    if (name == "sgd")
        return Kind::SgdMomentum;
    throw Error("unknown optimiser '" + name + "' (expected adam or sgd)");
}

std::string OptimizerSettings::scheduleName(Schedule s)
{
    switch (s) {
    case Schedule::Constant: return "constant";
    case Schedule::Step: return "step";
    case Schedule::Cosine: return "cosine";
    }
    return "?";
}

OptimizerSettings::Schedule OptimizerSettings::parseSchedule(const std::string& name)
{
    for (Schedule s : {Schedule::Constant, Schedule::Step, Schedule::Cosine})
        if (scheduleName(s) == name)
            return s;
    throw Error("unknown learning-rate schedule '" + name + "' (expected constant, step or cosine)");
}

} // namespace latentset
