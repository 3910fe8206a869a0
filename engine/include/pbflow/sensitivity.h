// Sensitivity indices from a sweep (`pbflow sensitivity`, and at the end of
// a sobol or morris sweep): which parameters an output depends on, and how
// sure we are of it.
//
// Sobol' indices from Saltelli's design (N base rows of 2k + 2 points):
// first-order S1 by Saltelli et al. (2010), total ST by Jansen (1999), and
// second-order S2 on request (Saltelli 2002), each with a 95% interval from
// a bootstrap over the base rows. Morris's elementary effects: mu* (the
// mean absolute effect, which ranks), mu and sigma, with bootstrap
// intervals over the trajectories.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "pbflow/sweep.h"

namespace pbflow {

struct SensitivityOptions {
  bool second_order = false;  // sobol: S2 for every pair of parameters
  int bootstrap = 1000;       // resamples for the intervals
  std::uint64_t seed = 12345; // of the resampling

  bool IsValid(std::string* error) const;
};

struct SensitivityIndex {
  std::string output, parameter;  // S2: "a x b"
  std::string measure;            // S1, ST, S2; mu_star, mu, sigma
  double value = 0, low = 0, high = 0;
};

struct SensitivityResult {
  std::string scenario, method;   // sobol or morris
  int rows = 0;                   // base rows (sobol) or trajectories (morris) used
  std::vector<SensitivityIndex> indices;
  std::vector<std::string> warnings;  // with their reasons and a remedy
};

// Throws InputError if the sweep's design is not sobol or morris, or has no
// complete base row or trajectory.
SensitivityResult sensitivity(const SweepResult& sweep, const SensitivityOptions& options = {});

}  // namespace pbflow
