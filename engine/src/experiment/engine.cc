// The facade: load a scenario, compile it, run replica blocks in parallel,
// and gather per-replica results in replica order.
#include "pbflow/engine.h"

#include <tbb/global_control.h>
#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>
#include <unistd.h>

#include <chrono>
#include <cmath>
#include <mutex>
#include <thread>

#include "experiment/exact_sum.h"
#include "experiment/memory.h"
#include "experiment/objective.h"
#include "experiment/optimise.h"
#include "network/funding_graph.h"
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

struct Engine::Impl {
  Scenario scenario;
  std::vector<std::string> overrides;
  plan::FlowPlan plan;
};

Engine Engine::load(const std::string& path, const std::vector<std::string>& overrides) {
  return Engine(load_scenario(path, overrides), overrides);
}

Engine::Engine(Scenario scenario, std::vector<std::string> overrides) : impl_(std::make_unique<Impl>()) {
  impl_->plan = plan::compile(scenario);
  impl_->scenario = std::move(scenario);
  impl_->overrides = std::move(overrides);
}

const std::vector<std::string>& Engine::overrides() const { return impl_->overrides; }

std::vector<std::vector<std::string>> Engine::paths(const std::string& iso3, Pillar pillar) const {
  return network::donor_to_programme_paths(impl_->scenario, iso3, pillar);
}
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
                             5.0 * p.lines.size() + 3.0 * p.channels.size() + p.months * kMonthSeries + flow_rows +
                             trajectory_rows;
  const double per_replica = sizeof(ReplicaTotals) + p.countries * sizeof(CountryOutcome) + 16.0 * p.channels.size() +
                             8.0 * p.months * kMonthSeries + trajectory_rows * 8.0;
  const double aggregates = o.record_flows ? 16.0 * p.edges.size() * p.slots : 0.0;  // exact sums per edge and slot
  return 8.0 * kernel_rows * block * blocks_in_flight + per_replica * replicas + aggregates;
}

RunResult Engine::run(const RunOptions& o) const {
  const Strategy& own = impl_->scenario.strategy;
  if (own.kind == StrategyKind::optimised && own.shares.empty()) {
    // Fit the shares on training replicas first, starting from the strategies it names.
    const Scenario& s = impl_->scenario;
    Strategy fitted = own;
    fitted.shares = experiment::fit_static_shares(*this, own, o, experiment::search_starts(s, own, overrides(), s)).shares;
    return run(o, fitted);
  }
  return run(o, own);
}

RunResult Engine::run(const RunOptions& o, const Strategy& strategy) const {
  std::string problem;
  if (!o.IsValid(&problem)) throw InputError({}, "", problem);
  const Scenario& s = impl_->scenario;
  const plan::FlowPlan& p = impl_->plan;
  const double need = memory_estimate(o);
  const double limit = o.max_memory_bytes > 0 ? o.max_memory_bytes : 0.8 * experiment::machine_memory_bytes();
  if (need > limit)
    throw InputError({s.file, 0, 0}, "",
                     "this run needs about " + experiment::gigabytes(need) + " of memory, more than the " + experiment::gigabytes(limit) +
                         " allowed; use fewer replicas" + (o.trajectories ? " or drop --trajectories" : "") +
                         ", or raise the limit with --max-memory GB");

  auto began = std::chrono::steady_clock::now();
  auto policy = strategy::make_policy(strategy, s);
  RunResult result;
  result.scenario = s.name;
  result.replicas = o.replicas.value_or(s.simulation.replicas);
  result.seed = o.seed.value_or(s.simulation.seed);
  result.months = p.months;
  result.start = p.start;
  result.currency = s.currency.base;
  if (auto jpy = s.currency.fx.find("JPY"); jpy != s.currency.fx.end()) result.base_per_yen = 1.0 / jpy->second.at(p.start);
  if (s.currency.base == "JPY") result.base_per_yen = 1.0;
  for (const auto& c : s.countries) result.countries.push_back(c.iso3);
  for (const auto& c : s.channels) result.channels.push_back(c.id);
  result.warnings = p.warnings;
  result.threads = resolve_threads(o.threads);
  result.block_size = o.block_size;

  const int R = result.replicas;
  const int C = p.countries;
  const int T = p.months;
  result.totals.resize(R);
  result.outcomes.resize(static_cast<std::size_t>(R) * C);
  result.channel_overhead.assign(s.channels.size(), std::vector<double>(R));
  result.channel_delivered.assign(s.channels.size(), std::vector<double>(R));
  std::vector<int> scenario_channel(p.channels.size());
  for (std::size_t n = 0; n < p.channels.size(); ++n) scenario_channel[n] = s.channel_index(p.channels[n].id);
  // Monthly series per replica, for percentiles: [(month * series) * R + replica].
  std::vector<double> series(static_cast<std::size_t>(T) * kMonthSeries * R);
  std::vector<double> trajectories(o.trajectories ? static_cast<std::size_t>(R) * T * C * sim::kTrajectoryFields : 0);

  std::vector<experiment::ExactSum> flow_sums(o.record_flows ? p.edges.size() * p.slots : 0);
  std::mutex merge;
  const sim::RandomStreams random(result.seed);
  const int blocks = (R + o.block_size - 1) / o.block_size;

  auto run_block = [&](int b) {
    const int first = b * o.block_size;
    const int n = std::min(o.block_size, R - first);
    sim::BlockSimulation block(s, p, *policy, random, o.record_flows, o.trajectories);
    block.run(n, first);
    const sim::MoneyKernel& money = block.money();
    const sim::CountryOutcomes& outcomes = block.outcomes();
    const sim::Row pipeline = money.in_pipeline();
    const sim::Row unreleased = money.unreleased_base();
    const sim::Row reserves = money.reserves_base();
    const sim::Row lapsed = money.lapsed_base();
    for (int i = 0; i < n; ++i) {
      const int r = first + i;
      ReplicaTotals& t = result.totals[r];
      t.appropriated = money.appropriated_base()(i);
      t.released = money.released_base()(i);
      t.overhead = sim::column_sum(money.overhead(), i);
      t.spent = sim::column_sum(money.spent(), i);
      t.in_pipeline = pipeline(i);
      t.unreleased = unreleased(i);
      t.reserves = reserves(i);
      t.lapsed = lapsed(i);
      t.conservation_error = money.max_relative_error()(i);
      t.delivery_lag = t.spent > 0 ? money.lag_weighted_spending()(i) / t.spent : 0.0;
      CountryOutcome* row = &result.outcomes[static_cast<std::size_t>(r) * C];
      for (int c = 0; c < C; ++c) {
        CountryOutcome& out = row[c];
        for (int q = 0; q < kPillars; ++q) out.spent[q] = money.spent()(c * kPillars + q, i);
        out.conflict_months = outcomes.conflict_months(c, i);
        out.relapses = outcomes.relapses(c, i);
        out.unmet_need_person_months = outcomes.unmet_need(c, i);
        out.people_reached = outcomes.reached(c, i);
        out.peace_at_horizon = block.countries().phase(c, i) != static_cast<int>(Phase::conflict);
      }
      t.objective = experiment::objective_value(s.objective, t, row, C);
      for (std::size_t ch = 0; ch < p.channels.size(); ++ch) {
        result.channel_overhead[scenario_channel[ch]][r] = money.overhead()(ch, i);
        result.channel_delivered[scenario_channel[ch]][r] = money.delivered()(ch, i);
      }
      for (int k = 0; k < T * kMonthSeries; ++k) series[static_cast<std::size_t>(k) * R + r] = block.series()(k, i);
      if (o.trajectories) {
        const std::size_t per_replica = static_cast<std::size_t>(T) * C * sim::kTrajectoryFields;
        for (std::size_t k = 0; k < per_replica; ++k) trajectories[r * per_replica + k] = block.trajectories()(k, i);
      }
    }
    if (!o.record_flows) return;
    // Each replica's flow on an edge is its share of what the source sent;
    // summed exactly over replicas, so blocks may merge in any order.
    std::lock_guard<std::mutex> lock(merge);
    for (const auto& term : money.flow_terms()) {
      if (term.share == 0.0) continue;
      experiment::ExactSum& sum = flow_sums[static_cast<std::size_t>(term.edge) * p.slots + term.slot];
      for (int i = 0; i < n; ++i) sum.add(term.share * money.flow_ledger()(term.row, i));
    }
  };

  tbb::task_arena arena(result.threads);
  arena.execute([&] { tbb::parallel_for(0, blocks, run_block); });
  for (int r = 0; r < R; ++r) {
    const ReplicaTotals& t = result.totals[r];
    if (!std::isfinite(t.spent + t.overhead + t.in_pipeline + t.objective + t.conservation_error))
      throw RuntimeFailure("replica " + std::to_string(r) +
                           " produced a non-finite amount; check the scenario's extreme values");
  }

  for (std::size_t e = 0; e < p.edges.size() && o.record_flows; ++e)
    for (int slot = 0; slot < p.slots; ++slot) {
      double amount = flow_sums[e * p.slots + slot].value() / R;
      if (amount == 0.0) continue;
      FlowRow row{p.edges[e].from, p.edges[e].to, "", "", amount};
      if (slot != p.untagged) {
        row.country = s.countries[slot / kPillars].iso3;
        row.pillar = to_string(static_cast<Pillar>(slot % kPillars));
        if (row.to == "programme") row.to = p.programme_label(slot, s);
      }
      result.flows.push_back(row);
    }
  for (int t = 0; t < T; ++t) {
    MonthRow m;
    m.month = YearMonth{p.start.index + t};
    for (int k = 0; k < kMonthSeries; ++k) {
      const auto first = series.begin() + (static_cast<std::size_t>(t) * kMonthSeries + k) * R;
      m.values[k] = describe(std::vector<double>(first, first + R));
    }
    result.timeseries.push_back(m);
  }
  if (o.trajectories) {
    result.trajectories.reserve(static_cast<std::size_t>(R) * T * C);
    const double* v = trajectories.data();
    for (int r = 0; r < R; ++r)
      for (int t = 0; t < T; ++t)
        for (int c = 0; c < C; ++c, v += sim::kTrajectoryFields)
          result.trajectories.push_back({r, YearMonth{p.start.index + t}, c, static_cast<Phase>(static_cast<int>(v[sim::kPhase])),
                                         v[sim::kNeed], v[sim::kCapacity],
                                         {v[sim::kTrajSpentH], v[sim::kTrajSpentD], v[sim::kTrajSpentP]},
                                         static_cast<int>(v[sim::kTrajDisasters]), static_cast<int>(v[sim::kTrajOnsets])});
  }
  result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - began).count();
  return result;
}

}  // namespace pbflow
