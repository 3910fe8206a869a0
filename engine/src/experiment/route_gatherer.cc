#include "experiment/route_gatherer.h"

#include <algorithm>
#include <cctype>

#include "pbflow/errors.h"
#include "scenario/iso3166.h"
#include "sim/tiled_money.h"

namespace pbflow {

namespace experiment {

namespace {

std::string upper(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::toupper(c); });
  return text;
}

// A country the scenario lacks: its codes, and the one meant if the text
// is a country's name (the scenario's own or the ISO 3166 English name).
[[noreturn]] void unknown_country(const Scenario& s, const std::string& text) {
  std::string codes, meant;
  for (const Country& c : s.countries) {
    codes += (codes.empty() ? "" : ", ") + c.iso3;
    if (upper(c.name) == upper(text) || upper(scenario::iso3166_name(c.iso3)) == upper(text)) meant = c.iso3;
  }
  std::string message = "the scenario has no country `" + text + "`";
  if (!meant.empty()) message += " (did you mean `" + meant + "`?)";
  else if (const std::string hint = scenario::iso3166_suggestion(text); !hint.empty() && upper(text) != text)
    message += hint;
  throw InputError({s.file, 0, 0}, "--country", message + "; its countries are " + codes);
}

}  // namespace

std::vector<int> traced_programmes(const Scenario& s, const plan::FlowPlan& plan, const TraceOptions& options) {
  std::vector<int> countries;
  for (const std::string& text : options.countries) {
    const int c = s.country_index(upper(text));
    if (c < 0) unknown_country(s, text);
    countries.push_back(c);
  }
  if (options.countries.empty())
    for (int c = 0; c < static_cast<int>(s.countries.size()); ++c) countries.push_back(c);
  std::sort(countries.begin(), countries.end());
  countries.erase(std::unique(countries.begin(), countries.end()), countries.end());
  std::vector<int> programmes;
  // Each country's programmes: its pillars' general ones, then its purpose codes'.
  for (int c : countries)
    for (int a = 0; a < plan.activities(); ++a) {
      const int programme = plan.programme(c, a);
      if (!options.pillar || static_cast<int>(*options.pillar) == plan.pillar_of(programme)) programmes.push_back(programme);
    }
  return programmes;
}

namespace {

constexpr std::size_t kEntered = 0, kInPipeline = 1, kSpent = 2, kLag = 3, kFirstOverhead = 4;

}  // namespace

RouteGatherer::RouteGatherer(const Scenario& s, const plan::FlowPlan& p, std::vector<int> programmes)
    : s_(s), p_(p), map_(p, programmes) {
  std::size_t at = 0;
  for (int route : map_.routes()) {
    first_sum_.push_back(at);
    at += kFirstOverhead + map_.path(route).size();
  }
  sums_.resize(at + 2);
}

bool RouteGatherer::run_block(sim::BlockSimulation& block, int first, int n, const std::atomic<bool>* stop) {
  sim::RouteTracer tracer(map_);
  tracer.reset(sim::padded_replicas(n));
  block.watch(&tracer);
  const bool finished = block.run(n, first, stop);
  block.watch(nullptr);
  if (!finished) return false;
  // The block's sums first, outside the lock (exact sums merge exactly).
  std::vector<ExactSum> sums(sums_.size());
  const auto& routes = map_.routes();
  for (std::size_t i = 0; i < routes.size(); ++i)
    for (int r = 0; r < n; ++r) {
      const sim::RouteTally t = tracer.tally(routes[i], r);
      ExactSum* at = &sums[first_sum_[i]];
      at[kEntered].add(t.entered);
      at[kInPipeline].add(t.in_pipeline);
      at[kSpent].add(t.spent);
      at[kLag].add(t.lag_weighted);
      for (std::size_t h = 0; h < t.overhead.size(); ++h) at[kFirstOverhead + h].add(t.overhead[h]);
    }
  for (int r = 0; r < n; ++r) {
    const auto [money, overhead] = tracer.pending_core(r);
    sums[sums.size() - 2].add(money);
    sums[sums.size() - 1].add(overhead);
  }
  std::lock_guard<std::mutex> lock(merge_);
  for (std::size_t k = 0; k < sums.size(); ++k) sums_[k] += sums[k];
  return true;
}

TraceResult RouteGatherer::finish(RunResult run) const {
  TraceResult out;
  const auto& nodes = map_.nodes();
  const auto& routes = map_.routes();
  const double R = std::max(1, run.replicas);
  for (const plan::ChannelPlan& ch : p_.channels) out.local_channels = out.local_channels || ch.local;
  for (int programme : map_.programmes()) {
    TraceProgramme summary;
    const int c = p_.country_of(programme), pillar = p_.pillar_of(programme);
    const PurposeCode* purpose = p_.purpose_of(programme);
    summary.country = s_.countries[c].iso3;
    summary.pillar = static_cast<Pillar>(pillar);
    summary.purpose = purpose ? purpose->code : 0;
    // A pillar's spending in the outcomes includes its purpose codes'.
    const int K = static_cast<int>(p_.purposes.size());
    for (int r = 0; r < run.replicas; ++r) {
      const double* coded = run.purpose_spent.data() + static_cast<std::size_t>(r) * run.purposes.size() + c * K;
      if (purpose) {
        summary.spent += coded[p_.activity_of(programme) - kPillars];
        continue;
      }
      summary.spent += run.outcome(r, c).spent[pillar];
      for (int k = 0; k < K; ++k)
        if (static_cast<int>(p_.purposes[k].pillar) == pillar) summary.spent -= coded[k];
    }
    summary.spent /= R;
    double lag_weighted = 0.0;
    for (std::size_t i = 0; i < routes.size(); ++i) {
      const sim::RouteNode& end = nodes[routes[i]];
      if (end.programme != programme) continue;
      const ExactSum* at = &sums_[first_sum_[i]];
      TraceRoute route;
      route.country = summary.country;
      route.pillar = summary.pillar;
      route.purpose = summary.purpose;
      route.line = p_.lines[end.line].label;
      std::size_t hop = 0;
      for (int n : map_.path(routes[i])) {
        if (nodes[n].earmark_point) continue;  // the core hop before it, at the same channel
        const plan::ChannelPlan& ch = p_.channels[nodes[n].channel];
        route.hops.push_back({ch.id, !nodes[n].tagged(), ch.local, at[kFirstOverhead + hop++].value() / R});
      }
      route.entered = at[kEntered].value() / R;
      if (route.entered == 0.0) {
        ++out.empty_routes;
        continue;
      }
      route.spent = at[kSpent].value() / R;
      route.in_pipeline = at[kInPipeline].value() / R;
      const double lag = at[kLag].value() / R;
      route.lag_months = route.spent > 0.0 ? lag / route.spent : 0.0;
      lag_weighted += lag;
      summary.entered += route.entered;
      summary.overhead += route.overhead();
      summary.in_pipeline += route.in_pipeline;
      summary.routes_spent += route.spent;
      if (summary.spent_by_intermediaries.size() <= route.hops.size()) summary.spent_by_intermediaries.resize(route.hops.size() + 1, 0.0);
      summary.spent_by_intermediaries[route.hops.size()] += route.spent;
      if (route.reaches_local()) summary.spent_via_local += route.spent;
      out.routes.push_back(std::move(route));
    }
    summary.lag_months = summary.routes_spent > 0.0 ? lag_weighted / summary.routes_spent : 0.0;
    out.programmes.push_back(std::move(summary));
  }
  out.pending_core = sums_[sums_.size() - 2].value() / R;
  out.pending_core_overhead = sums_[sums_.size() - 1].value() / R;
  out.run = std::move(run);
  return out;
}

}  // namespace experiment
}  // namespace pbflow
