// The ranges every whole number from a scenario or the command line must
// fall in before it becomes a C++ integer. One table, so the scenario
// language, the command line and the bindings refuse the same values with
// the same words (docs/scenario-reference.md and `pbflow --help` show them).
#pragma once

#include <cstdint>

namespace pbflow::limits {

// Monte Carlo replicas of a run, a compared strategy or a sweep point:
// replica indices are 32-bit counters of the random streams.
inline constexpr std::int64_t kMaxReplicas = 2'000'000'000;
// Seeds: 0 to 2^53, so a seed survives a round trip through JSON and Python floats.
inline constexpr std::uint64_t kMaxSeed = std::uint64_t{1} << 53;
// Threads (and sweep jobs): beyond this the thread library cannot make an arena.
inline constexpr int kMaxThreads = 1024;
// Replicas advanced together; more than this only wastes memory.
inline constexpr int kMaxBlockSize = 1 << 20;
// Months of a horizon, and any count of months in a scenario (100 years).
inline constexpr int kMaxMonths = 1200;
// Points of one sweep design (grid points are the product of the levels).
inline constexpr std::int64_t kMaxSweepPoints = 1'000'000;
// Any other whole number a scenario gives: what fits in a C++ int.
inline constexpr std::int64_t kMaxInt = 2'147'483'647;

}  // namespace pbflow::limits
