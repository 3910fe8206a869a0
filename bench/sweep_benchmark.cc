// Speed of sweeps: points per second for the shipped Latin-hypercube sweep
// (scenarios/sweep_lhs.yaml) at a fixed replica count, one point at a time
// with every core (--jobs 1) and two points at once (--jobs 2). The
// counters give points/s and, for --jobs 2, the parallel efficiency against
// twice the one-core rate (BM_SweepOneCore, the attainable peak here).
#include <benchmark/benchmark.h>

#include "pbflow/engine.h"

namespace {

using namespace pbflow;

constexpr int kPoints = 16, kReplicas = 50;

double sweep_seconds(int jobs, int threads) {
  static Engine engine = Engine::load(std::string(PBFLOW_SOURCE_DIR) + "/scenarios/sweep_lhs.yaml",
                                      {"sweep.design.samples=" + std::to_string(kPoints)});
  SweepOptions o;
  o.replicas = kReplicas;
  o.jobs = jobs;
  o.threads = threads;
  return engine.sweep(o).seconds;
}

double one_core_points_per_second = 0;

void BM_SweepOneCore(benchmark::State& state) {
  double seconds = 0;
  for (auto _ : state) seconds = sweep_seconds(1, 1);
  one_core_points_per_second = kPoints / seconds;
  state.counters["points/s"] = one_core_points_per_second;
}
BENCHMARK(BM_SweepOneCore)->Iterations(3)->Unit(benchmark::kSecond)->UseRealTime();

void BM_Sweep(benchmark::State& state) {
  const int jobs = static_cast<int>(state.range(0));
  double seconds = 0;
  for (auto _ : state) seconds = sweep_seconds(jobs, jobs == 1 ? 0 : 1);
  const double rate = kPoints / seconds;
  state.counters["points/s"] = rate;
  if (one_core_points_per_second > 0) state.counters["efficiency_vs_2_cores"] = rate / (2 * one_core_points_per_second);
}
BENCHMARK(BM_Sweep)->ArgName("jobs")->Arg(1)->Arg(2)->Iterations(3)->Unit(benchmark::kSecond)->UseRealTime();

}  // namespace
