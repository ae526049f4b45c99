#include "latentset/likelihood/PathCalibration.h"

#include "latentset/nn/AutoencoderConfig.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <system_error>
#include <vector>

#if defined(__unix__)
#include <unistd.h>
#endif

namespace latentset {

namespace {

// Bumped whenever a kernel of either path or the calibration itself changes,
// so timings measured with older code are not reused.
constexpr const char* kKernelVersion = "k5";

// A time that is "measured": positive and finite.
bool measured(double ms) { return ms > 0 && std::isfinite(ms); }

// true if the sparse time wins (strictly smaller, or the dense one is missing).
bool sparseWins(double dense, double sparse)
{
    if (!measured(sparse))
        return false;
    if (!measured(dense))
        return true;
    return sparse < dense;
}

std::string fixed(double v)
{
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.3f", v);
    return buffer;
}

} // namespace

PathCalibration PathCalibration::fromTimings(const Timings& timings)
{
    PathCalibration c;
    c.timings = timings;
    c.sparseAlone = sparseWins(timings.denseAlone, timings.sparseAlone);
    c.sparseBatch = sparseWins(timings.denseBatch, timings.sparseBatch);
    return c;
}

std::string PathCalibration::cpuModel()
{
    std::ifstream in("/proc/cpuinfo");
    std::string line;
    while (std::getline(in, line)) {
        if (line.rfind("model name", 0) == 0) {
            const auto colon = line.find(':');
            if (colon != std::string::npos) {
                std::string model = line.substr(colon + 1);
                const auto first = model.find_first_not_of(" \t");
                return first == std::string::npos ? "unknown" : model.substr(first);
            }
        }
    }
    return "unknown";
}

const char* PathCalibration::buildIsa()
{
#if defined(__AVX512F__)
    return "avx512";
#elif defined(__AVX2__)
    return "avx2";
#elif defined(__AVX__)
    return "avx";
#else
    return "sse";
#endif
}

std::string PathCalibration::cacheKey(const AutoencoderConfig& config, int members, int sparseMembers,
                                      double nonZeroShare)
{
    // Tabs separate the key from the timings in the file: keep them out of the key.
    std::string cpu = cpuModel();
    for (char& ch : cpu)
        if (ch == '\t' || ch == '\n')
            ch = ' ';
    const int tenths = int(std::lround(std::clamp(nonZeroShare, 0.0, 1.0) * 10.0));
    return std::string(kKernelVersion) + "|" + cpu + "|" + buildIsa() + "|" + config.describe() + "|members " +
           std::to_string(members) + ", sparse " + std::to_string(sparseMembers) + "|non-zero " +
           std::to_string(tenths) + "/10";
}

std::filesystem::path PathCalibration::cacheFile()
{
    const char* xdg = std::getenv("XDG_CACHE_HOME");
    if (xdg && *xdg)
        return std::filesystem::path(xdg) / "latentset" / "likelihood-paths.txt";
    const char* home = std::getenv("HOME");
    if (home && *home)
        return std::filesystem::path(home) / ".cache" / "latentset" / "likelihood-paths.txt";
    return {};
}

// File format: one entry per line,
//   key \t denseAlone \t sparseAlone \t denseBatch \t sparseBatch
// (milliseconds per input). The choice is recomputed from the timings, so
// the rule in fromTimings() is the only one.
std::optional<PathCalibration> PathCalibration::load(const std::filesystem::path& file, const std::string& key)
{
    if (file.empty())
        return std::nullopt;
    std::ifstream in(file);
    std::string line;
    std::optional<PathCalibration> found;
    while (std::getline(in, line)) {
        const auto tab = line.find('\t');
        if (tab == std::string::npos || line.compare(0, tab, key) != 0 || tab != key.size())
            continue;
        std::istringstream fields(line.substr(tab + 1));
        Timings t;
        if (fields >> t.denseAlone >> t.sparseAlone >> t.denseBatch >> t.sparseBatch) {
            PathCalibration c = fromTimings(t);
            c.key = key;
            c.fromCache = true;
            found = c; // the last entry wins
        }
    }
    return found;
}

void PathCalibration::store(const std::filesystem::path& file) const
{
    if (file.empty() || key.empty())
        return;
    std::error_code error;
    std::filesystem::create_directories(file.parent_path(), error);
    std::vector<std::string> kept;
    {
        std::ifstream in(file);
        std::string line;
        while (std::getline(in, line)) {
            const auto tab = line.find('\t');
            if (tab != std::string::npos && !(tab == key.size() && line.compare(0, tab, key) == 0))
                kept.push_back(line);
        }
    }
    std::ostringstream entry;
    entry.precision(6);
    entry << key << '\t' << timings.denseAlone << '\t' << timings.sparseAlone << '\t' << timings.denseBatch << '\t'
          << timings.sparseBatch;
    kept.push_back(entry.str());
    // Written beside and renamed, so a concurrent reader sees the old file or
    // the new one, never half of it.
#if defined(__unix__)
    const std::string unique = std::to_string(long(::getpid()));
#else
    const std::string unique = "0";
#endif
    const std::filesystem::path temporary = file.string() + ".tmp" + unique;
    {
        std::ofstream out(temporary, std::ios::trunc);
        if (!out)
            return;
        for (const std::string& l : kept)
            out << l << '\n';
        if (!out)
            return;
    }
    std::filesystem::rename(temporary, file, error);
    if (error)
        std::filesystem::remove(temporary, error);
}

std::string PathCalibration::describe() const
{
    const auto regime = [](const char* name, bool sparse, double dense, double sparseMs) {
        std::string s = std::string(name) + ": " + (sparse ? "sparse" : "dense");
        if (measured(dense) || measured(sparseMs))
            s += " (sparse " + (measured(sparseMs) ? fixed(sparseMs) : std::string("-")) + " ms, dense " +
                 (measured(dense) ? fixed(dense) : std::string("-")) + " ms per input)";
        return s;
    };
    return regime("alone", sparseAlone, timings.denseAlone, timings.sparseAlone) + "; " +
           regime("in a batch", sparseBatch, timings.denseBatch, timings.sparseBatch) +
           (fromCache ? " [cached]" : " [measured now]");
}

} // namespace latentset
