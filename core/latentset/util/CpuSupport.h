#pragma once
#include <string>

namespace latentset {

// Whether this machine runs the instructions the core was compiled for
// (-march=native, or LATENTSET_ARCH such as x86-64-v3 for a package built
// to run elsewhere; docs/packaging.md). A program built for AVX2 or
// AVX-512 would die of SIGILL on an older CPU at its first vector
// instruction; both programs call missing() first thing and say why instead.
class CpuSupport {
public:
    // Empty if every instruction-set extension of the build is present, else
    // one sentence naming what is missing.
    static std::string missing();
};

} // namespace latentset
