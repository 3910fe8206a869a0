// Comparing allocation strategies on common random numbers (`pbflow compare`).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "pbflow/run_result.h"

namespace pbflow {

// One strategy's result against the baseline. Differences are strategy minus
// baseline, replica by replica (lower objective is better).
struct PairedDifference {
  double mean_diff = 0.0;
  double ci_low = 0.0, ci_high = 0.0;                // 95% interval of the mean paired difference
  double p_better = 0.0;                             // share of replicas where the strategy does better (ties: half)
  double unpaired_ci_low = 0.0, unpaired_ci_high = 0.0;  // the interval from independent samples
  double narrowing = 1.0;                            // paired width / unpaired width
};

struct StrategyResult {
  std::string name;
  StrategyKind kind = StrategyKind::fixed;
  RunResult run;                                     // on the compared replicas
  std::vector<double> objective;                     // per replica
  Stats objective_stats;
  PairedDifference vs_baseline;
  // optimised only: the objective on the training replicas, and the shares.
  std::optional<double> in_sample_objective;
  std::vector<double> shares;                        // programmes, country * 3 + pillar
  std::vector<std::pair<std::string, double>> start_objectives;  // in sample, per starting point
};

struct Future {
  std::vector<std::pair<std::string, std::string>> assignments;  // key path -> value
};

struct Robustness {
  std::vector<Future> futures;
  int replicas = 0;                                  // per strategy and future
  std::optional<double> satisficing_objective;
  // [strategy][future], strategies in the order of CompareResult::strategies.
  std::vector<std::vector<double>> objective, regret;
  std::vector<double> max_regret, mean_regret;
  std::vector<double> satisficing_share;             // empty without a threshold
};

struct CompareResult {
  std::string scenario;
  std::string scenario_sha256, engine, command, created;  // provenance, as RunResult's
  std::string baseline;
  int replicas = 0;
  std::uint64_t seed = 0;
  std::vector<StrategyResult> strategies;            // in the file's order
  std::optional<Robustness> robustness;
  double seconds = 0.0;
  const StrategyResult& strategy(const std::string& name) const;
};

// Student's t quantile for a two-sided 95% interval with `df` degrees of freedom.
double t_quantile_975(int df);
// Mean paired difference of `strategy` minus `baseline` with its intervals.
PairedDifference paired_difference(const std::vector<double>& strategy, const std::vector<double>& baseline);

}  // namespace pbflow
