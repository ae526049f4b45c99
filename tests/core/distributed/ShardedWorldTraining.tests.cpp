// The sharded world training run (docs/scale.md) over in-process ranks:
// the same model as WorldTrainExperiment's, one file with optimiser state,
// checkpoints and an exact resume on another rank count, and a rank lost
// mid-run leaves the last checkpoint whole.
#include "latentset/distributed/ShardedWorldTraining.h"
#include "latentset/experiments/WorldTrainExperiment.h"
#include "latentset/world/GlyphWorld.h"
#include "latentset/world/RotationFamily.h"
#include "latentset/world/WorldModel.h"

#include "distributed/DistributedFixtures.h"
#include "world/WorldFixtures.h"

#include <catch2/catch.hpp>

#include <chrono>
#include <cstring>
#include <filesystem>
#include <thread>

using namespace latentset;

namespace {

WorldSource tinySource()
{
    auto world = std::make_shared<GlyphWorld>(RotationFamily::make(6), worldtest::builtinGlyphs());
    return WorldSource{world, world};
}

WorldTrainSettings tinySettings(std::int64_t steps)
{
    WorldTrainSettings s;
    s.world = WorldSpec::named("rotation");
    s.world.contexts = 6;
    s.training.hidden = 16;
    s.training.latent = 4;
    s.training.batchSize = 8;
    s.training.seed = 9;
    s.steps = steps;
    s.minutes = 10;
    s.threads = 1;
    s.evalItems = 4;
    return s;
}

std::string tempPath(const std::string& name)
{
    return (std::filesystem::temp_directory_path() / ("latentset-sharded-" + name + ".lset")).string();
}

} // namespace

TEST_CASE("Sharded training saves WorldTrainExperiment's model, checkpoints, and resumes exactly", "[distributed]")
{
    WorldTrainExperiment experiment(tinySettings(12), tinySource());
    const WorldTrainResult want = experiment.run();
    const std::string path = tempPath("resume");
    std::filesystem::remove(path);

    ShardedTrainResult first;
    distributedtest::runRanks(2, 30.0, [&](InProcessCommunicator& comm) {
        ShardedWorldTraining training(tinySettings(8), tinySource(), comm, path, 4);
        const ShardedTrainResult r = training.run();
        if (comm.rank() == 0)
            first = r;
    });
    CHECK(first.ranks == 2);
    CHECK(first.world.rounds == 8);
    CHECK(first.checkpoints == 1); // after round 4; round 8 is the final save
    CHECK(first.bytesPerSelfRound == 0.0);
    CHECK(first.bytesPerCrossRound > 0.0);
    CHECK(first.bytesPerCrossRound <= 3.0 * 4 * 8 * 4 * sizeof(float)); // at most 3 pairs, 4 x batch x latent each
    CHECK(first.world.transfer.transferError > 0.0);
    const WorldModel saved = WorldModel::load(path);
    CHECK(saved.rounds == 8);
    CHECK(saved.withTrainingState);
    CHECK(saved.transferError == Approx(first.world.transfer.transferError));

    ShardedTrainResult second;
    distributedtest::runRanks(3, 30.0, [&](InProcessCommunicator& comm) {
        ShardedWorldTraining training(tinySettings(4), tinySource(), comm, path);
        training.resumeFrom(WorldModel::load(path));
        const ShardedTrainResult r = training.run();
        if (comm.rank() == 0)
            second = r;
    });
    CHECK(second.resumedRounds == 8);
    CHECK(second.world.rounds == 12);
    CHECK(distributedtest::sameValues(*second.world.members, *want.members));
    CHECK(second.world.transfer.transferError == want.transfer.transferError);
    CHECK(WorldModel::load(path).rounds == 12);
    std::filesystem::remove(path);
}

TEST_CASE("A values-only world model is refused for resuming", "[distributed]")
{
    WorldTrainExperiment experiment(tinySettings(2), tinySource());
    experiment.run();
    InProcessCommunicator comm(std::make_shared<InProcessNetwork>(1), 0);
    ShardedWorldTraining training(tinySettings(2), tinySource(), comm, "");
    CHECK_THROWS_WITH(training.resumeFrom(experiment.model()), Catch::Matchers::Contains("optimiser state"));
}

TEST_CASE("A rank lost mid-run stops the others and leaves the last checkpoint whole", "[distributed]")
{
    const std::string path = tempPath("lost");
    std::filesystem::remove(path);
    auto network = std::make_shared<InProcessNetwork>(2);
    std::thread killer([&] {
        for (int i = 0; i < 3000 && !std::filesystem::exists(path); ++i)
            std::this_thread::sleep_for(std::chrono::milliseconds(5));
        network->leave(1); // rank 1 "dies" once a checkpoint exists
    });
    std::string message;
    try {
        distributedtest::runRanks(
            2, 5.0,
            [&](InProcessCommunicator& comm) {
                ShardedWorldTraining training(tinySettings(0), tinySource(), comm, path, 2);
                training.run();
            },
            network);
    } catch (const PeerLost& e) {
        message = e.what();
    }
    killer.join();
    CHECK_THAT(message, Catch::Matchers::Contains("rank 1"));
    const WorldModel checkpoint = WorldModel::load(path); // whole: it loads, CRCs and all
    CHECK(checkpoint.rounds > 0);
    CHECK(checkpoint.rounds % 2 == 0);
    CHECK(checkpoint.withTrainingState);
    std::filesystem::remove(path);
}
