#pragma once
#include <cstdint>
#include <string>

namespace latentset {

// How much memory LatentSet may still take, so that a dataset or model that
// would not fit is refused with a message saying how much it needs, before
// anything is allocated (instead of the kernel's OOM killer ending the app and
// whatever work was unsaved).
//
// The budget is the smallest of: the kernel's MemAvailable (/proc/meminfo);
// the cgroup v2 limit left (memory.max - memory.current) when the process runs
// in a limited cgroup (containers, systemd slices); and LATENTSET_MEMORY_LIMIT
// (bytes, or with a K/M/G suffix: "1500M", "8G") less the process's resident
// memory, for users who want to keep LatentSet below a share of a shared
// machine. Unknown parts count as unlimited. Thread-safe; reads the files at each call (cheap, a few µs).
class MemoryBudget {
public:
    // Bytes that may still be allocated; UINT64_MAX if nothing limits it.
    static std::uint64_t availableBytes();
    // Throws latentset::Error "<what> needs 5.2 GB of memory; only 3.1 GB are
    // available (...)" when `bytes` exceeds availableBytes().
    static void require(std::uint64_t bytes, const std::string& what);
    // "5.2 GB", "380 MB", "12 KB", "0 bytes" (powers of 1024, one decimal above 1 GB).
    static std::string describeBytes(std::uint64_t bytes);
    // Parses LATENTSET_MEMORY_LIMIT's syntax; throws latentset::Error on junk.
    static std::uint64_t parseLimit(const std::string& text);
};

} // namespace latentset
