// What `pbflow check` watches: per replica, the money a donor's budget
// lines sent to each first channel in each of some calendar years,
// earmarked to each country (or untagged).
#pragma once

#include <atomic>
#include <mutex>
#include <vector>

#include "plan/flow_plan.h"
#include "sim/block_simulation.h"
#include "sim/money_observer.h"

namespace pbflow::experiment {

class CheckGatherer {
 public:
  CheckGatherer(const plan::FlowPlan& p, int donor, std::vector<int> years, int replicas);
  // Runs a block with a watcher on its money; false if it was stopped.
  bool run_block(sim::BlockSimulation& block, int first, int n, const std::atomic<bool>* stop);
  // Base currency sent in calendar `year` to `channel` (plan order),
  // earmarked to `country`'s `pillar` programmes (country -1: untagged), in
  // `replica`.
  double total(int year, int channel, int country, int pillar, int replica) const;

 private:
  class Watcher;
  int cell(int year, int channel, int country, int pillar) const;  // -1 for a year not watched
  const plan::FlowPlan& p_;
  int donor_;
  std::vector<int> years_;
  int replicas_;
  std::vector<double> totals_;  // cells x replicas
  std::mutex merge_;
};

}  // namespace pbflow::experiment
