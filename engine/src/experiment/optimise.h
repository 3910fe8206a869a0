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

// The starting points of an optimised strategy's search, the same for
// `run` and `compare`: each compared strategy its `start:` names (a strategy
// given as `{}` is the scenario's own with that entry's `set:` applied),
// optimised ones skipped; with no `start:`, the scenario's own strategy
// unless it is itself optimised. Shares are taken in `in`, the scenario the
// optimised strategy runs in; `overrides` are those `s` was loaded with.
std::vector<std::pair<std::string, std::vector<double>>> search_starts(const Scenario& s, const Strategy& optimised,
                                                                       const std::vector<std::string>& overrides,
                                                                       const Scenario& in);

// The seed of the training replicas: a stream apart from the evaluation's.
std::uint64_t training_seed(std::uint64_t seed);

// Searches the simplex from the given starting points (and equal shares)
// with NLopt's Subplex on softmax logits; returns the best shares seen, so
// in sample it is never worse than any start.
FitResult fit_static_shares(const Engine& engine, const Strategy& strategy, const RunOptions& options,
                            const std::vector<std::pair<std::string, std::vector<double>>>& starts);

}  // namespace pbflow::experiment
