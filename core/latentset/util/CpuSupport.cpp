#include "latentset/util/CpuSupport.h"

namespace latentset {

std::string CpuSupport::missing()
{
    std::string absent;
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
    __builtin_cpu_init();
    const auto need = [&absent](bool present, const char* name) {
        if (!present)
            absent += std::string(absent.empty() ? "" : ", ") + name;
    };
#if defined(__AVX__)
    need(__builtin_cpu_supports("avx"), "AVX");
#endif
#if defined(__AVX2__)
    need(__builtin_cpu_supports("avx2"), "AVX2");
#endif
#if defined(__FMA__)
    need(__builtin_cpu_supports("fma"), "FMA");
#endif
#if defined(__AVX512F__)
    need(__builtin_cpu_supports("avx512f"), "AVX-512F");
#endif
#if defined(__AVX512BW__)
    need(__builtin_cpu_supports("avx512bw"), "AVX-512BW");
#endif
#endif
    if (absent.empty())
        return {};
    return "this build of LatentSet needs a CPU with " + absent +
           ", which this one lacks; rebuild it from source for this machine (docs/packaging.md)";
}

} // namespace latentset
