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
#include "pbflow/scenario_io.h"
#include "plan/flow_plan.h"
#include "sim/money_kernel.h"
#include "strategy/allocation_policy.h"

namespace pbflow {

bool RunOptions::IsValid(std::string* error) const {
  auto fail = [&](const std::string& why) {
    if (error) *error = why;
    return false;
  };
  if (replicas && *replicas < 1) return fail("--replicas must be at least 1");
  if (threads < 0) return fail("--threads must be 0 (every core) or more");
  if (block_size < 1) return fail("--block-size must be at least 1");
  if (max_memory_bytes < 0) return fail("--max-memory must not be negative");
  return true;
}

struct Engine::Impl {
  Scenario scenario;
  plan::FlowPlan plan;
};

Engine Engine::load(const std::string& path, const std::vector<std::string>& overrides) {
  return Engine(load_scenario(path, overrides));
}

Engine::Engine(Scenario scenario) : impl_(std::make_unique<Impl>()) {
  impl_->plan = plan::compile(scenario);
  impl_->scenario = std::move(scenario);
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

double machine_memory_bytes() {
  long pages = sysconf(_SC_PHYS_PAGES);
  long page = sysconf(_SC_PAGE_SIZE);
  return pages > 0 && page > 0 ? static_cast<double>(pages) * page : 8e9;
}

std::string gigabytes(double bytes) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f GB", bytes / 1e9);
  return buf;
}

}  // namespace

double Engine::memory_estimate(const RunOptions& o) const {
  const plan::FlowPlan& p = impl_->plan;
  const Scenario& s = impl_->scenario;
  const double replicas = o.replicas.value_or(s.simulation.replicas);
  const double block = std::min<double>(o.block_size, replicas);
  const double blocks_in_flight = std::min<double>(resolve_threads(o.threads), std::ceil(replicas / block));
  const double kernel_rows = p.stage_rows + 2.0 * p.ready_rows + 9.0 * p.programmes + 10.0 * p.countries +
                             5.0 * p.lines.size() + p.channels.size() + p.months * sim::kSeriesCount +
                             (o.record_flows ? static_cast<double>(p.edges.size()) * p.slots : 0.0);
  const double per_replica = sizeof(ReplicaTotals) + p.countries * sizeof(CountryOutcome) + 8.0 * p.channels.size();
  const double aggregates = 16.0 * (p.months * sim::kSeriesCount + (o.record_flows ? p.edges.size() * p.slots : 0));
  return 8.0 * kernel_rows * block * blocks_in_flight + per_replica * replicas + aggregates;
}

RunResult Engine::run(const RunOptions& o) const {
  std::string problem;
  if (!o.IsValid(&problem)) throw InputError({}, "", problem);
  const Scenario& s = impl_->scenario;
  const plan::FlowPlan& p = impl_->plan;
  const double need = memory_estimate(o);
  const double limit = o.max_memory_bytes > 0 ? o.max_memory_bytes : 0.8 * machine_memory_bytes();
  if (need > limit)
    throw InputError({s.file, 0, 0}, "",
                     "this run needs about " + gigabytes(need) + " of memory, more than the " + gigabytes(limit) +
                         " allowed; use fewer replicas or a smaller --block-size, or raise the limit with "
                         "--max-memory GB");

  auto began = std::chrono::steady_clock::now();
  auto policy = strategy::make_policy(s.strategy, s);
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
  result.totals.resize(R);
  result.outcomes.resize(static_cast<std::size_t>(R) * C);
  result.channel_overhead.assign(s.channels.size(), std::vector<double>(R));
  std::vector<int> scenario_channel(p.channels.size());
  for (std::size_t n = 0; n < p.channels.size(); ++n) scenario_channel[n] = s.channel_index(p.channels[n].id);

  std::vector<experiment::ExactSum> flow_sums(o.record_flows ? p.edges.size() * p.slots : 0);
  std::vector<experiment::ExactSum> series_sums(static_cast<std::size_t>(p.months) * sim::kSeriesCount);
  std::mutex merge;
  const int blocks = (R + o.block_size - 1) / o.block_size;

  auto run_block = [&](int b) {
    const int first = b * o.block_size;
    const int n = std::min(o.block_size, R - first);
    sim::MoneyKernel kernel(s, p, *policy, o.record_flows);
    kernel.reset(n);
    kernel.run();
    const int last_month = p.months - 1;
    sim::Row pipeline = kernel.in_pipeline();
    sim::Row unreleased = kernel.unreleased_base(last_month);
    sim::Row reserves = kernel.reserves_base(last_month);
    sim::Row lapsed = kernel.lapsed_base(last_month);
    for (int i = 0; i < n; ++i) {
      ReplicaTotals& t = result.totals[first + i];
      t.appropriated = kernel.appropriated_base();
      t.released = kernel.released_base()(i);
      t.overhead = sim::column_sum(kernel.overhead(), i);
      t.spent = sim::column_sum(kernel.spent(), i);
      t.in_pipeline = pipeline(i);
      t.unreleased = unreleased(i);
      t.reserves = reserves(i);
      t.lapsed = lapsed(i);
      t.conservation_error = kernel.max_relative_error()(i);
      for (int c = 0; c < C; ++c) {
        CountryOutcome& out = result.outcomes[static_cast<std::size_t>(first + i) * C + c];
        for (int q = 0; q < kPillars; ++q) out.spent[q] = kernel.spent()(c * kPillars + q, i);
        out.conflict_months = kernel.conflict_months()(c, i);
        out.relapses = kernel.relapses()(c, i);
        out.unmet_need_person_months = kernel.unmet_need()(c, i);
        out.people_reached = kernel.people_reached()(c, i);
        out.peace_at_horizon = kernel.countries().phase(c, i) != static_cast<int>(Phase::conflict);
      }
      for (std::size_t ch = 0; ch < p.channels.size(); ++ch)
        result.channel_overhead[scenario_channel[ch]][first + i] = kernel.overhead()(ch, i);
    }
    std::lock_guard<std::mutex> lock(merge);
    for (std::size_t row = 0; row < flow_sums.size(); ++row)
      for (int i = 0; i < n; ++i) flow_sums[row].add(kernel.flows()(row, i));
    for (std::size_t row = 0; row < series_sums.size(); ++row)
      for (int i = 0; i < n; ++i) series_sums[row].add(kernel.series()(row, i));
  };

  tbb::task_arena arena(result.threads);
  arena.execute([&] { tbb::parallel_for(0, blocks, run_block); });

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
  for (int t = 0; t < p.months; ++t) {
    auto mean = [&](int series) { return series_sums[static_cast<std::size_t>(t) * sim::kSeriesCount + series].value() / R; };
    MonthRow m;
    m.month = YearMonth{p.start.index + t};
    m.released = mean(sim::kReleased);
    m.overhead = mean(sim::kOverhead);
    m.in_pipeline = mean(sim::kInPipeline);
    for (int q = 0; q < kPillars; ++q) m.spent[q] = mean(sim::kSpentHumanitarian + q);
    result.timeseries.push_back(m);
  }
  result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - began).count();
  return result;
}

}  // namespace pbflow
