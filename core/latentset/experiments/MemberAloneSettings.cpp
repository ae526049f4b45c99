#include "latentset/experiments/MemberAloneSettings.h"

#include "latentset/util/Error.h"

#include <string>

namespace latentset {

void MemberAloneSettings::validate() const
{
    auto require = [](bool ok, const char* what) {
        if (!ok)
            throw Error(std::string("member-alone settings: ") + what);
    };
    require(member >= 0, "the member must be >= 0");
    require(epochs >= 1 && epochs <= 100000, "epochs must be in 1..100000");
    require(batchSize >= 1, "the batch size must be >= 1");
    require(learningRate > 0, "the learning rate must be > 0");
    require(maskingNoise >= 0 && maskingNoise < 1, "the masking noise must be in [0, 1)");
    require(shiftPixels >= 0 && shiftPixels <= 16, "the shift must be in 0..16 pixels");
}

JsonValue MemberAloneSettings::toJson() const
{
    JsonValue j = JsonValue::object();
    j.set("member", member);
    j.set("epochs", epochs);
    j.set("batch", batchSize);
    j.set("learning_rate", double(learningRate));
    j.set("masking_noise", double(maskingNoise));
    j.set("shift_pixels", shiftPixels);
    j.set("seed", double(seed));
    j.set("threads", threads);
    return j;
}

MemberAloneSettings MemberAloneSettings::fromJson(const JsonValue& j)
{
    const MemberAloneSettings d;
    MemberAloneSettings s;
    j.asObject();
    s.member = int(j.integer("member", d.member, 0, 65535));
    s.epochs = j.integer("epochs", d.epochs, 1, 100000);
    s.batchSize = j.integer("batch", d.batchSize, 1, 65536);
    s.learningRate = j.floatNumber("learning_rate", d.learningRate, 1e-9f, 10.0f);
    s.maskingNoise = j.floatNumber("masking_noise", d.maskingNoise, 0.0f, 0.99f);
    s.shiftPixels = int(j.integer("shift_pixels", d.shiftPixels, 0, 16));
    s.seed = std::uint64_t(j.integer("seed", std::int64_t(d.seed), 0, std::int64_t(1) << 53));
    s.threads = unsigned(j.integer("threads", d.threads, 0, 256));
    s.validate();
    return s;
}

} // namespace latentset
