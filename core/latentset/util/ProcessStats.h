#pragma once

namespace latentset {

// Facts about the running process, for the CLI's reports.
class ProcessStats {
public:
    // Peak resident set size so far, in MiB (getrusage ru_maxrss).
    static double peakRssMb();
    // Current resident set size in MiB (/proc/self/statm), 0 if unknown.
    static double currentRssMb();
    // Gives the heap's free pages back to the system (glibc: malloc_trim(0),
    // every arena). glibc keeps freed memory below its mmap threshold in the
    // arena of the thread that freed it; an app whose many threads each
    // allocate and free 6 MB weight matrices holds hundreds of MB that way
    // (docs/soak.md). Thread-safe; takes milliseconds. False if nothing was
    // released or the C library has no such call.
    static bool releaseFreeHeap();
};

} // namespace latentset
