#include "latentset/nn/MachinePeak.h"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cmath>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <set>
#include <string>
#include <thread>
#include <utility>

#if defined(__x86_64__) && (defined(__AVX512F__) || (defined(__AVX2__) && defined(__FMA__)))
#include <immintrin.h>
#endif

namespace latentset {

namespace {

// CPU time of this thread where the system has it (a loaded machine then
// steals less from the measurement), wall time otherwise.
double now()
{
#if defined(CLOCK_THREAD_CPUTIME_ID)
    timespec t{};
    if (clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t) == 0)
        return double(t.tv_sec) + double(t.tv_nsec) * 1e-9;
#endif
    return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

// Cycles per second from a chain of dependent adds: 16 per loop trip, each
// waiting for the one before (1 cycle latency), so a trip takes 16 cycles
// whatever the loop counter costs beside it (it runs on other ports). The
// addend is a register, not an immediate: recent Intel cores (Golden Cove)
// fold chains of add-immediate at register renaming, several per cycle, which
// measured a "22 GHz" clock here.
double measureClockHz()
{
#if defined(__x86_64__) && defined(__GNUC__)
    constexpr long kTrips = 2'000'000; // 32 M cycles: ~10 ms at 3 GHz
    double best = 0;
    for (int r = 0; r < 9; ++r) {
        unsigned long x = 0;
        volatile unsigned long one = 1; // opaque to the compiler
        const unsigned long step = one;
        const double start = now();
        for (long i = 0; i < kTrips; ++i)
            asm volatile("add %1, %0\n\tadd %1, %0\n\tadd %1, %0\n\tadd %1, %0\n\t"
                         "add %1, %0\n\tadd %1, %0\n\tadd %1, %0\n\tadd %1, %0\n\t"
                         "add %1, %0\n\tadd %1, %0\n\tadd %1, %0\n\tadd %1, %0\n\t"
                         "add %1, %0\n\tadd %1, %0\n\tadd %1, %0\n\tadd %1, %0"
                         : "+r"(x)
                         : "r"(step));
        const double seconds = now() - start;
        if (seconds > 0)
            best = std::max(best, 16.0 * double(kTrips) / seconds);
    }
    return best;
#else
    return 0;
#endif
}

// FMA instructions per second on one core at this build's vector width:
// kChains independent accumulators (enough to cover the FMA latency on every
// pipe), each updated acc = acc * b + c (values stay finite and normal).
double measureFmaPerSecond()
{
#if defined(__x86_64__) && defined(__AVX512F__)
    constexpr int kChains = 16; // 16 of the 32 zmm registers
    using V = __m512;
    const auto set1 = [](float v) { return _mm512_set1_ps(v); };
    const auto fma = [](V a, V b, V c) { return _mm512_fmadd_ps(a, b, c); };
    const auto sum = [](V a) { return _mm512_reduce_add_ps(a); };
#elif defined(__x86_64__) && defined(__AVX2__) && defined(__FMA__)
    constexpr int kChains = 12; // 12 of the 16 ymm registers
    using V = __m256;
    const auto set1 = [](float v) { return _mm256_set1_ps(v); };
    const auto fma = [](V a, V b, V c) { return _mm256_fmadd_ps(a, b, c); };
    const auto sum = [](V a) {
        alignas(32) float f[8];
        _mm256_store_ps(f, a);
        float s = 0;
        for (float v : f)
            s += v;
        return s;
    };
#else
    constexpr int kChains = 0;
#endif
#if defined(__x86_64__) && (defined(__AVX512F__) || (defined(__AVX2__) && defined(__FMA__)))
    constexpr long kTrips = 1'000'000; // 16 M FMAs: a few ms
    double best = 0;
    volatile float sink = 0;
    for (int r = 0; r < 9; ++r) {
        V acc[kChains];
        for (int k = 0; k < kChains; ++k)
            acc[k] = set1(1.0f + 0.01f * float(k));
        const V b = set1(0.999999f), c = set1(1e-7f);
        const double start = now();
        // Unrolled by the pragma, not left to -O3: at -O2 GCC kept acc[] in
        // memory and the loop measured stores, 0.42 FMA per cycle ("0 FMA
        // units, 0.0 GFLOP/s peak" in the CI build).
        for (long i = 0; i < kTrips; ++i) {
#pragma GCC unroll 16
            for (int k = 0; k < kChains; ++k)
                acc[k] = fma(acc[k], b, c);
        }
        const double seconds = now() - start;
        float total = 0;
        for (int k = 0; k < kChains; ++k)
            total += sum(acc[k]);
        sink = sink + total; // keeps the chains alive
        if (seconds > 0)
            best = std::max(best, double(kChains) * double(kTrips) / seconds);
    }
    (void)sink;
    return best;
#else
    (void)kChains;
    return 0;
#endif
}

} // namespace

int MachinePeak::buildLanes()
{
#if defined(__AVX512F__)
    return 16;
#elif defined(__AVX__)
    return 8;
#else
    return 4;
#endif
}

unsigned MachinePeak::physicalCores()
{
    std::set<std::pair<std::string, std::string>> cores;
    std::error_code error;
    const std::filesystem::path root("/sys/devices/system/cpu");
    for (const auto& entry : std::filesystem::directory_iterator(root, error)) {
        const std::string name = entry.path().filename().string();
        if (name.rfind("cpu", 0) != 0 || name.size() < 4 || !std::isdigit(static_cast<unsigned char>(name[3])))
            continue;
        std::ifstream package(entry.path() / "topology" / "physical_package_id");
        std::ifstream core(entry.path() / "topology" / "core_id");
        std::string p, c;
        if (package >> p && core >> c)
            cores.emplace(p, c);
    }
    if (!cores.empty())
        return unsigned(cores.size());
    return std::max(1u, std::thread::hardware_concurrency());
}

MachinePeak MachinePeak::measure()
{
    MachinePeak m;
    m.lanes = buildLanes();
    m.cores = physicalCores();
    const double hz = measureClockHz();
    const double fmaPerSecond = measureFmaPerSecond();
    m.clockGHz = hz * 1e-9;
    m.fmaPerCycle = hz > 0 ? fmaPerSecond / hz : 0;
    // Every x86-64 core with FMA has one or two FMA pipes at this width.
    m.fmaUnits = std::clamp(int(std::lround(m.fmaPerCycle)), 1, 2);
    m.corePeakGflops = double(m.fmaUnits) * double(m.lanes) * 2.0 * m.clockGHz;
    m.peakGflops = double(m.cores) * m.corePeakGflops;
    return m;
}

} // namespace latentset
