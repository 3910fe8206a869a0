// Designs that turn parameter ranges into points (sets of key=value
// assignments): Latin hypercube, full grid, plain random. Deterministic for
// a seed, on any machine (own shuffle, std::mt19937_64's fixed sequence).
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "pbflow/scenario.h"

namespace pbflow::experiment {

using Assignments = std::vector<std::pair<std::string, std::string>>;

// n points; each range split into n equal strata, each stratum used once.
std::vector<Assignments> latin_hypercube(const std::vector<ParameterRange>& ranges, int n, std::uint64_t seed);
// Every combination: a list's values, or `per_axis` evenly spaced values of a range.
std::vector<Assignments> full_grid(const std::vector<ParameterRange>& ranges, int per_axis);
// n points drawn independently and uniformly.
std::vector<Assignments> uniform_random(const std::vector<ParameterRange>& ranges, int n, std::uint64_t seed);

std::string number_text(double v);  // shortest text that reads back exactly

}  // namespace pbflow::experiment
