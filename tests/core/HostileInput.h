#pragma once
// Shared check for the readers' hostile-input tests: a file that lies about
// its sizes must be refused with a latentset::Error naming the problem,
// quickly, and without allocating what it claims (peak RSS must not jump).
#include "latentset/util/Error.h"
#include "latentset/util/ProcessStats.h"

#include <catch2/catch.hpp>

#include <chrono>
#include <string>

namespace latentset::testing {

template <class Fn>
void requireRefusedCheaply(Fn&& read, const std::string& needle)
{
    const double rssBefore = ProcessStats::peakRssMb();
    const auto start = std::chrono::steady_clock::now();
    std::string message;
    try {
        read();
    } catch (const Error& e) {
        message = e.what();
    }
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    INFO("message: " << message);
    REQUIRE_FALSE(message.empty());
    CHECK(message.find(needle) != std::string::npos);
    CHECK(seconds < 2.0);
    CHECK(ProcessStats::peakRssMb() - rssBefore < 64.0);
}

} // namespace latentset::testing
