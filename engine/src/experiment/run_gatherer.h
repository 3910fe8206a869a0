// Gathers the blocks of one run into its RunResult: every per-replica
// number at its replica's place, whatever order the blocks finish in; the
// flow totals summed exactly; then the monthly statistics, the flow rows
// and the trajectories, in replica order.
#pragma once

#include <mutex>
#include <vector>

#include "experiment/exact_sum.h"
#include "pbflow/engine.h"
#include "pbflow/run_result.h"
#include "plan/flow_plan.h"
#include "sim/block_simulation.h"

namespace pbflow::experiment {

class RunGatherer {
 public:
  // `result` already holds the run's description (replicas, months, ...).
  RunGatherer(const Scenario& s, const plan::FlowPlan& p, const RunOptions& o, RunResult& result);
  // Replicas [first, first + n) from a finished block. Blocks may call it
  // from several threads at once.
  void add_block(const sim::BlockSimulation& block, int first, int n);
  // After every block: refuses a non-finite replica (RuntimeFailure), then
  // fills the flows, the monthly statistics and the trajectories. If some
  // blocks never finished (a stopped run), the result holds the replicas
  // that did, marked partial.
  void finish();
  long long replicas_done() const { return done_count_; }

 private:
  void add_flows(const sim::MoneyKernel& money, int n);
  void add_country_months(const sim::BlockSimulation& block, int n);
  void keep_finished_replicas();
  const Scenario& s_;
  const plan::FlowPlan& p_;
  const RunOptions& o_;
  RunResult& result_;
  std::vector<int> scenario_channel_;  // plan order -> scenario order
  std::vector<double> series_;         // [(month * series) * R + replica], for percentiles
  std::vector<double> trajectories_;   // [replica][month][country][field]
  std::vector<ExactSum> flow_sums_;    // [edge * slots + slot]
  std::vector<ExactSum> country_month_sums_;  // [(month * countries + country) * 2 + field], as BlockSimulation's rows
  std::vector<char> done_;             // per replica: its block finished
  long long done_count_ = 0;
  std::mutex merge_;
};

}  // namespace pbflow::experiment
