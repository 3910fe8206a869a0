// `pbflow trace` over a whole run: a route tracer beside each block's money
// kernel, every replica's route tallies kept at its place, then means over
// replicas summed in replica order (so any thread count or block size gives
// the same bytes), and the programmes' summaries.
#pragma once

#include <vector>

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
std::vector<int> traced_programmes(const Scenario& s, const TraceOptions& options);

class RouteGatherer {
 public:
  RouteGatherer(const Scenario& s, const plan::FlowPlan& p, std::vector<int> programmes, int replicas);
  // Runs a block of replicas [first, first + n) with a tracer watching it.
  // Blocks may call it from several threads at once.
  void run_block(sim::BlockSimulation& block, int first, int n);
  TraceResult finish(RunResult run) const;

 private:
  const Scenario& s_;
  const plan::FlowPlan& p_;
  sim::RouteMap map_;
  int replicas_;
  std::vector<sim::RouteTally> tallies_;  // [route * replicas + replica]
  std::vector<double> pending_, pending_overhead_;  // per replica
};

}  // namespace pbflow::experiment
