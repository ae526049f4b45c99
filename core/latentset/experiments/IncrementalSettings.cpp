#include "latentset/experiments/IncrementalSettings.h"

#include "latentset/experiments/ClassSetExperimentSettings.h"
#include "latentset/util/Error.h"

#include <set>

namespace latentset {

std::vector<std::vector<int>> IncrementalSettings::tasksFor(int classes) const
{
    if (!tasks.empty())
        return tasks;
    std::vector<std::vector<int>> pairs;
    for (int c = 0; c < classes; c += 2)
        pairs.push_back(c + 1 < classes ? std::vector<int>{c, c + 1} : std::vector<int>{c});
    return pairs;
}

void IncrementalSettings::validate() const
{
    auto require = [](bool ok, const char* what) {
        if (!ok)
            throw Error(std::string("incremental settings: ") + what);
    };
    std::set<int> seen;
    for (const auto& task : tasks) {
        require(!task.empty(), "a task needs at least one class");
        for (int c : task)
            require(c >= 0 && seen.insert(c).second, "task classes must be >= 0 and appear once");
    }
    require(stepsPerTask >= 1 && stepsPerTask <= 10'000'000, "steps per task must be in 1..10^7");
    require(batchSize >= 1, "the batch size must be >= 1");
    require(learningRate > 0, "the learning rate must be > 0");
    require(!model.hiddenSizes.empty() && model.latentSize >= 1, "the member needs a hidden layer and a latent size >= 1");
    require(mlpHidden >= 1 && replayPerClass >= 0, "mlp hidden must be >= 1 and replay images >= 0");
    require(repairSteps >= 0 && repairMember >= -1, "repair steps must be >= 0, the member >= -1");
    require(set || repairSteps == 0, "the repair needs the set");
    require(seeds >= 1 && seeds <= 1000, "seeds must be in 1..1000");
}

JsonValue IncrementalSettings::toJson() const
{
    JsonValue j = JsonValue::object();
    j.set("dataset", dataset);
    JsonValue list = JsonValue::array();
    for (const auto& task : tasks) {
        JsonValue classes = JsonValue::array();
        for (int c : task)
            classes.push(JsonValue(c));
        list.push(std::move(classes));
    }
    j.set("tasks", std::move(list));
    j.set("steps_per_task", stepsPerTask);
    j.set("batch", batchSize);
    j.set("learning_rate", double(learningRate));
    j.set("model", autoencoderShapeToJson(model));
    j.set("mlp_hidden", mlpHidden);
    j.set("replay_per_class", replayPerClass);
    j.set("set", set);
    j.set("mlp", mlp);
    j.set("joint", joint);
    j.set("repair_steps", repairSteps);
    j.set("repair_member", repairMember);
    j.set("seeds", seeds);
    j.set("first_seed", double(firstSeed));
    j.set("threads", threads);
    return j;
}

IncrementalSettings IncrementalSettings::fromJson(const JsonValue& j)
{
    const IncrementalSettings d;
    IncrementalSettings s;
    j.asObject();
    s.dataset = j.string("dataset", d.dataset);
    if (const JsonValue* list = j.find("tasks")) {
        for (const JsonValue& task : list->asArray()) {
            std::vector<int> classes;
            for (const JsonValue& c : task.asArray()) {
                const double v = c.asNumber();
                if (!(v >= 0 && v <= 65535) || int(v) != v)
                    throw Error("key 'tasks': classes must be integers in 0..65535");
                classes.push_back(int(v));
            }
            s.tasks.push_back(std::move(classes));
        }
    }
    s.stepsPerTask = j.integer("steps_per_task", d.stepsPerTask, 1, 10'000'000);
    s.batchSize = j.integer("batch", d.batchSize, 1, 65536);
    s.learningRate = j.floatNumber("learning_rate", d.learningRate, 1e-9f, 10.0f);
    if (const JsonValue* m = j.find("model"))
        s.model = autoencoderShapeFromJson(*m, d.model);
    s.mlpHidden = j.integer("mlp_hidden", d.mlpHidden, 1, 65536);
    s.replayPerClass = j.integer("replay_per_class", d.replayPerClass, 0, 1'000'000);
    s.set = j.boolean("set", d.set);
    s.mlp = j.boolean("mlp", d.mlp);
    s.joint = j.boolean("joint", d.joint);
    s.repairSteps = j.integer("repair_steps", d.repairSteps, 0, 10'000'000);
    s.repairMember = int(j.integer("repair_member", d.repairMember, -1, 65535));
    s.seeds = int(j.integer("seeds", d.seeds, 1, 1000));
    s.firstSeed = std::uint64_t(j.integer("first_seed", std::int64_t(d.firstSeed), 0, std::int64_t(1) << 53));
    s.threads = unsigned(j.integer("threads", d.threads, 0, 256));
    s.validate();
    return s;
}

} // namespace latentset
