// The facade: load a scenario, compile it, run replica blocks in parallel,
// and gather per-replica results in replica order.
#include "pbflow/engine.h"

#include <tbb/global_control.h>
#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>
#include <unistd.h>

#include <chrono>
#include <mutex>
#include <cmath>
#include <ctime>
#include <thread>

#include "experiment/memory.h"
#include "scenario/iso3166.h"
#include "experiment/assumptions.h"
#include "experiment/provenance.h"
#include "experiment/optimise.h"
#include "experiment/route_gatherer.h"
#include "experiment/engine_impl.h"
#include "experiment/run_blocks.h"
#include "experiment/run_gatherer.h"
#include "pbflow/limits.h"
#include "pbflow/scenario_io.h"
#include "plan/flow_plan.h"
#include "pbflow/results_io.h"
#include "sim/block_simulation.h"
#include "strategy/policies.h"

namespace pbflow {

const char* version() { return PBFLOW_VERSION; }

bool RunOptions::IsValid(std::string* error) const {
  auto fail = [&](const std::string& why) {
    if (error) *error = why;
    return false;
  };
  if (replicas && (*replicas < 1 || *replicas > limits::kMaxReplicas))
    return fail("--replicas must be from 1 to " + std::to_string(limits::kMaxReplicas));
  if (seed && *seed > limits::kMaxSeed) return fail("--seed must be from 0 to " + std::to_string(limits::kMaxSeed));
  if (threads < 0 || threads > limits::kMaxThreads)
    return fail("--threads must be from 0 (every core) to " + std::to_string(limits::kMaxThreads));
  if (block_size < 1 || block_size > limits::kMaxBlockSize)
    return fail("--block-size must be from 1 to " + std::to_string(limits::kMaxBlockSize));
  if (!(max_memory_bytes >= 0) || !std::isfinite(max_memory_bytes)) return fail("--max-memory must be a finite size");
  return true;
}


Engine Engine::load(const std::string& path, const std::vector<std::string>& overrides) {
  return Engine(load_scenario(path, overrides), overrides);
}

Engine::Engine(Scenario scenario, std::vector<std::string> overrides) : impl_(std::make_unique<Impl>()) {
  impl_->plan = plan::compile(scenario);
  impl_->scenario = std::move(scenario);
  impl_->overrides = std::move(overrides);
}

const std::vector<std::string>& Engine::overrides() const { return impl_->overrides; }

Engine::~Engine() = default;
Engine::Engine(Engine&&) noexcept = default;
Engine& Engine::operator=(Engine&&) noexcept = default;

const Scenario& Engine::scenario() const { return impl_->scenario; }
const std::vector<std::string>& Engine::warnings() const { return impl_->plan.warnings; }

namespace {

int resolve_threads(int threads) {
  if (threads > 0) return threads;
  unsigned n = std::thread::hardware_concurrency();
  return n ? static_cast<int>(n) : 1;
}

}  // namespace

double Engine::memory_estimate(const RunOptions& o) const {
  const plan::FlowPlan& p = impl_->plan;
  const Scenario& s = impl_->scenario;
  const double replicas = o.replicas.value_or(s.simulation.replicas);
  const double block = std::min<double>(o.block_size, replicas);
  const double blocks_in_flight = std::min<double>(resolve_threads(o.threads), std::ceil(replicas / block));
  const double trajectory_rows = o.trajectories ? static_cast<double>(p.months) * p.countries * sim::kTrajectoryFields : 0;
  const double flow_rows = o.record_flows ? static_cast<double>(p.lines.size() + p.channels.size()) * p.slots : 0.0;
  const double kernel_rows = 2.0 * p.stage_rows + 4.0 * p.ready_rows + 12.0 * p.programmes + 16.0 * p.countries +
                             2.0 * p.months * p.countries +
                             5.0 * p.lines.size() + 3.0 * p.channels.size() + p.months * kMonthSeries + flow_rows +
                             trajectory_rows;
  const double per_replica = sizeof(ReplicaTotals) + p.countries * sizeof(CountryOutcome) + 16.0 * p.channels.size() +
                             8.0 * p.months * kMonthSeries + trajectory_rows * 8.0;
  const double aggregates = (o.record_flows ? 16.0 * p.edges.size() * p.slots : 0.0) +  // exact sums per edge and slot
                            (32.0 + 16.0) * p.months * p.countries;                     // and per country and month
  return 8.0 * kernel_rows * block * blocks_in_flight + per_replica * replicas + aggregates;
}

void Engine::check_memory(const RunOptions& o) const {
  const double need = memory_estimate(o);
  const double limit = o.max_memory_bytes > 0 ? o.max_memory_bytes : 0.8 * experiment::machine_memory_bytes();
  if (need > limit)
    throw InputError({impl_->scenario.file, 0, 0}, "",
                     "this run needs about " + experiment::gigabytes(need) + " of memory, more than the " +
                         experiment::gigabytes(limit) + " allowed; use fewer replicas" +
                         (o.trajectories ? " or drop --trajectories" : "") + ", or raise the limit with --max-memory GB");
}

RunResult Engine::describe_run(const RunOptions& o) const {
  const Scenario& s = impl_->scenario;
  const plan::FlowPlan& p = impl_->plan;
  RunResult result;
  result.scenario = s.name;
  result.replicas = o.replicas.value_or(s.simulation.replicas);
  result.seed = o.seed.value_or(s.simulation.seed);
  result.months = p.months;
  result.start = p.start;
  result.currency = s.currency.base;
  if (auto jpy = s.currency.fx.find("JPY"); jpy != s.currency.fx.end()) result.base_per_yen = 1.0 / jpy->second.at(p.start);
  if (s.currency.base == "JPY") result.base_per_yen = 1.0;
  for (const auto& c : s.countries) {
    result.countries.push_back(c.iso3);
    // A country without a name of its own is called by its ISO 3166 English name.
    const std::string& standard = scenario::iso3166_name(c.iso3);
    result.country_names.push_back(c.name != c.iso3 || standard.empty() ? c.name : standard);
  }
  experiment::stamp(result, s);
  result.assumptions = experiment::assumptions_of(s, p);
  for (const auto& c : s.channels) result.channels.push_back(c.id);
  result.warnings = p.warnings;
  result.threads = resolve_threads(o.threads);
  result.block_size = o.block_size;
  return result;
}

Strategy Engine::strategy_to_run(const RunOptions& o) const {
  const Strategy& own = impl_->scenario.strategy;
  if (own.kind != StrategyKind::optimised || !own.shares.empty()) return own;
  // Fit the shares on training replicas first, starting from the strategies it names.
  const Scenario& s = impl_->scenario;
  Strategy fitted = own;
  RunOptions fit = o;
  fit.progress = nullptr;  // the search's own runs are not the run's
  fitted.shares = experiment::fit_static_shares(*this, own, fit, experiment::search_starts(s, own, overrides(), s)).shares;
  return fitted;
}

RunResult Engine::run(const RunOptions& o) const { return run(o, strategy_to_run(o)); }

RunResult Engine::run(const RunOptions& o, const Strategy& strategy) const {
  std::string problem;
  if (!o.IsValid(&problem)) throw InputError({}, "", problem);
  check_memory(o);
  return experiment::run_blocks(impl_->scenario, impl_->plan, strategy, o, describe_run(o),
                    [&](sim::BlockSimulation& block, int first, int n) { return block.run(n, first, o.stop); });
}

TraceResult Engine::trace(const RunOptions& o, const TraceOptions& t) const {
  std::string problem;
  if (!o.IsValid(&problem)) throw InputError({}, "", problem);
  const std::vector<int> programmes = experiment::traced_programmes(impl_->scenario, impl_->plan, t);
  check_memory(o);
  const Strategy strategy = strategy_to_run(o);
  RunResult header = describe_run(o);
  experiment::RouteGatherer routes(impl_->scenario, impl_->plan, programmes);
  RunResult run = experiment::run_blocks(impl_->scenario, impl_->plan, strategy, o, std::move(header),
                             [&](sim::BlockSimulation& block, int first, int n) {
                               return routes.run_block(block, first, n, o.stop);
                             });
  return routes.finish(std::move(run));
}

}  // namespace pbflow
