#pragma once
// Which of LikelihoodEstimator's two evaluation paths (dense or sparse) is
// faster on THIS machine, measured rather than assumed.
//
// Why: the paths compute the same terms (only float summation order
// differs), but which is faster depends on the vector width and the memory
// system. The sparse kernels were tuned with AVX-512 (16 output rows x 17
// accumulators in registers); an AVX2 machine has half the lanes and half the
// registers, and there the sparse path lost to the dense one in a batch. So
// LikelihoodEstimator::Path::Automatic times both paths on the actual model
// and a few of the actual inputs, once, and keeps the faster per regime:
//   * alone: an input evaluated by itself (at most kAloneMaxInputs inputs per
//     (member, task): the sparse path then encodes over non-zero pixels);
//   * batch: more inputs per task (both paths encode with one matrix product).
//
// A measured result is cached in a small text file (cacheFile()), one line per
// key; the key names the CPU model, the instruction set the core was built for,
// the member shape, the path set (how many members the sparse path covers) and
// the inputs' share of non-zero pixels (in tenths: the sparse encoder's cost
// follows it), so a different machine, build, model shape or kind of data is
// measured afresh and nothing stale is reused.
#include <filesystem>
#include <optional>
#include <string>

namespace latentset {

struct AutoencoderConfig;

class PathCalibration {
public:
    // Up to this many inputs per (member, task) count as "alone" (the sparse
    // path's encoder then walks the non-zero pixels instead of a product).
    static constexpr long kAloneMaxInputs = 4;

    // Milliseconds per input, all members, one thread (0 = not measured).
    struct Timings {
        double denseAlone = 0, sparseAlone = 0;
        double denseBatch = 0, sparseBatch = 0;
    };

    Timings timings;
    bool sparseAlone = false; // the sparse path for inputs evaluated alone
    bool sparseBatch = false; // the sparse path in a batch
    bool fromCache = false;   // read from the cache file, not measured in this process
    std::string key;          // what the timings were measured for (cacheKey())

    // The decision rule: per regime the path with the smaller time; a path
    // with no timing (0) never wins over one that has one; a tie keeps the
    // dense path (the general one).
    static PathCalibration fromTimings(const Timings& timings);

    // Key for the cache: CPU model, build ISA, shape, path set, input density.
    static std::string cacheKey(const AutoencoderConfig& config, int members, int sparseMembers,
                                double nonZeroShare);
    // The machine's CPU model string (/proc/cpuinfo "model name"), or "unknown".
    static std::string cpuModel();
    // The widest vector extension the core was compiled for: "avx512", "avx2", "avx", "sse".
    static const char* buildIsa();
    // $XDG_CACHE_HOME/latentset/likelihood-paths.txt, else ~/.cache/latentset/...;
    // empty if neither variable is set.
    static std::filesystem::path cacheFile();

    // The entry for `key` in `file`, if there is one that parses.
    static std::optional<PathCalibration> load(const std::filesystem::path& file, const std::string& key);
    // Adds or replaces this entry (keyed by `key`) in `file`; creates the folder.
    // Best effort: a cache that cannot be written costs one more calibration
    // next time, never an error.
    void store(const std::filesystem::path& file) const;
    // "sparse alone (3.61 vs 7.95 ms), dense in a batch (3.40 vs 3.12 ms)"
    std::string describe() const;
};

} // namespace latentset
