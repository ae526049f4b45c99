#include "latentset/util/ThreadPool.h"

#include <catch2/catch.hpp>

#include <atomic>
#include <stdexcept>
#include <vector>

using latentset::ThreadPool;

TEST_CASE("ThreadPool visits every index once with a deterministic partition", "[util][threadpool]")
{
    ThreadPool pool(2);
    REQUIRE(pool.threadCount() == 2);
    std::vector<int> hits(101, 0);
    std::vector<unsigned> owner(101, 99);
    pool.parallelFor(hits.size(), [&](std::size_t i, unsigned t) {
        ++hits[i];
        owner[i] = t;
    });
    for (std::size_t i = 0; i < hits.size(); ++i) {
        CHECK(hits[i] == 1);
        CHECK(owner[i] == (i < 50 ? 0u : 1u)); // [0, 101/2) to thread 0
    }
}

TEST_CASE("ThreadPool runs work on more than one thread and rethrows", "[util][threadpool]")
{
    ThreadPool pool(2);
    std::atomic<int> sum{0};
    for (int round = 0; round < 200; ++round)
        pool.parallelFor(4, [&](std::size_t i, unsigned) { sum += int(i); });
    CHECK(sum == 200 * 6);
    CHECK_THROWS_AS(pool.parallelFor(4, [&](std::size_t i, unsigned) {
        if (i == 3)
            throw std::runtime_error("boom");
    }),
                    std::runtime_error);
    // Still usable after an exception.
    int count = 0;
    std::atomic<int> c{0};
    pool.parallelFor(3, [&](std::size_t, unsigned) { ++c; });
    count = c;
    CHECK(count == 3);
}

TEST_CASE("Nested parallelFor runs serially instead of deadlocking", "[util][threadpool]")
{
    ThreadPool pool(2);
    std::atomic<int> inner{0};
    pool.parallelFor(2, [&](std::size_t, unsigned) { pool.parallelFor(5, [&](std::size_t, unsigned) { ++inner; }); });
    CHECK(inner == 10);
}
