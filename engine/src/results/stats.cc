#include <algorithm>
#include <cmath>

#include "pbflow/results_io.h"

namespace pbflow {

static double percentile(const std::vector<double>& sorted, double q) {
  if (sorted.empty()) return 0.0;
  const double position = q * (sorted.size() - 1);
  const std::size_t below = static_cast<std::size_t>(std::floor(position));
  const std::size_t above = std::min(below + 1, sorted.size() - 1);
  const double frac = position - below;
  return sorted[below] + frac * (sorted[above] - sorted[below]);
}

Stats describe(std::vector<double> values) {
  Stats s;
  if (values.empty()) return s;
  double sum = 0.0;
  for (double v : values) sum += v;
  s.mean = sum / values.size();
  double squares = 0.0;
  for (double v : values) squares += (v - s.mean) * (v - s.mean);
  s.sd = values.size() > 1 ? std::sqrt(squares / (values.size() - 1)) : 0.0;
  std::sort(values.begin(), values.end());
  s.p05 = percentile(values, 0.05);
  s.p50 = percentile(values, 0.50);
  s.p95 = percentile(values, 0.95);
  return s;
}

double t_quantile_975(int df) {
  static const double table[] = {12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228};
  if (df < 1) return 0.0;
  if (df <= 10) return table[df - 1];
  // Cornish-Fisher expansion about the normal quantile; within 1e-3 for df > 10.
  const double z = 1.959963984540054, d = df;
  return z + (z * z * z + z) / (4 * d) + (5 * std::pow(z, 5) + 16 * z * z * z + 3 * z) / (96 * d * d);
}

}  // namespace pbflow
