#include "latentset/util/ProcessStats.h"

#include <catch2/catch.hpp>

#include <cstdlib>
#include <cstring>
#include <thread>
#include <vector>

using latentset::ProcessStats;

#if defined(__SANITIZE_ADDRESS__)
#define LATENTSET_OWN_ALLOCATOR 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define LATENTSET_OWN_ALLOCATOR 1
#endif
#endif

TEST_CASE("releaseFreeHeap gives freed heap pages back to the system", "[util]")
{
#if defined(__GLIBC__) && !defined(LATENTSET_OWN_ALLOCATOR)
    // 48 MB in 64 KB blocks (below glibc's mmap threshold, so they come from
    // an arena), allocated and touched on another thread; all but the last
    // freed. The last block keeps the free space below it from being handed
    // back by free() itself: it stays resident until released.
    constexpr std::size_t kBlock = 64 * 1024, kCount = 768;
    void* last = nullptr;
    std::thread worker([&] {
        std::vector<void*> blocks;
        for (std::size_t i = 0; i < kCount; ++i) {
            blocks.push_back(std::malloc(kBlock));
            std::memset(blocks.back(), 1, kBlock);
        }
        last = blocks.back();
        blocks.pop_back();
        for (void* b : blocks)
            std::free(b);
    });
    worker.join();
    const double held = ProcessStats::currentRssMb();
    CHECK(ProcessStats::releaseFreeHeap());
    const double after = ProcessStats::currentRssMb();
    INFO("RSS " << held << " MB before, " << after << " MB after");
    CHECK(held - after > 32.0);
    std::free(last);
#else
    WARN("not glibc's allocator: nothing to check");
#endif
}

#include "latentset/util/CpuSupport.h"

TEST_CASE("The machine that built the tests runs their instructions", "[util]")
{
    // The tests are built for this machine (or a lower LATENTSET_ARCH), so
    // nothing the build needs can be missing here.
    CHECK(latentset::CpuSupport::missing().empty());
}
