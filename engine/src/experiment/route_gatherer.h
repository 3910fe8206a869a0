// `pbflow trace` over a whole run: a route tracer beside each block's money
// kernel, every replica's route tallies summed exactly (in any order of
// blocks, so any thread count or block size gives the same bytes), then
// means over replicas and the programmes' summaries.
#pragma once

#include <atomic>
#include <mutex>
#include <vector>

#include "experiment/exact_sum.h"
#include "pbflow/run_result.h"
#include "pbflow/scenario.h"
#include "pbflow/trace.h"
#include "plan/flow_plan.h"
#include "sim/block_simulation.h"
#include "sim/route_tracer.h"

namespace pbflow::experiment {

// The programmes a trace follows (rows country x 3 + pillar). Throws
// InputError for a country the scenario lacks, suggesting the code of a
// country written by its name.
std::vector<int> traced_programmes(const Scenario& s, const plan::FlowPlan& plan, const TraceOptions& options);

class RouteGatherer {
 public:
  RouteGatherer(const Scenario& s, const plan::FlowPlan& p, std::vector<int> programmes);
  // Runs a block of replicas [first, first + n) with a tracer watching it;
  // false if it was stopped (its tallies are not kept). Blocks may call it
  // from several threads at once.
  bool run_block(sim::BlockSimulation& block, int first, int n, const std::atomic<bool>* stop);
  // Means over the replicas `run` holds (those whose blocks finished).
  TraceResult finish(RunResult run) const;

 private:
  const Scenario& s_;
  const plan::FlowPlan& p_;
  sim::RouteMap map_;
  std::vector<std::size_t> first_sum_;  // per route: its sums start here (entered, in pipeline, spent, lag, overheads)
  std::vector<ExactSum> sums_;           // then the pending core money and its overhead
  std::mutex merge_;
};

}  // namespace pbflow::experiment
