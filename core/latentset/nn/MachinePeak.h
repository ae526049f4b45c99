#pragma once
// The machine's physical single-precision peak, measured rather than read
// from a table:
//
//   peak GFLOP/s = cores x FMA units x lanes x 2 flop x clock (GHz)
//
// * clock: a chain of dependent integer adds (one cycle each on every x86-64
//   core since the Pentium Pro), timed with steady_clock: the clock the core
//   actually runs at now (turbo, or the hypervisor's share), not the nominal one;
// * FMA units: independent FMA chains at the vector width this build was
//   compiled for, instructions per cycle = FMA instructions per second / clock
//   (rounded: the number of FMA pipes that width can use);
// * lanes: floats per vector of this build (16 AVX-512, 8 AVX2, 4 SSE);
// * cores: physical cores (/sys topology; logical CPUs where it is missing).
//
// One thread, a few tens of milliseconds. The bench command prints it beside
// the achieved training rate and the GEMM rate, so "how far from the metal"
// has a number on any machine.
namespace latentset {

struct MachinePeak {
    double clockGHz = 0;     // measured
    double fmaPerCycle = 0;  // measured FMA instructions per cycle, one core
    int fmaUnits = 0;        // fmaPerCycle rounded
    int lanes = 0;           // floats per vector in this build
    unsigned cores = 0;      // physical cores
    double peakGflops = 0;   // cores x fmaUnits x lanes x 2 x clockGHz
    double corePeakGflops = 0; // the same for one core

    static MachinePeak measure();
    // Floats per vector register of this build.
    static int buildLanes();
    // Physical cores (distinct package/core ids under /sys), else logical CPUs.
    static unsigned physicalCores();
};

} // namespace latentset
