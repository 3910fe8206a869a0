// Blocks of replicas run in parallel and gathered in replica order: the
// loop every run of the engine shares (run, trace, check).
#pragma once

#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>

#include <chrono>
#include <mutex>

#include "experiment/run_gatherer.h"
#include "pbflow/engine.h"
#include "pbflow/errors.h"
#include "plan/flow_plan.h"
#include "sim/block_simulation.h"
#include "strategy/policies.h"

namespace pbflow::experiment {

// Blocks of replicas in parallel, each run by `run_block(block, first, n)`
// and gathered into its replicas' places.
template <typename RunBlock>
inline RunResult run_blocks(const Scenario& s, const plan::FlowPlan& p, const Strategy& strategy, const RunOptions& o,
                     RunResult result, RunBlock run_block) {
  auto began = std::chrono::steady_clock::now();
  auto unix_now = [] { return std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count(); };
  result.started_at = unix_now();
  auto policy = strategy::make_policy(strategy, s);
  experiment::RunGatherer gatherer(s, p, o, result);
  const sim::RandomStreams random(result.seed);
  const int blocks = (result.replicas + o.block_size - 1) / o.block_size;
  std::mutex progress;
  auto stopped = [&] { return o.stop && o.stop->load(std::memory_order_relaxed); };
  auto one_block = [&](int b) {
    if (stopped()) return;
    const int first = b * o.block_size;
    const int n = std::min(o.block_size, result.replicas - first);
    sim::BlockSimulation block(s, p, *policy, random, o.record_flows, o.trajectories);
    if (!run_block(block, first, n)) return;  // stopped part-way: its replicas are not finished
    gatherer.add_block(block, first, n);
    if (o.progress) {
      std::lock_guard<std::mutex> lock(progress);
      o.progress(gatherer.replicas_done(), result.replicas);
    }
  };
  tbb::task_arena arena(result.threads);
  arena.execute([&] { tbb::parallel_for(0, blocks, one_block); });
  if (gatherer.replicas_done() == 0 && result.replicas > 0)
    throw Interrupted("stopped before any replica had finished; nothing was written");
  gatherer.finish();
  result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - began).count();
  result.finished_at = unix_now();
  return result;
}


}  // namespace pbflow::experiment
