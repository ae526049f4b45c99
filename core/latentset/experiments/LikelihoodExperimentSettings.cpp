#include "latentset/experiments/LikelihoodExperimentSettings.h"

#include "latentset/util/Error.h"

namespace latentset {

namespace {

const char* pathName(LikelihoodEstimator::Path p)
{
    switch (p) {
    case LikelihoodEstimator::Path::Dense: return "dense";
    case LikelihoodEstimator::Path::Sparse: return "sparse";
    default: return "auto";
    }
}

LikelihoodEstimator::Path parsePath(const std::string& s)
{
    if (s == "dense")
        return LikelihoodEstimator::Path::Dense;
    if (s == "sparse")
        return LikelihoodEstimator::Path::Sparse;
    return LikelihoodEstimator::Path::Automatic;
}

} // namespace

void LikelihoodExperimentSettings::validate() const
{
    if (model.empty() && quickTrainEpochs == 0)
        throw Error("--model FILE is required (or --quick-train EPOCHS for a throwaway set)");
    if (save && model.empty())
        throw Error("--save needs --model");
    if (limit < 0 || validation < 10 || speedSamples < 1 || speedRepeat < 1 || quickTrainEpochs < 0 || quickHidden < 1
        || likelihood.mixture.components < 1 || calibrationRidge < 0)
        throw Error("likelihood settings: limit >= 0, validation >= 10, speed samples/repeat >= 1, components >= 1, "
                    "ridge >= 0");
}

JsonValue LikelihoodExperimentSettings::toJson() const
{
    JsonValue j = JsonValue::object();
    j.set("model", model);
    j.set("dataset", dataset);
    j.set("fashion", fashion);
    j.set("limit", limit);
    j.set("validation", validation);
    j.set("speed_samples", speedSamples);
    j.set("speed_repeat", speedRepeat);
    j.set("path", pathName(path));
    j.set("sigma", likelihood.sigmaMode == LikelihoodSettings::SigmaMode::PerPixel ? "pixel" : "scalar");
    j.set("sigma_scope", likelihood.pooledSigma ? "pooled" : "member");
    j.set("components", likelihood.mixture.components);
    j.set("diagonal", likelihood.mixture.diagonal);
    j.set("shared_pz", likelihood.sharedLatentDensity);
    j.set("refit", refit);
    j.set("recalibrate", recalibrate);
    j.set("calibration_ridge", calibrationRidge);
    j.set("save", save);
    j.set("quick_train", quickTrainEpochs);
    j.set("quick_hidden", quickHidden);
    j.set("threads", threads);
    j.set("seed", double(seed));
    return j;
}

LikelihoodExperimentSettings LikelihoodExperimentSettings::fromJson(const JsonValue& j)
{
    const LikelihoodExperimentSettings d;
    LikelihoodExperimentSettings s;
    j.asObject();
    s.model = j.string("model", d.model);
    s.dataset = j.string("dataset", d.dataset);
    s.fashion = j.string("fashion", d.fashion);
    s.limit = j.integer("limit", d.limit, 0, std::int64_t(1) << 40);
    s.validation = j.integer("validation", d.validation, 10, std::int64_t(1) << 40);
    s.speedSamples = j.integer("speed_samples", d.speedSamples, 1, std::int64_t(1) << 40);
    s.speedRepeat = int(j.integer("speed_repeat", d.speedRepeat, 1, 1000));
    s.path = parsePath(j.oneOf("path", "auto", {"auto", "dense", "sparse"}));
    if (j.oneOf("sigma", "scalar", {"scalar", "pixel"}) == "pixel")
        s.likelihood.sigmaMode = LikelihoodSettings::SigmaMode::PerPixel;
    s.likelihood.pooledSigma = j.oneOf("sigma_scope", "pooled", {"pooled", "member"}) == "pooled";
    s.likelihood.mixture.components = int(j.integer("components", d.likelihood.mixture.components, 1, 1024));
    s.likelihood.mixture.diagonal = j.boolean("diagonal", d.likelihood.mixture.diagonal);
    s.likelihood.sharedLatentDensity = j.boolean("shared_pz", d.likelihood.sharedLatentDensity);
    s.refit = j.boolean("refit", d.refit);
    s.recalibrate = j.boolean("recalibrate", d.recalibrate);
    s.calibrationRidge = j.number("calibration_ridge", d.calibrationRidge, 0, 1e6);
    s.save = j.boolean("save", d.save);
    s.quickTrainEpochs = int(j.integer("quick_train", d.quickTrainEpochs, 0, 10000));
    s.quickHidden = j.integer("quick_hidden", d.quickHidden, 1, 65536);
    s.threads = unsigned(j.integer("threads", d.threads, 0, 256));
    s.seed = std::uint64_t(j.integer("seed", std::int64_t(d.seed), 0, std::int64_t(1) << 53));
    s.validate();
    return s;
}

} // namespace latentset
