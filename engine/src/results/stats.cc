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

}  // namespace pbflow
