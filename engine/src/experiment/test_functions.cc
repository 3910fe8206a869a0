#include "experiment/test_functions.h"

#include <cmath>
#include <cstdlib>
#include <stdexcept>

namespace pbflow::experiment {

namespace {

constexpr double kA = 7.0, kB = 0.1;
constexpr double kPi = 3.14159265358979323846;

}  // namespace

double sobol_g_coefficient(int i) {
  static const double a[] = {0, 1, 4.5, 9, 99, 99};
  return i < 6 ? a[i] : 99.0;
}

double test_function(const std::string& name, const std::vector<std::pair<std::string, std::string>>& point) {
  std::vector<double> x;
  for (const auto& [path, value] : point) x.push_back(std::strtod(value.c_str(), nullptr));
  if (name == "ishigami") {
    x.resize(std::max<std::size_t>(x.size(), 3), 0.0);
    return std::sin(x[0]) + kA * std::pow(std::sin(x[1]), 2) + kB * std::pow(x[2], 4) * std::sin(x[0]);
  }
  if (name == "sobol_g") {
    double f = 1.0;
    for (std::size_t i = 0; i < x.size(); ++i) {
      const double a = sobol_g_coefficient(static_cast<int>(i));
      f *= (std::abs(4.0 * x[i] - 2.0) + a) / (1.0 + a);
    }
    return f;
  }
  throw std::invalid_argument("no test function " + name);
}

AnalyticIndices ishigami_indices(int parameters) {
  // Variance decomposition: V1 = 1/2 (1 + b pi^4 / 5)^2, V2 = a^2 / 8,
  // V13 = b^2 pi^8 (1/18 - 1/50), V = a^2/8 + b pi^4/5 + b^2 pi^8/18 + 1/2.
  const double pi4 = std::pow(kPi, 4), pi8 = std::pow(kPi, 8);
  const double v1 = 0.5 * std::pow(1 + kB * pi4 / 5, 2), v2 = kA * kA / 8, v13 = kB * kB * pi8 * (1.0 / 18 - 1.0 / 50);
  const double v = kA * kA / 8 + kB * pi4 / 5 + kB * kB * pi8 / 18 + 0.5;
  AnalyticIndices out{std::vector<double>(parameters, 0.0), std::vector<double>(parameters, 0.0)};
  out.first[0] = v1 / v;
  out.first[1] = v2 / v;
  out.total[0] = (v1 + v13) / v;
  out.total[1] = v2 / v;
  if (parameters > 2) out.total[2] = v13 / v;
  return out;
}

AnalyticIndices sobol_g_indices(int parameters) {
  std::vector<double> vi(parameters);
  double product = 1.0;
  for (int i = 0; i < parameters; ++i) {
    const double a = sobol_g_coefficient(i);
    vi[i] = 1.0 / (3.0 * (1 + a) * (1 + a));
    product *= 1 + vi[i];
  }
  const double v = product - 1.0;
  AnalyticIndices out{std::vector<double>(parameters), std::vector<double>(parameters)};
  for (int i = 0; i < parameters; ++i) {
    out.first[i] = vi[i] / v;
    out.total[i] = vi[i] * (product / (1 + vi[i])) / v;
  }
  return out;
}

}  // namespace pbflow::experiment
