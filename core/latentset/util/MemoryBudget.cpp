#include "latentset/util/MemoryBudget.h"

#include "latentset/util/Error.h"
#include "latentset/util/ProcessStats.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <limits>
#include <sstream>

namespace latentset {

namespace {

constexpr std::uint64_t kUnlimited = std::numeric_limits<std::uint64_t>::max();

std::uint64_t memAvailable()
{
    std::ifstream in("/proc/meminfo");
    std::string key;
    std::uint64_t kib = 0;
    std::string unit;
    while (in >> key >> kib) {
        std::getline(in, unit);
        if (key == "MemAvailable:")
            return kib * 1024;
    }
    return kUnlimited;
}

// The process's cgroup v2 folder ("0::/some/path" in /proc/self/cgroup).
std::string cgroupFolder()
{
    std::ifstream in("/proc/self/cgroup");
    std::string line;
    while (std::getline(in, line))
        if (line.rfind("0::", 0) == 0)
            return "/sys/fs/cgroup" + line.substr(3);
    return {};
}

std::uint64_t readNumber(const std::string& path)
{
    std::ifstream in(path);
    std::string text;
    if (!(in >> text) || text == "max")
        return kUnlimited;
    char* end = nullptr;
    const unsigned long long v = std::strtoull(text.c_str(), &end, 10);
    return (end && *end == '\0') ? std::uint64_t(v) : kUnlimited;
}

std::uint64_t cgroupLeft()
{
    const std::string folder = cgroupFolder();
    if (folder.empty())
        return kUnlimited;
    const std::uint64_t max = readNumber(folder + "/memory.max");
    if (max == kUnlimited)
        return kUnlimited;
    const std::uint64_t current = readNumber(folder + "/memory.current");
    if (current == kUnlimited)
        return max;
    return max > current ? max - current : 0;
}

} // namespace

std::uint64_t MemoryBudget::parseLimit(const std::string& text)
{
    std::size_t i = 0;
    while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i])))
        ++i;
    if (i == 0 || i > 18)
        throw Error("LATENTSET_MEMORY_LIMIT: '" + text + "' is not a size (e.g. 1500M or 8G)");
    std::uint64_t v = std::stoull(text.substr(0, i));
    const std::string suffix = text.substr(i);
    std::uint64_t scale = 1;
    if (suffix == "K" || suffix == "k")
        scale = 1ull << 10;
    else if (suffix == "M" || suffix == "m")
        scale = 1ull << 20;
    else if (suffix == "G" || suffix == "g")
        scale = 1ull << 30;
    else if (!suffix.empty())
        throw Error("LATENTSET_MEMORY_LIMIT: unknown unit '" + suffix + "' in '" + text + "' (use K, M or G)");
    return v > kUnlimited / scale ? kUnlimited : v * scale;
}

std::uint64_t MemoryBudget::availableBytes()
{
    std::uint64_t budget = std::min(memAvailable(), cgroupLeft());
    if (const char* limit = std::getenv("LATENTSET_MEMORY_LIMIT"); limit && *limit) {
        // A cap on the whole process: what it already holds counts against it.
        const std::uint64_t cap = parseLimit(limit);
        const auto resident = std::uint64_t(ProcessStats::currentRssMb() * double(1 << 20));
        budget = std::min(budget, cap > resident ? cap - resident : 0);
    }
    return budget;
}

std::string MemoryBudget::describeBytes(std::uint64_t bytes)
{
    char text[64];
    const double b = double(bytes);
    if (b >= double(1ull << 30))
        std::snprintf(text, sizeof text, "%.1f GB", b / double(1ull << 30));
    else if (b >= double(1ull << 20))
        std::snprintf(text, sizeof text, "%.0f MB", b / double(1ull << 20));
    else if (bytes >= 1024)
        std::snprintf(text, sizeof text, "%.0f KB", b / 1024.0);
    else
        std::snprintf(text, sizeof text, "%llu bytes", static_cast<unsigned long long>(bytes));
    return text;
}

void MemoryBudget::require(std::uint64_t bytes, const std::string& what)
{
    const std::uint64_t available = availableBytes();
    if (bytes <= available)
        return;
    std::string source = "free memory";
    if (const char* limit = std::getenv("LATENTSET_MEMORY_LIMIT"); limit && *limit)
        source = "LATENTSET_MEMORY_LIMIT=" + std::string(limit) + " less what LatentSet already holds";
    throw Error(what + " needs " + describeBytes(bytes) + " of memory; only " + describeBytes(available)
                + " are available (" + source + "). Close other programs, or use a smaller dataset or model.");
}

} // namespace latentset
