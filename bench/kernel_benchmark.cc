// Speed of the engine: the monthly money step and the country update for a
// block of replicas, and whole runs (MODEL.md 1 and 2). Rates are in
// replica-months (one replica advanced one month) and money-edge updates
// (one earmark slot of one channel, or one programme, advanced one month).
#include <benchmark/benchmark.h>

#include <memory>

#include "large_scenario.h"
#include "peak.h"
#include "pbflow/engine.h"
#include "pbflow/scenario_io.h"
#include "plan/flow_plan.h"
#include "sim/block_simulation.h"
#include "sim/country_dynamics.h"
#include "sim/money_kernel.h"
#include "strategy/policies.h"

namespace {

using namespace pbflow;

std::string write_large(const bench::LargeScenarioOptions& o) {
  std::string path = "/tmp/pbflow-bench-large-" + std::to_string(o.countries) + "x" + std::to_string(o.channels) +
                     "x" + std::to_string(o.months) + ".yaml";
  FILE* f = std::fopen(path.c_str(), "w");
  std::string text = bench::large_scenario_yaml(o);
  std::fwrite(text.data(), 1, text.size(), f);
  std::fclose(f);
  return path;
}

// Everything a block needs, built once per benchmark.
struct Fixture {
  Scenario scenario;
  plan::FlowPlan plan;
  std::unique_ptr<strategy::AllocationPolicy> policy;
  sim::RandomStreams random{1};
  explicit Fixture(const std::string& path)
      : scenario(load_scenario(path)), plan(plan::compile(scenario)), policy(strategy::make_policy(scenario.strategy, scenario)) {}
  double edges() const { return plan.stage_rows + plan.ready_rows + plan.programmes; }
  // Bytes of kernel state a replica-month reads and writes at least once:
  // money and vintage of every stage row and arrival row, and the ready rows.
  double state_bytes() const { return 2 * 16.0 * (plan.stage_rows + 2.0 * plan.ready_rows); }
};

Fixture& large() {
  static Fixture f(write_large({}));
  return f;
}

// The reference: in-cache y += a x over a block shaped like the kernel's
// state. Its rate is the attainable peak that the kernel figures' `peak_fraction`
// divides by (measured once, in this same run).
void BM_PeakAxpy(benchmark::State& state) {
  double peak = 0;
  for (auto _ : state) peak = pbflow::bench::axpy_peak_per_second();
  state.counters["axpy_updates/s"] = peak;
  state.counters["GFLOP/s"] = 2 * peak / 1e9;
  state.counters["GB/s"] = 24 * peak / 1e9;
}
BENCHMARK(BM_PeakAxpy)->Iterations(1)->Unit(benchmark::kMillisecond);

// The second reference: y += a x streamed over 4 MB (beyond L2, inside L3,
// where a block's kernel state lives). `state_fraction` divides by it.
void BM_PeakStreamL3(benchmark::State& state) {
  double bytes = 0;
  for (auto _ : state) bytes = pbflow::bench::l3_stream_bytes_per_second();
  state.counters["GB/s"] = bytes / 1e9;
}
BENCHMARK(BM_PeakStreamL3)->Iterations(1)->Unit(benchmark::kMillisecond);

// Edge updates per second as a fraction of the in-cache y += a x peak.
benchmark::Counter peak_fraction(double edge_updates) {
  return benchmark::Counter(edge_updates / pbflow::bench::axpy_peak_per_second(), benchmark::Counter::kIsRate);
}

// The kernel state's bytes per second (per thread) as a fraction of the L3 stream.
void state_traffic(benchmark::State& state, const Fixture& f, double replica_months, int threads) {
  const double bytes = replica_months * f.state_bytes() / threads;
  state.counters["state_GB/s"] = benchmark::Counter(bytes / 1e9, benchmark::Counter::kIsRate);
  state.counters["state_fraction"] =
      benchmark::Counter(bytes / pbflow::bench::l3_stream_bytes_per_second(), benchmark::Counter::kIsRate);
}

// One month of money for a block: pipelines, releases, every channel, programmes.
void BM_MoneyStep(benchmark::State& state) {
  Fixture& f = large();
  pbflow::bench::axpy_peak_per_second();  // measured before, not during, the timing
  pbflow::bench::l3_stream_bytes_per_second();
  const int block = static_cast<int>(state.range(0));
  sim::MoneyKernel money(f.scenario, f.plan, *f.policy, f.random, /*record_flows=*/false);
  sim::CountryState countries;
  countries.reset(f.scenario, block);
  sim::MonthEvents events;
  events.reset(f.plan.countries, block);
  money.reset(block, 0);
  int t = 0;
  for (auto _ : state) {
    money.step(t, countries, events);
    t = (t + 1) % f.plan.months;
    if (t == 0) money.reset(block, 0);
  }
  state.counters["replica_months/s"] = benchmark::Counter(double(block) * state.iterations(), benchmark::Counter::kIsRate);
  state.counters["edge_updates/s"] =
      benchmark::Counter(f.edges() * block * state.iterations(), benchmark::Counter::kIsRate);
  state.counters["peak_fraction"] = peak_fraction(f.edges() * block * state.iterations());
  state_traffic(state, f, double(block) * state.iterations(), 1);
}
BENCHMARK(BM_MoneyStep)->Arg(16)->Arg(64)->Arg(256)->Unit(benchmark::kMicrosecond);

// The end-of-month country update (stocks, capacity, need, transitions).
void BM_CountryUpdate(benchmark::State& state) {
  Fixture& f = large();
  const int block = static_cast<int>(state.range(0));
  sim::CountryDynamics dynamics(f.scenario, f.plan, f.random);
  sim::CountryState countries;
  countries.reset(f.scenario, block);
  sim::CountryOutcomes outcomes;
  outcomes.reset(f.plan.countries, block);
  sim::Block spending = sim::Block::Constant(f.plan.programmes, block, 1.0e5);
  int t = 0;
  for (auto _ : state) {
    dynamics.end_month(t++, 0, spending, countries, outcomes);
    benchmark::DoNotOptimize(countries.phase.data());
  }
  state.counters["country_months/s"] =
      benchmark::Counter(double(block) * f.plan.countries * state.iterations(), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_CountryUpdate)->Arg(64)->Unit(benchmark::kMicrosecond);

// A whole run of the large scenario (150 countries, 40 channels, 240 months).
void BM_RunLarge(benchmark::State& state) {
  static const std::string path = write_large({});
  Engine engine = Engine::load(path);
  RunOptions o;
  o.replicas = static_cast<int>(state.range(0));
  o.threads = static_cast<int>(state.range(1));
  o.record_flows = false;
  const Fixture& f = large();
  pbflow::bench::axpy_peak_per_second();
  pbflow::bench::l3_stream_bytes_per_second();
  for (auto _ : state) benchmark::DoNotOptimize(engine.run(o).totals.data());
  const double replica_months = double(*o.replicas) * f.plan.months * state.iterations();
  state_traffic(state, f, replica_months, o.threads);
  state.counters["replica_months/s"] = benchmark::Counter(replica_months, benchmark::Counter::kIsRate);
  state.counters["edge_updates/s"] = benchmark::Counter(replica_months * f.edges(), benchmark::Counter::kIsRate);
  // Per thread: the peak is one core's.
  state.counters["peak_fraction"] = peak_fraction(replica_months * f.edges() / o.threads);
}
// Three runs each, their median reported: one run of a second is at the
// mercy of the machine's other work.
BENCHMARK(BM_RunLarge)
    ->Args({256, 1})->Args({256, 2})->Args({1024, 1})->Args({1024, 2})
    ->Unit(benchmark::kSecond)->UseRealTime()->Iterations(1)->Repetitions(3)->ReportAggregatesOnly(true);
BENCHMARK(BM_RunLarge)->Args({10000, 2})->Unit(benchmark::kSecond)->UseRealTime()->Iterations(1)->Name("BM_RunLarge10k");

// Linear scaling: the large generator varied one dimension at a time around
// 150 countries, 40 channels, 240 months, 256 replicas, one thread. The
// cost per slot-month (one earmark slot or programme of one replica
// advanced one month, flows recorded as `pbflow run` does) should stay flat.
// Countries stop at 249, the ISO 3166 codes a scenario may name.
void BM_Scaling(benchmark::State& state) {
  bench::LargeScenarioOptions o;
  o.countries = static_cast<int>(state.range(0));
  o.channels = static_cast<int>(state.range(1));
  o.months = static_cast<int>(state.range(2));
  const int replicas = static_cast<int>(state.range(3));
  Fixture f(write_large(o));
  Engine engine(f.scenario);
  RunOptions run;
  run.replicas = replicas;
  run.threads = 1;
  pbflow::bench::axpy_peak_per_second();
  for (auto _ : state) benchmark::DoNotOptimize(engine.run(run).totals.data());
  const double slot_months = f.edges() * o.months * replicas * state.iterations();
  state.counters["ns_per_slot_month"] = benchmark::Counter(slot_months * 1e-9, benchmark::Counter::kIsRate |
                                                                                    benchmark::Counter::kInvert);
  state.counters["replica_months/s"] = benchmark::Counter(double(replicas) * o.months * state.iterations(),
                                                          benchmark::Counter::kIsRate);
  state.counters["peak_fraction"] = peak_fraction(slot_months);
}
BENCHMARK(BM_Scaling)
    ->ArgNames({"countries", "channels", "months", "replicas"})
    ->Args({50, 40, 240, 256})->Args({150, 40, 240, 256})->Args({249, 40, 240, 256})
    ->Args({150, 10, 240, 256})->Args({150, 160, 240, 256})
    ->Args({150, 40, 60, 256})->Args({150, 40, 480, 256})
    ->Args({150, 40, 240, 64})->Args({150, 40, 240, 1024})->Args({150, 40, 240, 4096})
    ->Unit(benchmark::kSecond)->UseRealTime()->Iterations(1);

// The shipped baseline, 1,024 replicas, by thread count.
void BM_RunBaseline(benchmark::State& state) {
  Engine engine = Engine::load(std::string(PBFLOW_SOURCE_DIR) + "/scenarios/japan_baseline.yaml");
  RunOptions o;
  o.replicas = 1024;
  o.threads = static_cast<int>(state.range(0));
  for (auto _ : state) benchmark::DoNotOptimize(engine.run(o).totals.data());
  state.counters["replica_months/s"] =
      benchmark::Counter(1024.0 * engine.scenario().horizon.months * state.iterations(), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_RunBaseline)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
