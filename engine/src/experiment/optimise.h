// The `optimised` strategy: static country x pillar shares chosen to
// minimise the scenario's objective on training replicas (docs/strategies.md).
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "pbflow/engine.h"

namespace pbflow::experiment {

struct FitResult {
  std::vector<double> shares;                                   // programmes, summing to 1
  double in_sample = 0.0;                                       // mean objective on the training replicas
  std::vector<std::pair<std::string, double>> start_objectives;  // each starting point, in sample
};

// A strategy's weights in month 0 (the same in every replica), as static shares.
std::vector<double> initial_shares(const Scenario& s, const Strategy& strategy);

// The seed of the training replicas: a stream apart from the evaluation's.
std::uint64_t training_seed(std::uint64_t seed);

// Searches the simplex from the given starting points (and equal shares)
// with NLopt's Subplex on softmax logits; returns the best shares seen, so
// in sample it is never worse than any start.
FitResult fit_static_shares(const Engine& engine, const Strategy& strategy, const RunOptions& options,
                            const std::vector<std::pair<std::string, std::vector<double>>>& starts);

}  // namespace pbflow::experiment
