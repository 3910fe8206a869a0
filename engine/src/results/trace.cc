#include <cstdio>
#include <map>

#include "pbflow/results_io.h"

namespace pbflow {

namespace {

std::string millions(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", v / 1e6);
  return buf;
}

}  // namespace

std::string trace_table(const RunResult& r, const std::vector<std::vector<std::string>>& paths,
                        const std::string& iso3, Pillar pillar) {
  const std::string pillar_name = to_string(pillar);
  // Money on each edge for this earmark, and untagged (core) money.
  std::map<std::pair<std::string, std::string>, double> earmarked, core;
  for (const auto& f : r.flows) {
    if (f.country.empty()) core[{f.from, f.to}] += f.amount;
    if (f.country == iso3 && f.pillar == pillar_name) earmarked[{f.from, f.to}] += f.amount;
  }
  double spent = 0.0;
  int c = -1;
  for (std::size_t i = 0; i < r.countries.size(); ++i)
    if (r.countries[i] == iso3) c = static_cast<int>(i);
  if (c >= 0)
    for (int i = 0; i < r.replicas; ++i) spent += r.outcome(i, c).spent[static_cast<int>(pillar)] / r.replicas;

  std::string out = "Where money for " + iso3 + " " + pillar_name + " went: means over " +
                    std::to_string(r.replicas) + " replicas, " + r.currency + " m over " + std::to_string(r.months) +
                    " months from " + r.start.str() + ".\n";
  out += "Spent by the programme: " + millions(spent) + "\n";
  if (paths.empty()) return out + "No route leads money to this programme.\n";
  out += "Each route, with the money on each hop (\"core\": not yet earmarked, for every country):\n";
  int n = 1;
  for (const auto& path : paths) {
    std::string line = "  " + std::to_string(n++) + ". " + path.front();
    for (std::size_t k = 1; k < path.size(); ++k) {
      const std::pair<std::string, std::string> edge{path[k - 1], path[k]};
      std::string hop;
      if (auto e = earmarked.find(edge); e != earmarked.end())
        hop = millions(e->second);
      else if (auto u = core.find(edge); u != core.end())
        hop = "core " + millions(u->second);
      else
        hop = "0.0";
      line += " -[" + hop + "]-> " + path[k];
    }
    out += line + "\n";
  }
  return out;
}

}  // namespace pbflow
