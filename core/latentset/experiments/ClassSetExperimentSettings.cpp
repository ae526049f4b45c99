#include "latentset/experiments/ClassSetExperimentSettings.h"

#include "latentset/nn/Loss.h"
#include "latentset/util/Error.h"

#include <limits>

namespace latentset {

namespace {

constexpr std::int64_t kMaxCount = std::int64_t(1) << 40;

const char* decisionName(ClassSetExperimentSettings::Decision d)
{
    return d == ClassSetExperimentSettings::Decision::Calibrated ? "calibrated" : "raw";
}

const char* errorName(ClassSetExperimentSettings::ErrorMeasure e)
{
    return e == ClassSetExperimentSettings::ErrorMeasure::TrainingLoss ? "loss" : "sse";
}

} // namespace

OptimizerSettings ClassSetExperimentSettings::paperOptimizer()
{
    OptimizerSettings o;
    o.learningRate = 1e-3f;
    o.schedule = OptimizerSettings::Schedule::Cosine;
    return o;
}

ClassSetSettings ClassSetExperimentSettings::taskSettings() const
{
    ClassSetSettings s;
    s.batchSize = batchSize;
    s.optimizer = optimizer;
    s.maskingNoise = maskingNoise;
    s.shiftPixels = shiftPixels;
    s.seed = batchOrderSeed(seed);
    return s;
}

void ClassSetExperimentSettings::validate() const
{
    auto require = [](bool ok, const char* what) {
        if (!ok)
            throw Error(std::string("class-set settings: ") + what);
    };
    require(limit >= 0 && validation >= 0, "limit and validation must be >= 0");
    require(!model.hiddenSizes.empty() && model.latentSize >= 1, "the member needs a hidden layer and a latent size >= 1");
    require(epochs >= 0 && epochs <= 10000 && mlpEpochs >= -1 && mlpEpochs <= 10000, "epochs must be in 0..10000");
    require(batchSize >= 1 && mlpBatchSize >= 1, "batch sizes must be >= 1");
    require(optimizer.learningRate > 0, "the learning rate must be > 0");
    require(maskingNoise >= 0 && maskingNoise < 1, "masking noise must be in [0, 1)");
    require(shiftPixels >= 0 && shiftPixels <= 8, "shift must be in 0..8 pixels");
    require(calibrationPerClass >= 0, "calibration images must be >= 0");
}

JsonValue autoencoderShapeToJson(const AutoencoderConfig& config)
{
    JsonValue hidden = JsonValue::array();
    for (Index h : config.hiddenSizes)
        hidden.push(JsonValue(h));
    JsonValue j = JsonValue::object();
    j.set("hidden", std::move(hidden));
    j.set("latent", config.latentSize);
    j.set("tied", config.tied);
    j.set("loss", lossName(config.loss));
    return j;
}

AutoencoderConfig autoencoderShapeFromJson(const JsonValue& j, const AutoencoderConfig& fallback)
{
    std::vector<Index> hidden = fallback.hiddenSizes;
    if (const JsonValue* h = j.find("hidden")) {
        hidden.clear();
        for (const JsonValue& v : h->asArray()) {
            const double n = v.asNumber();
            if (!(n >= 1 && n <= 65536) || Index(n) != n)
                throw Error("key 'hidden': sizes must be integers in 1..65536");
            hidden.push_back(Index(n));
        }
        if (hidden.empty())
            throw Error("key 'hidden': at least one hidden layer");
    }
    AutoencoderConfig c = AutoencoderConfig::make(fallback.inputSize, hidden, j.integer("latent", fallback.latentSize, 1, 4096),
                                                  j.boolean("tied", fallback.tied));
    c.loss = parseLoss(j.oneOf("loss", lossName(fallback.loss), {"bce", "mse"}));
    return c;
}

JsonValue optimizerToJson(const OptimizerSettings& o)
{
    JsonValue j = JsonValue::object();
    j.set("learning_rate", double(o.learningRate));
    j.set("schedule", OptimizerSettings::scheduleName(o.schedule));
    j.set("weight_decay", double(o.weightDecay));
    return j;
}

OptimizerSettings optimizerFromJson(const JsonValue& j, const OptimizerSettings& fallback)
{
    OptimizerSettings o = fallback;
    o.learningRate = j.floatNumber("learning_rate", fallback.learningRate, 1e-9f, 10.0f);
    o.schedule = OptimizerSettings::parseSchedule(
        j.oneOf("schedule", OptimizerSettings::scheduleName(fallback.schedule), {"constant", "step", "cosine"}));
    o.weightDecay = j.floatNumber("weight_decay", fallback.weightDecay, 0.0f, 1.0f);
    return o;
}

JsonValue ClassSetExperimentSettings::toJson() const
{
    JsonValue j = JsonValue::object();
    j.set("dataset", dataset);
    j.set("limit", limit);
    j.set("validation", validation);
    j.set("model", autoencoderShapeToJson(model));
    j.set("epochs", epochs);
    j.set("mlp_epochs", mlpEpochs);
    j.set("batch", batchSize);
    j.set("mlp_batch", mlpBatchSize);
    j.set("optimizer", optimizerToJson(optimizer));
    j.set("noise", double(maskingNoise));
    j.set("shift", shiftPixels);
    j.set("decision", decisionName(decision));
    j.set("error", errorName(error));
    j.set("calibration", calibrationPerClass);
    j.set("threads", threads);
    j.set("seed", double(seed));
    j.set("gemm_benchmark", gemmBenchmark);
    j.set("load", loadPath);
    j.set("save", savePath);
    return j;
}

ClassSetExperimentSettings ClassSetExperimentSettings::fromJson(const JsonValue& j)
{
    const ClassSetExperimentSettings d;
    ClassSetExperimentSettings s;
    j.asObject(); // throws unless an object
    s.dataset = j.string("dataset", d.dataset);
    s.limit = j.integer("limit", d.limit, 0, kMaxCount);
    s.validation = j.integer("validation", d.validation, 0, kMaxCount);
    if (const JsonValue* m = j.find("model"))
        s.model = autoencoderShapeFromJson(*m, d.model);
    s.epochs = j.integer("epochs", d.epochs, 0, 10000);
    s.mlpEpochs = j.integer("mlp_epochs", d.mlpEpochs, -1, 10000);
    s.batchSize = j.integer("batch", d.batchSize, 1, 65536);
    s.mlpBatchSize = j.integer("mlp_batch", d.mlpBatchSize, 1, 65536);
    if (const JsonValue* o = j.find("optimizer"))
        s.optimizer = optimizerFromJson(*o, d.optimizer);
    s.maskingNoise = j.floatNumber("noise", d.maskingNoise, 0.0f, 0.99f);
    s.shiftPixels = int(j.integer("shift", d.shiftPixels, 0, 8));
    s.decision = j.oneOf("decision", "raw", {"raw", "calibrated"}) == "calibrated" ? Decision::Calibrated : Decision::Raw;
    s.error = j.oneOf("error", "sse", {"sse", "loss"}) == "loss" ? ErrorMeasure::TrainingLoss : ErrorMeasure::SquaredError;
    s.calibrationPerClass = j.integer("calibration", d.calibrationPerClass, 0, 100000);
    s.threads = unsigned(j.integer("threads", d.threads, 0, 256));
    // Seeds up to 2^53 survive a JSON number exactly.
    s.seed = std::uint64_t(j.integer("seed", std::int64_t(d.seed), 0, std::int64_t(1) << 53));
    s.gemmBenchmark = j.boolean("gemm_benchmark", d.gemmBenchmark);
    s.loadPath = j.string("load", d.loadPath);
    s.savePath = j.string("save", d.savePath);
    s.validate();
    return s;
}

} // namespace latentset
