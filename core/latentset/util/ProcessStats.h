#pragma once

namespace latentset {

// Facts about the running process, for the CLI's reports.
class ProcessStats {
public:
    // Peak resident set size so far, in MiB (getrusage ru_maxrss).
    static double peakRssMb();
    // Current resident set size in MiB (/proc/self/statm), 0 if unknown.
    static double currentRssMb();
};

} // namespace latentset
