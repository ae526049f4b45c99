// The class-incremental protocol on a tiny synthetic dataset: members of
// earlier tasks keep their bits through later tasks and a repair of one
// member leaves every other one bit-identical (MemberHash); the MLP's
// replay mixes stored images in; settings round-trip through JSON.
#include "SyntheticClasses.h"

#include "latentset/experiments/IncrementalExperiment.h"
#include "latentset/experiments/MemberHash.h"
#include "latentset/experiments/ReplayMlpTask.h"
#include "latentset/util/ThreadPool.h"

#include <catch2/catch.hpp>

using namespace latentset;
using namespace latentset::testing;

namespace {

IncrementalSettings tiny()
{
    IncrementalSettings s;
    s.model = AutoencoderConfig::make(64, {12}, 3, true);
    s.tasks = {{0, 1}, {2, 3}};
    s.stepsPerTask = 30;
    s.batchSize = 8;
    s.learningRate = 3e-3f;
    s.mlpHidden = 16;
    s.replayPerClass = 5;
    s.threads = 2;
    s.firstSeed = 3;
    return s;
}

} // namespace

TEST_CASE("IncrementalExperiment: earlier members are bit-identical after later tasks", "[experiments][incremental]")
{
    const DatasetSplits data = syntheticSplits(4, 20);
    IncrementalSettings firstOnly = tiny();
    firstOnly.tasks = {{0, 1}};
    firstOnly.mlp = false;
    firstOnly.joint = false;
    const IncrementalResult one = IncrementalExperiment(firstOnly, data).run();
    const IncrementalResult both = IncrementalExperiment(tiny(), data).run();
    REQUIRE(one.runs.size() == 1);
    REQUIRE(both.runs.size() == 1);
    const IncrementalRun& r = both.runs[0];
    // Task 2 trained members 2 and 3 only: 0 and 1 are the bits task 1 left.
    CHECK(r.hashAtEnd[0] == one.runs[0].hashAtEnd[0]);
    CHECK(r.hashAtEnd[1] == one.runs[0].hashAtEnd[1]);
    CHECK(r.hashAtEnd == r.hashAtOwnTask);
    CHECK(r.earlierMembersUnchanged);
    CHECK(r.hashAtEnd[0] != r.hashAtEnd[1]);
    CHECK(r.hashAtEnd[2] != 0);
    CHECK(one.runs[0].hashAtEnd[2] == 0); // never added
    // Class-incremental accuracy: after task 1 at most the half of the test
    // digits that are 0s and 1s; the set learns.
    REQUIRE(r.setAfterTask.size() == 2);
    CHECK(r.setAfterTask[0] <= 0.5 + 1e-9);
    CHECK(r.setAccuracy > 0.6);
    CHECK(r.finetuneAfterTask.size() == 2);
    CHECK(r.replayAccuracy >= 0);
    CHECK(r.jointSetAccuracy > 0.6);
}

TEST_CASE("IncrementalExperiment: the same seed gives the same bits and another seed other bits", "[experiments][incremental]")
{
    const DatasetSplits data = syntheticSplits(4, 20);
    IncrementalSettings s = tiny();
    s.mlp = false;
    s.joint = false;
    const IncrementalResult a = IncrementalExperiment(s, data).run();
    const IncrementalResult b = IncrementalExperiment(s, data).run();
    CHECK(a.runs[0].hashAtEnd == b.runs[0].hashAtEnd);
    s.firstSeed = 4;
    const IncrementalResult c = IncrementalExperiment(s, data).run();
    CHECK(a.runs[0].hashAtEnd[0] != c.runs[0].hashAtEnd[0]);
}

TEST_CASE("IncrementalExperiment: repairing one member leaves every other member bit-identical",
          "[experiments][incremental][repair]")
{
    const DatasetSplits data = syntheticSplits(4, 20);
    IncrementalSettings s = tiny();
    s.mlp = false;
    s.joint = false;
    s.repairSteps = 20;
    s.repairMember = 2;
    IncrementalExperiment experiment(s, data);
    const IncrementalResult result = experiment.run();
    const IncrementalRun& r = result.runs[0];
    CHECK(r.repairMember == 2);
    CHECK(r.repairOthersUnchanged);
    for (int c : {0, 1, 3})
        CHECK(MemberHash::of(experiment.members()[std::size_t(c)]) == r.hashAtEnd[std::size_t(c)]);
    CHECK(MemberHash::of(experiment.members()[2]) != r.hashAtEnd[2]);
    CHECK(experiment.members()[2].stepCount() == 50);
    CHECK(r.repairPerClassBefore.size() == 4);
    CHECK(r.repairPerClassAfter.size() == 4);
    CHECK(r.repairAccuracyAfter >= 0);

    s.repairMember = -1; // the weakest class
    const IncrementalRun weakest = IncrementalExperiment(s, data).run().runs[0];
    const auto& before = weakest.repairPerClassBefore;
    CHECK(before[std::size_t(weakest.repairMember)] == *std::min_element(before.begin(), before.end()));
}

TEST_CASE("ReplayMlpTask: a step trains on the current batch and, with a memory, a batch of it", "[experiments][incremental]")
{
    const Dataset current = syntheticClasses(2, 10, 1);
    const Dataset memory = syntheticClasses(3, 4, 2);
    OptimizerSettings adam;
    ThreadPool pool(1);
    ReplayMlpTask plain(Mlp(64, 8, 3, 1), current, Dataset(), 6, 4, adam, 5);
    ReplayMlpTask replay(Mlp(64, 8, 3, 1), current, memory, 6, 4, adam, 5);
    CHECK(plain.step(pool, 0, 1).samples == 6);
    CHECK(replay.step(pool, 0, 1).samples == 10);
    CHECK_THROWS(ReplayMlpTask(Mlp(64, 8, 3, 1), Dataset(), memory, 6, 4, adam, 5));
}

TEST_CASE("IncrementalSettings: JSON round trip and defaults and bad values", "[experiments][incremental][settings]")
{
    const IncrementalSettings d;
    CHECK(d.stepsPerTask == 2000);
    CHECK(d.batchSize == 128);
    CHECK(d.replayPerClass == 100);
    CHECK(d.tasksFor(10).size() == 5);
    CHECK(d.tasksFor(10)[4] == std::vector<int>{8, 9});
    IncrementalSettings s = tiny();
    s.repairSteps = 7;
    s.seeds = 3;
    CHECK(IncrementalSettings::fromJson(s.toJson()) == s);
    JsonValue bad = s.toJson();
    bad.set("seeds", 0);
    CHECK_THROWS(IncrementalSettings::fromJson(bad));
    s.set = false; // a repair needs the set
    CHECK_THROWS(s.validate());
    s.set = true;
    s.tasks = {{0, 1}, {1, 2}};
    CHECK_THROWS(s.validate());
}
