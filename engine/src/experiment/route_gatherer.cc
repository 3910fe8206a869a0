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

std::vector<int> traced_programmes(const Scenario& s, const TraceOptions& options) {
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
  for (int c : countries)
    for (int p = 0; p < kPillars; ++p)
      if (!options.pillar || static_cast<int>(*options.pillar) == p) programmes.push_back(c * kPillars + p);
  return programmes;
}

RouteGatherer::RouteGatherer(const Scenario& s, const plan::FlowPlan& p, std::vector<int> programmes, int replicas)
    : s_(s), p_(p), map_(p, programmes), replicas_(replicas),
      tallies_(map_.routes().size() * static_cast<std::size_t>(replicas)),
      pending_(replicas, 0.0), pending_overhead_(replicas, 0.0) {}

void RouteGatherer::run_block(sim::BlockSimulation& block, int first, int n) {
  sim::RouteTracer tracer(map_);
  tracer.reset(sim::padded_replicas(n));
  block.watch(&tracer);
  block.run(n, first);
  block.watch(nullptr);
  const auto& routes = map_.routes();
  for (std::size_t i = 0; i < routes.size(); ++i)
    for (int r = 0; r < n; ++r) tallies_[i * replicas_ + first + r] = tracer.tally(routes[i], r);
  for (int r = 0; r < n; ++r) std::tie(pending_[first + r], pending_overhead_[first + r]) = tracer.pending_core(r);
}

TraceResult RouteGatherer::finish(RunResult run) const {
  TraceResult out;
  const auto& nodes = map_.nodes();
  const auto& routes = map_.routes();
  const double R = replicas_;
  for (const plan::ChannelPlan& ch : p_.channels) out.local_channels = out.local_channels || ch.local;
  // Means over replicas, each a sum in replica order.
  std::vector<TraceRoute> by_programme;
  for (int programme : map_.programmes()) {
    TraceProgramme summary;
    summary.country = s_.countries[programme / kPillars].iso3;
    summary.pillar = static_cast<Pillar>(programme % kPillars);
    for (int r = 0; r < replicas_; ++r) summary.spent += run.outcome(r, programme / kPillars).spent[programme % kPillars];
    summary.spent /= R;
    double lag_weighted = 0.0;
    for (std::size_t i = 0; i < routes.size(); ++i) {
      const sim::RouteNode& end = nodes[routes[i]];
      if (end.programme != programme) continue;
      TraceRoute route;
      route.country = summary.country;
      route.pillar = summary.pillar;
      route.line = p_.lines[end.line].label;
      for (int n : map_.path(routes[i])) {
        if (nodes[n].earmark_point) continue;  // the core hop before it, at the same channel
        const plan::ChannelPlan& ch = p_.channels[nodes[n].channel];
        route.hops.push_back({ch.id, !nodes[n].tagged(), ch.local, 0.0});
      }
      double route_lag = 0.0;
      for (int r = 0; r < replicas_; ++r) {
        const sim::RouteTally& t = tallies_[i * replicas_ + r];
        route.entered += t.entered;
        route.spent += t.spent;
        route.in_pipeline += t.in_pipeline;
        route_lag += t.lag_weighted;
        for (std::size_t h = 0; h < route.hops.size(); ++h) route.hops[h].overhead += t.overhead[h];
      }
      if (route.entered == 0.0) {
        ++out.empty_routes;
        continue;
      }
      route.lag_months = route.spent > 0.0 ? route_lag / route.spent : 0.0;
      lag_weighted += route_lag / R;
      route.entered /= R;
      route.spent /= R;
      route.in_pipeline /= R;
      for (TraceHop& hop : route.hops) hop.overhead /= R;
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
  for (int r = 0; r < replicas_; ++r) {
    out.pending_core += pending_[r];
    out.pending_core_overhead += pending_overhead_[r];
  }
  out.pending_core /= R;
  out.pending_core_overhead /= R;
  out.run = std::move(run);
  return out;
}

}  // namespace experiment
}  // namespace pbflow
