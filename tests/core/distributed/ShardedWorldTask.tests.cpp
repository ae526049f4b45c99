// Sharded world training (docs/scale.md) over in-process ranks: the members
// come out bit for bit as WorldTask's for K = 1, 2, 3 ranks, the round
// losses differ only by summation order, only codes and gradients travel,
// and a rank that stops makes the others fail with PeerLost.
#include "latentset/distributed/ShardLayout.h"
#include "latentset/distributed/ShardedWorldTask.h"
#include "latentset/util/Stopwatch.h"
#include "latentset/util/ThreadPool.h"
#include "latentset/world/GlyphWorld.h"
#include "latentset/world/RotationFamily.h"
#include "latentset/world/WorldTask.h"

#include "distributed/DistributedFixtures.h"
#include "world/WorldFixtures.h"

#include <catch2/catch.hpp>

#include <mutex>

using namespace latentset;

namespace {

std::shared_ptr<const ContextWorld> tinyWorld(int contexts)
{
    return std::make_shared<GlyphWorld>(RotationFamily::make(contexts), worldtest::builtinGlyphs());
}

SharedLatentSettings tinySettings()
{
    SharedLatentSettings s;
    s.hidden = 16;
    s.latent = 4;
    s.batchSize = 8;
    s.crossPerSelf = 2;
    s.learningRate = 5e-3f;
    s.seed = 3;
    return s;
}

// Cross pairs of round `round` whose members sit on different ranks.
int splitPairs(const SharedLatentSettings& s, int members, int ranks, std::int64_t round)
{
    const ShardLayout layout(members, ranks);
    const auto order = WorldTask::crossMatching(members, WorldTask::childSeed(s.seed, std::uint64_t(round)));
    int split = 0;
    for (int p = 0; p < members / 2; ++p)
        split += layout.owner(order[std::size_t(2 * p)]) != layout.owner(order[std::size_t(2 * p + 1)]);
    return split;
}

} // namespace

TEST_CASE("ShardLayout gives contiguous blocks of near-equal size", "[distributed]")
{
    for (int ranks = 1; ranks <= 7; ++ranks) {
        const ShardLayout layout(7, ranks);
        CHECK(layout.first(0) == 0);
        CHECK(layout.first(ranks) == 7);
        for (int r = 0; r < ranks; ++r) {
            CHECK(layout.count(r) >= 7 / ranks);
            CHECK(layout.count(r) <= 7 / ranks + 1);
            for (int m = layout.first(r); m < layout.first(r + 1); ++m)
                CHECK(layout.owner(m) == r);
        }
    }
    CHECK_THROWS_AS(ShardLayout(3, 4), Error);
    CHECK_THROWS_AS(ShardLayout(3, 0), Error);
}

TEST_CASE("Sharded rounds give WorldTask's members bit for bit on 1, 2 and 3 ranks", "[distributed]")
{
    const auto world = tinyWorld(7); // odd: one member sits out each cross round
    const SharedLatentSettings s = tinySettings();
    const int rounds = 9;
    WorldTask reference(world, s);
    ThreadPool pool(2);
    std::vector<WorldTask::RoundResult> want;
    for (int r = 0; r < rounds; ++r)
        want.push_back(reference.round(pool));

    for (int ranks = 1; ranks <= 3; ++ranks) {
        DYNAMIC_SECTION(ranks << " ranks")
        {
            AutoencoderSet gathered;
            std::vector<std::vector<ShardedWorldTask::RoundResult>> got(static_cast<std::size_t>(ranks));
            distributedtest::runRanks(ranks, 30.0, [&](InProcessCommunicator& comm) {
                ShardedWorldTask task(world, s, comm);
                ThreadPool own(1);
                for (int r = 0; r < rounds; ++r)
                    got[std::size_t(comm.rank())].push_back(task.round(own));
                AutoencoderSet all = task.gather(true);
                if (comm.rank() == 0)
                    gathered = std::move(all);
            });
            CHECK(distributedtest::sameValues(gathered, reference.members()));
            CHECK(gathered.memberName(3) == reference.members().memberName(3));
            for (int r = 0; r < rounds; ++r) {
                double sum = 0, bytes = 0;
                for (int k = 0; k < ranks; ++k) {
                    sum += got[std::size_t(k)][std::size_t(r)].lossPartialSum;
                    bytes += double(got[std::size_t(k)][std::size_t(r)].bytesSent);
                }
                const auto& one = got[0][std::size_t(r)];
                CHECK(one.cross == want[std::size_t(r)].cross);
                // The members are exact; the loss is a sum in another order (a few ulps).
                CHECK_THAT(sum / one.divisor, Catch::Matchers::WithinRel(want[std::size_t(r)].lossPerPixel, 1e-12));
                // Codes forward, gradients back: 4 x batch x latent floats per split pair.
                const double perPair = 4.0 * s.batchSize * double(s.latent) * sizeof(float);
                CHECK(bytes == (one.cross ? perPair * splitPairs(s, 7, ranks, r) : 0.0));
            }
        }
    }
}

TEST_CASE("A resumed sharded task continues bit for bit on another rank count", "[distributed]")
{
    const auto world = tinyWorld(6);
    const SharedLatentSettings s = tinySettings();
    WorldTask reference(world, s);
    ThreadPool pool(2);
    for (int r = 0; r < 8; ++r)
        reference.round(pool);

    AutoencoderSet half;
    distributedtest::runRanks(2, 30.0, [&](InProcessCommunicator& comm) {
        ShardedWorldTask task(world, s, comm);
        ThreadPool own(1);
        for (int r = 0; r < 5; ++r)
            task.round(own);
        AutoencoderSet all = task.gather(true);
        if (comm.rank() == 0)
            half = std::move(all);
    });
    AutoencoderSet done;
    distributedtest::runRanks(3, 30.0, [&](InProcessCommunicator& comm) {
        ShardedWorldTask task(world, s, comm, half, 5);
        ThreadPool own(1);
        while (task.roundsDone() < 8)
            task.round(own);
        AutoencoderSet all = task.gather(false);
        if (comm.rank() == 0)
            done = std::move(all);
    });
    CHECK(distributedtest::sameValues(done, reference.members()));
}

TEST_CASE("A rank that stops makes its peers fail with PeerLost, not wait", "[distributed]")
{
    const auto world = tinyWorld(6);
    const SharedLatentSettings s = tinySettings();
    SECTION("a rank that aborts: at once")
    {
        int lostPeer = -1;
        std::mutex m;
        Stopwatch clock;
        CHECK_THROWS_AS(distributedtest::runRanks(2, 30.0,
                                                  [&](InProcessCommunicator& comm) {
                                                      ShardedWorldTask task(world, s, comm);
                                                      ThreadPool own(1);
                                                      if (comm.rank() == 1)
                                                          throw Error("rank 1 fails");
                                                      try {
                                                          for (int r = 0; r < 6; ++r)
                                                              task.round(own);
                                                      } catch (const PeerLost& e) {
                                                          const std::lock_guard<std::mutex> lock(m);
                                                          lostPeer = e.peer();
                                                          throw;
                                                      }
                                                  }),
                        Error);
        CHECK(lostPeer == 1);
        CHECK(clock.seconds() < 10.0); // not the 30 s timeout
    }
    SECTION("a rank that hangs: after the timeout")
    {
        Stopwatch clock;
        std::string message;
        distributedtest::runRanks(2, 0.3, [&](InProcessCommunicator& comm) {
            if (comm.rank() == 1)
                return; // never takes part (a hung or partitioned rank)
            ShardedWorldTask task(world, s, comm);
            ThreadPool own(1);
            try {
                for (int r = 0; r < 6; ++r)
                    task.round(own);
            } catch (const PeerLost& e) {
                message = e.what();
            }
        });
        CHECK_THAT(message, Catch::Matchers::Contains("rank 1"));
        CHECK(clock.seconds() < 10.0);
    }
}
