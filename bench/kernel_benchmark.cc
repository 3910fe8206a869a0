// The money kernel's speed: one block of replicas through every month of
// the shipped baseline, and whole runs across threads.
#include <benchmark/benchmark.h>

#include "pbflow/engine.h"
#include "pbflow/scenario_io.h"
#include "plan/flow_plan.h"
#include "sim/money_kernel.h"
#include "strategy/allocation_policy.h"

namespace {

const std::string kBaseline = std::string(PBFLOW_SOURCE_DIR) + "/scenarios/japan_baseline.yaml";

// One block (replicas = the benchmark's argument) through the whole horizon.
void BM_KernelBlock(benchmark::State& state) {
  pbflow::Scenario s = pbflow::load_scenario(kBaseline);
  pbflow::plan::FlowPlan plan = pbflow::plan::compile(s);
  auto policy = pbflow::strategy::make_policy(s.strategy, s);
  pbflow::sim::MoneyKernel kernel(s, plan, *policy, /*record_flows=*/true);
  const int block = static_cast<int>(state.range(0));
  for (auto _ : state) {
    kernel.reset(block);
    kernel.run();
    benchmark::DoNotOptimize(kernel.spent().data());
  }
  const double replica_months = static_cast<double>(block) * plan.months;
  state.counters["replica_months/s"] = benchmark::Counter(replica_months * state.iterations(), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_KernelBlock)->Arg(1)->Arg(16)->Arg(64)->Arg(256)->Unit(benchmark::kMillisecond);

// A whole run of the baseline, 1,024 replicas, by thread count.
void BM_RunBaseline(benchmark::State& state) {
  pbflow::Engine engine = pbflow::Engine::load(kBaseline);
  pbflow::RunOptions options;
  options.replicas = 1024;
  options.threads = static_cast<int>(state.range(0));
  for (auto _ : state) benchmark::DoNotOptimize(engine.run(options).totals.data());
  state.counters["replica_months/s"] =
      benchmark::Counter(1024.0 * engine.scenario().horizon.months * state.iterations(), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_RunBaseline)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
