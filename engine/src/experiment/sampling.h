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

// Saltelli's scheme (Saltelli 2002, 2010) for Sobol' indices: n base rows,
// each a block of 2k + 2 points, in this order: A, AB_1..AB_k (A with
// parameter i from B), BA_1..BA_k (B with parameter i from A), B; A and B
// the two halves of a scrambled 2k-dimensional Sobol' point
// (sobol_sequence.h). Throws InputError above 10 parameters.
std::vector<Assignments> saltelli(const std::vector<ParameterRange>& ranges, int n, std::uint64_t seed);
inline int saltelli_block(int parameters) { return 2 * parameters + 2; }

// Morris's elementary effects (Morris 1991): r trajectories of k + 1 points
// on a p-level grid, each moving one parameter by delta = p / (2 (p - 1))
// of its range, in a random order and direction. Ranges only.
std::vector<Assignments> morris(const std::vector<ParameterRange>& ranges, int r, int levels, std::uint64_t seed);
inline double morris_delta(int levels) { return levels / (2.0 * (levels - 1)); }

// Points given in a CSV file: a header naming every swept key path (in any
// order, nothing else), then a row a point. Throws InputError naming the
// file, row and column of anything amiss.
std::vector<Assignments> from_file(const std::vector<ParameterRange>& ranges, const std::string& path);

std::string number_text(double v);  // shortest text that reads back exactly

}  // namespace pbflow::experiment
