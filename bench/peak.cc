#include "peak.h"

#include <algorithm>
#include <chrono>
#include <vector>

#include "sim/vector_clones.h"

namespace pbflow::bench {

namespace {

// 2 x 16 KB: both rows stay in L1. Built with the kernel's clones, so it
// runs with the same vector unit (AVX-512, AVX2 or SSE2) as the kernel.
constexpr int kInL1 = 2048;
// 2 x 2 MB: beyond L2, inside L3, as a block's kernel state is.
constexpr int kInL3 = 262144;

PBFLOW_VECTOR_CLONES
void axpy_sweeps(double* __restrict y, const double* __restrict x, double a, int n, int sweeps) {
  for (int sweep = 0; sweep < sweeps; ++sweep)
    for (int i = 0; i < n; ++i) y[i] = y[i] + a * x[i];
}

// y += a x element updates per second over n values.
double measure(int n) {
  std::vector<double> x(n, 1.0), y(n, 0.0);
  const int sweeps = std::max(1, 2000000 / n);
  long long updates = 0;
  axpy_sweeps(y.data(), x.data(), 1e-9, n, 1);  // warm
  const auto start = std::chrono::steady_clock::now();
  double elapsed = 0;
  while (elapsed < 0.25) {
    axpy_sweeps(y.data(), x.data(), 1e-9, n, sweeps);
    updates += static_cast<long long>(sweeps) * n;
    elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  }
  volatile double keep = y[n / 2];  // the work is used
  (void)keep;
  return static_cast<double>(updates) / elapsed;
}

}  // namespace

double axpy_peak_per_second() {
  static const double peak = measure(kInL1);
  return peak;
}

double l3_stream_bytes_per_second() {
  static const double bytes = 24 * measure(kInL3);
  return bytes;
}

}  // namespace pbflow::bench
