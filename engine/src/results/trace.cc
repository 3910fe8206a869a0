// `pbflow trace`: the route table, trace.csv and trace.json.
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>
#include <map>
#include <sstream>

#include "pbflow/results_io.h"
#include "pbflow/trace.h"
#include "results/csv.h"
#include "results/output_folder.h"

namespace pbflow {

double TraceRoute::overhead() const {
  double sum = 0.0;
  for (const TraceHop& hop : hops) sum += hop.overhead;
  return sum;
}

bool TraceRoute::reaches_local() const {
  return std::any_of(hops.begin(), hops.end(), [](const TraceHop& hop) { return hop.local; });
}

namespace {

std::string millions(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", v / 1e6);
  return buf;
}

std::string percent(double part, double whole) {
  const double share = whole > 0.0 ? 100.0 * part / whole : 0.0;
  if (share > 0.0 && share < 0.5) return "<1%";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.0f%%", share);
  return buf;
}

// "untfhs* > unicef* > local_partners": a star marks a channel that
// received untagged (core) money; the last starred one earmarked it.
std::string route_text(const TraceRoute& route) {
  std::string out;
  for (const TraceHop& hop : route.hops) out += (out.empty() ? "" : " > ") + hop.channel + (hop.core ? "*" : "");
  return out;
}

std::string country_name(const std::string& iso3, const Scenario* s) {
  if (s)
    for (const Country& c : s->countries)
      if (c.iso3 == iso3 && c.name != iso3) return iso3 + " (" + c.name + ")";
  return iso3;
}

// Routes added up, for a budget line's subtotal and the routes not shown.
struct RouteSum {
  double entered = 0.0, overhead = 0.0, in_pipeline = 0.0, spent = 0.0;
  int routes = 0;
  void add(const TraceRoute& r) {
    entered += r.entered;
    overhead += r.overhead();
    in_pipeline += r.in_pipeline;
    spent += r.spent;
    ++routes;
  }
};

std::vector<const TraceRoute*> routes_of(const TraceResult& t, const TraceProgramme& p) {
  std::vector<const TraceRoute*> out;
  for (const TraceRoute& r : t.routes)
    if (r.country == p.country && r.pillar == p.pillar && r.purpose == p.purpose) out.push_back(&r);
  return out;
}

void programme_table(std::ostringstream& s, const TraceResult& t, const TraceProgramme& p, int top) {
  s << p.country << " " << to_string(p.pillar) << (p.purpose ? " " + std::to_string(p.purpose) : "") << ": spent " << millions(p.spent) << " (its routes: "
    << millions(p.routes_spent) << ")\n";
  const std::vector<const TraceRoute*> routes = routes_of(t, p);
  if (routes.empty()) {
    s << "  No money reached this programme by any route.\n\n";
    return;
  }
  s << "  entered " << millions(p.entered) << " = overhead " << millions(p.overhead) << " + in pipelines "
    << millions(p.in_pipeline) << " + spent " << millions(p.routes_spent);
  char lag[64];
  std::snprintf(lag, sizeof lag, "; money-weighted lag %.1f months\n", p.lag_months);
  s << lag << "  Spending by intermediaries on its route:";
  for (std::size_t k = 1; k < p.spent_by_intermediaries.size(); ++k)
    if (p.spent_by_intermediaries[k] > 0.0)
      s << " " << k << (k == 1 ? " channel " : " channels ") << percent(p.spent_by_intermediaries[k], p.routes_spent) << ";";
  s << (t.local_channels ? " reached local partners: " + percent(p.spent_via_local, p.routes_spent) + "\n"
                         : " (no channel is marked `local: true`, so the share reaching local partners is not known)\n");
  // The largest routes by money entered; the rest of each line summed.
  std::vector<const TraceRoute*> ranked = routes;
  std::stable_sort(ranked.begin(), ranked.end(), [](const TraceRoute* a, const TraceRoute* b) { return a->entered > b->entered; });
  if (top > 0 && static_cast<int>(ranked.size()) > top) ranked.resize(top);
  char row[512];
  std::snprintf(row, sizeof row, "  %-56s %9s %9s %9s %9s %6s\n", "budget line, then its routes", "entered", "overhead",
                "pipelines", "spent", "lag");
  s << row;
  std::vector<std::string> lines;
  for (const TraceRoute* r : routes)
    if (std::find(lines.begin(), lines.end(), r->line) == lines.end()) lines.push_back(r->line);
  for (const std::string& line : lines) {
    RouteSum sum, hidden;
    for (const TraceRoute* r : routes) {
      if (r->line != line) continue;
      sum.add(*r);
      if (std::find(ranked.begin(), ranked.end(), r) == ranked.end()) hidden.add(*r);
    }
    std::snprintf(row, sizeof row, "  %-56s %9s %9s %9s %9s\n", line.c_str(), millions(sum.entered).c_str(),
                  millions(sum.overhead).c_str(), millions(sum.in_pipeline).c_str(), millions(sum.spent).c_str());
    s << row;
    for (const TraceRoute* r : routes) {
      if (r->line != line || std::find(ranked.begin(), ranked.end(), r) == ranked.end()) continue;
      std::snprintf(row, sizeof row, "    %-54s %9s %9s %9s %9s %6.1f\n", route_text(*r).c_str(), millions(r->entered).c_str(),
                    millions(r->overhead()).c_str(), millions(r->in_pipeline).c_str(), millions(r->spent).c_str(),
                    r->lag_months);
      s << row;
    }
    if (hidden.routes > 0) {
      const std::string more = std::string("(") + std::to_string(hidden.routes) + (hidden.routes == 1 ? " more route)" : " more routes)");
      std::snprintf(row, sizeof row, "    %-54s %9s %9s %9s %9s\n", more.c_str(), millions(hidden.entered).c_str(),
                    millions(hidden.overhead).c_str(), millions(hidden.in_pipeline).c_str(), millions(hidden.spent).c_str());
      s << row;
    }
  }
  s << "\n";
}

}  // namespace

std::string trace_table(const TraceResult& t, const Scenario* scenario, int top) {
  std::ostringstream s;
  std::vector<std::string> countries;
  for (const TraceProgramme& p : t.programmes)
    if (std::find(countries.begin(), countries.end(), p.country) == countries.end()) countries.push_back(p.country);
  std::string who;
  for (const std::string& c : countries) who += (who.empty() ? "" : ", ") + country_name(c, scenario);
  s << "Where the money for " << who << " went: means over " << t.run.replicas << " replicas, " << t.run.currency
    << " m over " << t.run.months << " months from " << t.run.start.str() << ".\n"
    << "Each route: its budget line, then the channels in order. * core money, untagged when it arrived; the\n"
    << "last starred channel earmarked it, and the overhead core money paid before is shared in proportion.\n\n";
  for (const TraceProgramme& p : t.programmes) programme_table(s, t, p, top);
  if (t.pending_core > 0.0)
    s << "Core money still held, untagged, by channels that could earmark it to these programmes: "
      << millions(t.pending_core) << "\n(it may yet go to other countries; it has paid " << millions(t.pending_core_overhead)
      << " overhead so far).\n";
  return s.str();
}

void write_trace_csv(const TraceResult& t, std::ostream& out) {
  results::CsvWriter csv(out);
  for (const char* h : {"country", "pillar", "purpose", "line", "route", "intermediaries", "reaches_local", "core_hops",
                        "entered_" , "overhead_", "in_pipeline_", "spent_", "lag_months", "overhead_by_hop"}) {
    const std::string name = h;
    csv.text(name.back() == '_' ? name + t.run.currency : name);
  }
  csv.end_row();
  for (const TraceRoute& r : t.routes) {
    int core = 0;
    std::string by_hop;
    for (const TraceHop& hop : r.hops) {
      core += hop.core ? 1 : 0;
      char amount[64];
      std::snprintf(amount, sizeof amount, "%.17g", hop.overhead);
      by_hop += (by_hop.empty() ? "" : ";") + hop.channel + "=" + amount;
    }
    csv.text(r.country).text(to_string(r.pillar)).text(r.purpose ? std::to_string(r.purpose) : "").text(r.line).text(route_text(r)).integer(r.intermediaries());
    csv.text(r.reaches_local() ? "true" : "false").integer(core);
    csv.number(r.entered).number(r.overhead()).number(r.in_pipeline).number(r.spent).number(r.lag_months).text(by_hop);
    csv.end_row();
  }
}

void write_trace_json(const TraceResult& t, std::ostream& out) {
  nlohmann::ordered_json j;
  j["scenario"] = t.run.scenario;
  j["currency"] = t.run.currency;
  j["replicas"] = t.run.replicas;
  j["seed"] = t.run.seed;
  j["start"] = t.run.start.str();
  j["months"] = t.run.months;
  j["local_channels"] = t.local_channels;
  j["programmes"] = nlohmann::ordered_json::array();
  for (const TraceProgramme& p : t.programmes) {
    nlohmann::ordered_json by_k = nlohmann::ordered_json::object();
    for (std::size_t k = 1; k < p.spent_by_intermediaries.size(); ++k) by_k[std::to_string(k)] = p.spent_by_intermediaries[k];
    j["programmes"].push_back({{"country", p.country}, {"pillar", to_string(p.pillar)},
                               {"purpose", p.purpose ? nlohmann::ordered_json(p.purpose) : nullptr}, {"spent", p.spent},
                               {"routes_spent", p.routes_spent}, {"entered", p.entered}, {"overhead", p.overhead},
                               {"in_pipeline", p.in_pipeline}, {"lag_months", p.lag_months},
                               {"spent_by_intermediaries", by_k},
                               {"spent_via_local", t.local_channels ? nlohmann::ordered_json(p.spent_via_local) : nullptr}});
  }
  j["routes"] = nlohmann::ordered_json::array();
  for (const TraceRoute& r : t.routes) {
    nlohmann::ordered_json hops = nlohmann::ordered_json::array();
    for (const TraceHop& h : r.hops)
      hops.push_back({{"channel", h.channel}, {"core", h.core}, {"local", h.local}, {"overhead", h.overhead}});
    j["routes"].push_back({{"country", r.country}, {"pillar", to_string(r.pillar)},
                           {"purpose", r.purpose ? nlohmann::ordered_json(r.purpose) : nullptr}, {"line", r.line}, {"hops", hops},
                           {"entered", r.entered}, {"overhead", r.overhead()}, {"in_pipeline", r.in_pipeline},
                           {"spent", r.spent}, {"lag_months", r.lag_months}});
  }
  j["empty_routes"] = t.empty_routes;
  j["pending_core"] = {{"money", t.pending_core}, {"overhead", t.pending_core_overhead}};
  out << j.dump(2) << "\n";
}

void write_trace_outputs(const TraceResult& t, const std::string& dir) {
  results::OutputFolder folder(dir);
  folder.write("trace.json", [&](std::ostream& out) { write_trace_json(t, out); });
  folder.write("trace.csv", [&](std::ostream& out) { write_trace_csv(t, out); });
  folder.commit();
}

}  // namespace pbflow
