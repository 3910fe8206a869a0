#include "funding_graph.h"

#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/topological_sort.hpp>

#include <algorithm>
#include <functional>

namespace pbflow::network {

namespace {

using Graph = boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS>;

// Channel-to-channel edges: `to:` (untagged) and `passes:` (sub-grants).
Graph channel_graph(const Scenario& s) {
  Graph g(s.channels.size());
  for (std::size_t n = 0; n < s.channels.size(); ++n) {
    const Channel& c = s.channels[n];
    if (c.to)
      for (const auto& [id, share] : *c.to) boost::add_edge(n, s.channel_index(id), g);
    for (const auto& [id, share] : c.passes) boost::add_edge(n, s.channel_index(id), g);
  }
  return g;
}

// Depth-first search for one cycle, returned as channel indices (first = last).
std::vector<int> find_cycle(const Graph& g) {
  std::size_t n = boost::num_vertices(g);
  std::vector<int> state(n, 0), parent(n, -1);
  std::vector<int> cycle;
  std::function<bool(int)> visit = [&](int v) {
    state[v] = 1;
    for (auto [it, end] = boost::adjacent_vertices(v, g); it != end; ++it) {
      int w = static_cast<int>(*it);
      if (state[w] == 1) {
        cycle.push_back(w);
        for (int x = v; x != w; x = parent[x]) cycle.push_back(x);
        cycle.push_back(w);
        std::reverse(cycle.begin(), cycle.end());
        return true;
      }
      if (state[w] == 0) {
        parent[w] = v;
        if (visit(w)) return true;
      }
    }
    state[v] = 2;
    return false;
  };
  for (std::size_t v = 0; v < n; ++v)
    if (state[v] == 0 && visit(static_cast<int>(v))) break;
  return cycle;
}

}  // namespace

FundingNetwork build_network(const Scenario& s) {
  FundingNetwork net;
  const std::size_t n_channels = s.channels.size();
  Graph g = channel_graph(s);

  std::vector<Graph::vertex_descriptor> reversed;
  try {
    boost::topological_sort(g, std::back_inserter(reversed));
  } catch (const boost::not_a_dag&) {
    std::vector<int> cycle = find_cycle(g);
    std::string path;
    for (std::size_t i = 0; i < cycle.size(); ++i) path += (i ? " -> " : "") + s.channels[cycle[i]].id;
    const Channel& first = s.channels[cycle.front()];
    throw InputError(first.where, "channels." + first.id,
                     "money flows in a cycle: " + path + " (via `to:` or `passes:`)");
  }
  net.channel_order.assign(reversed.rbegin(), reversed.rend());

  // What can reach each channel: earmarked pillars and untagged money.
  net.earmarked_pillars.assign(n_channels, {false, false, false});
  net.arriving_pillars.assign(n_channels, {false, false, false});
  net.receives_untagged.assign(n_channels, false);
  for (const Donor& d : s.donors)
    for (const BudgetLine& line : d.lines) {
      if (line.to)
        for (const auto& [id, share] : *line.to) net.receives_untagged[s.channel_index(id)] = true;
      for (int p = 0; p < kPillars; ++p)
        if (line.deliver[p])
          for (const auto& [id, share] : *line.deliver[p]) {
            net.earmarked_pillars[s.channel_index(id)][p] = true;
            net.arriving_pillars[s.channel_index(id)][p] = true;
          }
    }
  // A supplementary budget earmarked to a country is earmarked money too.
  auto earmarked = [&](const ShareMap& mix, Pillar pillar) {
    for (const auto& [id, share] : mix) {
      net.earmarked_pillars[s.channel_index(id)][static_cast<int>(pillar)] = true;
      net.arriving_pillars[s.channel_index(id)][static_cast<int>(pillar)] = true;
    }
  };
  for (const Shock& k : s.shocks)
    if (k.kind == ShockKind::supplementary && k.deliver) earmarked(*k.deliver, k.pillar);
  for (const Donor& d : s.donors)
    for (const Supplementary& sp : d.budget.supplementary)
      if (sp.deliver) earmarked(*sp.deliver, sp.pillar);
  for (int n : net.channel_order) {
    const Channel& c = s.channels[n];
    if (net.receives_untagged[n]) {
      if (c.to) {
        for (const auto& [id, share] : *c.to) net.receives_untagged[s.channel_index(id)] = true;
      } else if (c.core) {
        for (int p = 0; p < kPillars; ++p)
          if (c.core->pillar_weights[p] > 0) net.earmarked_pillars[n][p] = true;
      } else {
        throw InputError(c.where, "channels." + c.id,
                         "unearmarked (core) money reaches this channel, but it has neither `to:` nor "
                         "`core:` to say where it goes");
      }
    }
    for (const auto& [id, share] : c.passes) {
      int m = s.channel_index(id);
      for (int p = 0; p < kPillars; ++p) {
        if (!net.earmarked_pillars[n][p]) continue;
        if (!s.channels[m].mandate.allows(static_cast<Pillar>(p)))
          throw InputError(c.where, "channels." + c.id + ".passes." + id,
                           std::string("sub-grants would carry money earmarked for ") + to_string(static_cast<Pillar>(p)) +
                               " to `" + id + "`, whose mandate does not cover " + to_string(static_cast<Pillar>(p)));
        net.earmarked_pillars[m][p] = true;
        net.arriving_pillars[m][p] = true;
      }
    }
  }
  for (std::size_t n = 0; n < n_channels; ++n) {
    const auto& a = net.arriving_pillars[n];
    if (!s.channels[n].mandate.countries.empty() && (a[0] || a[1] || a[2]))
      throw InputError(s.channels[n].where, "channels." + s.channels[n].id + ".mandate.countries",
                       "money earmarked to any country can reach this channel, but its mandate names only some "
                       "countries; fund it with core money (`to:`) instead");
  }
  for (std::size_t n = 0; n < n_channels; ++n) {
    const auto& e = net.earmarked_pillars[n];
    if (!net.receives_untagged[n] && !e[0] && !e[1] && !e[2])
      net.warnings.push_back(s.channels[n].where.str() + ": channels." + s.channels[n].id +
                             ": no money can reach this channel; it stays empty");
  }
  trace_activities(s, net);
  return net;
}

std::vector<std::vector<std::string>> donor_to_programme_paths(const Scenario& s, const std::string& iso3,
                                                                Pillar pillar, std::size_t limit) {
  build_network(s);  // refuses cyclic networks, so the walk below terminates
  const int p = static_cast<int>(pillar);
  const std::string target = iso3 + "." + to_string(pillar);
  std::vector<std::vector<std::string>> paths;
  std::vector<std::string> route;
  // Walk from channel n carrying money that is already earmarked (or not).
  std::function<void(int, bool)> walk = [&](int n, bool earmarked) {
    if (paths.size() >= limit) return;
    const Channel& c = s.channels[n];
    route.push_back(c.id);
    const auto& allowed = c.mandate.countries;
    const bool country_ok = allowed.empty() || std::find(allowed.begin(), allowed.end(), iso3) != allowed.end();
    bool can_earmark_here = !earmarked && c.core && c.core->pillar_weights[p] > 0 && country_ok;
    if (earmarked || can_earmark_here) {
      paths.push_back(route);
      paths.back().push_back(target);
      for (const auto& [id, share] : c.passes) walk(s.channel_index(id), true);
    }
    if (!earmarked && c.to)
      for (const auto& [id, share] : *c.to) walk(s.channel_index(id), false);
    route.pop_back();
  };
  for (const Donor& d : s.donors)
    for (const BudgetLine& line : d.lines) {
      route = {d.id + "/" + line.id};
      if (line.to)
        for (const auto& [id, share] : *line.to) walk(s.channel_index(id), false);
      if (line.deliver[p])
        for (const auto& [id, share] : *line.deliver[p]) walk(s.channel_index(id), true);
    }
  return paths;
}

}  // namespace pbflow::network
