#include <algorithm>
#include <cmath>

#include "pbflow/results_io.h"

namespace pbflow {

// The q-quantile by linear interpolation between order statistics: the
// values a full sort would give, found by selection (nth_element), which a
// profile of the baseline showed sorting at a tenth of a run's time. Calls
// come in rising q; `from` is the first position not yet placed, so each
// selection works on what lies above the last.
static double percentile(std::vector<double>& values, double q, std::size_t& from) {
  const double position = q * (values.size() - 1);
  const std::size_t below = static_cast<std::size_t>(std::floor(position));
  const std::size_t above = std::min(below + 1, values.size() - 1);
  const auto first = values.begin() + static_cast<std::ptrdiff_t>(std::min(from, below));
  std::nth_element(first, values.begin() + static_cast<std::ptrdiff_t>(below), values.end());
  const double low = values[below];
  const double high = above == below ? low : *std::min_element(values.begin() + static_cast<std::ptrdiff_t>(above), values.end());
  from = below + 1;
  const double frac = position - below;
  return low + frac * (high - low);
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
  std::size_t from = 0;
  s.p05 = percentile(values, 0.05, from);
  s.p50 = percentile(values, 0.50, from);
  s.p95 = percentile(values, 0.95, from);
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
