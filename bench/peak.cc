#include "peak.h"

#include <chrono>

#include "sim/block.h"

namespace pbflow::bench {

namespace {

// 64 rows of a 64-replica block: 2 x 32 KB, in L1/L2 like a channel's slots.
constexpr int kRows = 64, kReplicas = 64;

double measure() {
  sim::Block x = sim::Block::Constant(kRows, kReplicas, 1.0), y = sim::Block::Zero(kRows, kReplicas);
  const double a = 1e-9;
  long long updates = 0;
  const auto start = std::chrono::steady_clock::now();
  double elapsed = 0;
  while (elapsed < 0.25) {
    for (int rep = 0; rep < 1000; ++rep)
      for (int i = 0; i < kRows; ++i) y.row(i) += a * x.row(i);
    updates += 1000LL * kRows * kReplicas;
    elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  }
  volatile double keep = y.sum();  // the work is used
  (void)keep;
  return static_cast<double>(updates) / elapsed;
}

}  // namespace

double axpy_peak_per_second() {
  static const double peak = measure();
  return peak;
}

}  // namespace pbflow::bench
