// Analytic functions with known Sobol' indices, for checking the sweep's
// sensitivity estimators end to end (`sweep.test_function`): the design,
// the points, the store and the estimators are the ones scenario sweeps
// use; only the model run is replaced by the function of the parameters,
// taken in the order the sweep lists them (parameters beyond those the
// function reads have no effect).
//
// ishigami (Ishigami & Homma 1990; a = 7, b = 0.1, x_i in [-pi, pi]):
//   f = sin x1 + a sin^2 x2 + b x3^4 sin x1
// sobol_g (Sobol' 1993, Saltelli & Sobol' 1995; x_i in [0, 1]):
//   f = prod_i (|4 x_i - 2| + a_i) / (1 + a_i), a = 0, 1, 4.5, 9, 99, 99, ...
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace pbflow::experiment {

double test_function(const std::string& name, const std::vector<std::pair<std::string, std::string>>& point);

// The analytic indices, for tests and docs: first-order and total, per parameter.
struct AnalyticIndices {
  std::vector<double> first, total;
};
AnalyticIndices ishigami_indices(int parameters);
AnalyticIndices sobol_g_indices(int parameters);
double sobol_g_coefficient(int i);  // a_i

}  // namespace pbflow::experiment
