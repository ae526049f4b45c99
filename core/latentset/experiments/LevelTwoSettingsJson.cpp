#include "latentset/experiments/LevelTwoSettingsJson.h"

#include "latentset/util/Error.h"

namespace latentset {

void LevelTwoSettingsJson::write(JsonValue& j, const ConceptSettings& s, const char* seedKey)
{
    JsonValue hidden = JsonValue::array();
    for (Index h : s.hiddenSizes)
        hidden.push(JsonValue(h));
    j.set("hidden", std::move(hidden));
    j.set("epochs", s.epochs);
    j.set("batch", s.batchSize);
    j.set("learning_rate", double(s.learningRate));
    j.set(seedKey, double(s.seed));
    j.set("restarts", s.restarts);
}

ConceptSettings LevelTwoSettingsJson::read(const JsonValue& j, const ConceptSettings& d, const char* seedKey)
{
    ConceptSettings s = d;
    if (const JsonValue* h = j.find("hidden")) {
        s.hiddenSizes.clear();
        for (const JsonValue& v : h->asArray()) {
            const double n = v.asNumber();
            if (!(n >= 1 && n <= 65536) || Index(n) != n)
                throw Error("key 'hidden': sizes must be integers in 1..65536");
            s.hiddenSizes.push_back(Index(n));
        }
    }
    s.epochs = int(j.integer("epochs", d.epochs, 1, 100000));
    s.batchSize = int(j.integer("batch", d.batchSize, 1, 65536));
    s.learningRate = j.floatNumber("learning_rate", d.learningRate, 1e-9f, 10.0f);
    s.seed = std::uint64_t(j.integer(seedKey, std::int64_t(d.seed), 0, std::int64_t(1) << 53));
    s.restarts = int(j.integer("restarts", d.restarts, 1, 100));
    return s;
}

} // namespace latentset
