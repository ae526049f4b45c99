#include "latentset/experiments/RunComparison.h"

#include "latentset/data/Dataset.h"
#include "latentset/nn/AutoencoderSet.h"
#include "latentset/util/Error.h"
#include "latentset/util/JsonReader.h"

#include <catch2/catch.hpp>

using namespace latentset;

TEST_CASE("Run comparison: the settings diff of two hand-made projects", "[experiments][compare]")
{
    // Two projects' "UIPR" settings as the app writes them, differing in the
    // learning rate, the seed, a nested key, a key only one has, and their curves.
    const JsonValue left = JsonReader::parse(R"({"dataset":"mnist","hidden":"2048","latent":16,"learningRate":0.001,
        "seed":1,"tied":true,"views":{"units":{"member":3}},"curves":[{"x":[0,1],"y":[5,4]}],
        "model":{"classSet":"784-2048-16","members":10}})", "left");
    const JsonValue right = JsonReader::parse(R"({"dataset":"mnist","hidden":"2048","latent":16,"learningRate":0.003,
        "seed":2,"tied":true,"views":{"units":{"member":5}},"curves":[{"x":[0],"y":[9]}],
        "model":{"classSet":"784-2048-16","members":10,"cubeWorld":"100 contexts"},"schedule":"cosine"})", "right");
    const std::vector<SettingsDifference> d = RunComparison::settingsDiff(left, right, {"curves", "views"});
    REQUIRE(d.size() == 4);
    CHECK(d[0] == SettingsDifference{"learningRate", "0.001", "0.003"});
    CHECK(d[1] == SettingsDifference{"model.cubeWorld", "", "\"100 contexts\""});
    CHECK(d[2] == SettingsDifference{"schedule", "", "\"cosine\""});
    CHECK(d[3] == SettingsDifference{"seed", "1", "2"});
    // Without ignored prefixes the curves and the view state differ too.
    const auto all = RunComparison::settingsDiff(left, right);
    CHECK(all.size() == 6);
    CHECK(std::any_of(all.begin(), all.end(), [](const SettingsDifference& x) { return x.key == "views.units.member"; }));
    // The same project against itself: nothing differs.
    CHECK(RunComparison::settingsDiff(left, left).empty());
}

TEST_CASE("Run comparison: confusion of a set and the difference of maps", "[experiments][compare]")
{
    auto set = std::make_shared<const AutoencoderSet>(AutoencoderConfig::make(4, {3}, 2, true), 2, 1);
    std::vector<std::uint8_t> pixels{0, 255, 0, 255, 255, 0, 255, 0, 0, 255, 0, 255};
    const Dataset samples(2, 2, std::move(pixels), {0, 1, 1}, {"a", "b"}, "tiny");
    const ConfusionMatrix m = RunComparison::confusion(set, samples, 100);
    CHECK(m.classCount() == 2);
    CHECK(m.total() == 3);
    const Dataset wrong(1, 1, {0}, {0}, {"a"}, "one pixel");
    CHECK_THROWS_AS(RunComparison::confusion(set, wrong, 10), Error);

    Vector a(3), b(3);
    a << 1, 2, 3;
    b << 1, 0, 5;
    CHECK(RunComparison::difference(a, b) == Vector((Vector(3) << 0, 2, -2).finished()));
    CHECK(RunComparison::difference(a, Vector(2)).size() == 0);
}
