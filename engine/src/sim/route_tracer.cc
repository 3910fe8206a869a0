#include "sim/route_tracer.h"

#include <algorithm>
#include <cassert>

namespace pbflow::sim {

namespace {

constexpr int kMoney = 0, kVintage = 1, kFirstBorne = 2;

}  // namespace

RouteMap::RouteMap(const plan::FlowPlan& plan, const std::vector<int>& programmes)
    : plan_(plan), programmes_(programmes), traced_(plan.programmes, false), at_channel_(plan.channels.size()) {
  for (int programme : programmes) traced_[programme] = true;
  for (int l = 0; l < static_cast<int>(plan.lines.size()); ++l) {
    const plan::LinePlan& line = plan.lines[l];
    for (int programme : programmes) {
      const int pillar = plan.pillar_of(programme);
      if (line.earmark >= 0 && (plan.country_of(line.earmark) != plan.country_of(programme) ||
                                plan.pillar_of(line.earmark) != pillar))
        continue;
      if (!line.funds(pillar, plan.activity_of(programme))) continue;
      for (const plan::Target& target : line.deliver[pillar]) {
        const int node = add_tagged(l, -1, target.channel, programme, target.share, 1);
        roots_[{l, programme}].push_back({node, target.share});
      }
    }
    for (const plan::Target& target : line.to) {
      const int node = add_untagged(l, -1, target.channel, target.share, 1);
      if (node >= 0) roots_[{l, plan.untagged}].push_back({node, target.share});
    }
  }
  routes_to_.resize(plan.programmes);
  for (int n = 0; n < static_cast<int>(nodes_.size()); ++n) {
    if (nodes_[n].tagged()) {
      routes_.push_back(n);
      routes_to_[nodes_[n].programme].push_back(n);
    }
    if (!nodes_[n].earmark_point) at_channel_[nodes_[n].channel].push_back(n);
  }
}

int RouteMap::add_node(RouteNode node) {
  if (node.parent >= 0) nodes_[node.parent].children.push_back(static_cast<int>(nodes_.size()));
  nodes_.push_back(std::move(node));
  return static_cast<int>(nodes_.size()) - 1;
}

int RouteMap::add_tagged(int line, int parent, int channel, int programme, double share, int hops) {
  const plan::ChannelPlan& ch = plan_.channels[channel];
  assert(ch.row_of_slot[programme] >= 0);  // the network analysis puts the slot where money can arrive
  RouteNode node;
  node.channel = channel;
  node.parent = parent;
  node.line = line;
  node.programme = programme;
  node.share = share;
  node.hops = hops;
  node.stays = 1.0 - ch.passes_total;
  const int index = add_node(node);
  for (const plan::Target& target : ch.passes) add_tagged(line, index, target.channel, programme, target.share, hops + 1);
  return index;
}

// Untagged money leads to a traced programme through `to:` chains ending at
// a core channel; a prefix that leads to none is not kept.
int RouteMap::add_untagged(int line, int parent, int channel, double share, int hops) {
  const plan::ChannelPlan& ch = plan_.channels[channel];
  const std::size_t first = nodes_.size();
  RouteNode node;
  node.channel = channel;
  node.parent = -1;  // linked to its parent only if kept
  node.line = line;
  node.share = share;
  node.hops = hops;
  nodes_.push_back(node);
  const int index = static_cast<int>(first);
  bool leads = false;
  if (!ch.to.empty()) {
    for (const plan::Target& target : ch.to) leads = add_untagged(line, index, target.channel, target.share, hops + 1) >= 0 || leads;
  } else if (ch.has_core) {
    for (int programme : programmes_) {
      const int country = plan_.country_of(programme);
      const double pillar_share = ch.core_activities[plan_.activity_of(programme)];
      if (pillar_share <= 0.0 || (!ch.mandate_countries.empty() && !ch.mandate_countries[country])) continue;
      RouteNode point;
      point.channel = channel;
      point.parent = index;
      point.line = line;
      point.programme = programme;
      point.earmark_point = true;
      point.share = pillar_share;
      point.hops = hops;
      point.stays = 1.0 - ch.passes_total;
      const int at = add_node(point);
      for (const plan::Target& target : ch.passes) add_tagged(line, at, target.channel, programme, target.share, hops + 1);
      leads = true;
    }
  }
  if (!leads) {
    nodes_.resize(first);
    return -1;
  }
  if (parent >= 0) {
    nodes_[index].parent = parent;
    nodes_[parent].children.push_back(index);
  }
  return index;
}

const std::vector<std::pair<int, double>>& RouteMap::roots(int line, int slot) const {
  static const std::vector<std::pair<int, double>> none;
  auto it = roots_.find({line, slot});
  return it == roots_.end() ? none : it->second;
}

std::vector<int> RouteMap::path(int node) const {
  std::vector<int> out;
  for (int n = node; n >= 0; n = nodes_[n].parent) out.push_back(n);
  std::reverse(out.begin(), out.end());
  return out;
}

double RouteMap::share_reaching(int from, int to) const {
  double share = nodes_[to].stays;
  for (int n = to; n != from; n = nodes_[n].parent) share *= nodes_[n].share;
  return share;
}

RouteTracer::RouteTracer(const RouteMap& map) : map_(map), states_(map.nodes().size()) {}

void RouteTracer::reset(int replicas) {
  replicas_ = replicas;
  const auto& nodes = map_.nodes();
  for (std::size_t n = 0; n < nodes.size(); ++n) {
    const RouteNode& node = nodes[n];
    NodeState& state = states_[n];
    const std::size_t B = static_cast<std::size_t>(replicas);
    state.quantities = kFirstBorne + (node.tagged() ? 0 : node.hops);
    state.positions = node.earmark_point ? 0 : map_.plan().channels[node.channel].stages + 2;
    state.held.assign(static_cast<std::size_t>(state.positions) * state.quantities * B, 0.0);
    state.entered.assign(B, 0.0);
    state.overhead.assign(B, 0.0);
    state.borne_in.assign(node.earmark_point ? node.hops * B : 0, 0.0);
    for (auto* v : {&state.balance, &state.balance_v, &state.inflow, &state.inflow_v, &state.spent, &state.lag_weighted})
      v->assign(node.tagged() ? B : 0, 0.0);
  }
}

void RouteTracer::line_sent(int, int line, int slot, const Row& money, const Row& vintage) {
  for (const auto& [node, share] : map_.roots(line, slot)) {
    NodeState& state = states_[node];
    const int arrivals = state.positions - 1;
    double* m = state.at(arrivals, kMoney, replicas_);
    double* v = state.at(arrivals, kVintage, replicas_);
    for (int r = 0; r < replicas_; ++r) {
      m[r] = m[r] + share * money[r];
      v[r] = v[r] + share * vintage[r];
    }
  }
}

// The kernel's order (sim/channel_month.h): stages pass on, last first;
// arrivals pay overhead and enter the first stage (or ready money).
void RouteTracer::advance(int t, const RouteNode& node, NodeState& state) {
  const plan::ChannelPlan& ch = map_.plan().channels[node.channel];
  const int stages = ch.stages, ready = stages, arrivals = stages + 1;
  const double pass = ch.pass_fraction[t] > 0 ? ch.pass_fraction[t] : 1.0, keep = 1.0 - pass;
  const bool delayed = stages > 0 && ch.pass_fraction[t] > 0;
  const double overhead = ch.overhead[t];
  const int B = replicas_;
  {
    const double* __restrict a = state.at(arrivals, kMoney, B);
    double* __restrict entered = state.entered.data();
    for (int r = 0; r < B; ++r) entered[r] += a[r];
    if (overhead > 0.0) {
      double* __restrict taken = node.tagged() ? state.overhead.data() : state.at(arrivals, kFirstBorne + node.hops - 1, B);
      for (int r = 0; r < B; ++r) taken[r] += a[r] * overhead;
    }
  }
  for (int q = 0; q < state.quantities; ++q) {
    double* __restrict into = state.at(ready, q, B);
    if (stages > 0) {
      const double* __restrict last = state.at(stages - 1, q, B);
      for (int r = 0; r < B; ++r) into[r] += pass * last[r];
      for (int k = stages - 1; k >= 1; --k) {
        double* __restrict here = state.at(k, q, B);
        const double* __restrict before = state.at(k - 1, q, B);
        for (int r = 0; r < B; ++r) here[r] = here[r] * keep + pass * before[r];
      }
      double* __restrict first = state.at(0, q, B);
      for (int r = 0; r < B; ++r) first[r] *= keep;
    }
    double* __restrict in = state.at(arrivals, q, B);
    double* __restrict to = delayed ? state.at(0, q, B) : into;
    const double left = overhead > 0.0 && q < kFirstBorne ? 1.0 - overhead : 1.0;  // borne overhead is not paid again
    for (int r = 0; r < B; ++r) {
      to[r] += in[r] * left;
      in[r] = 0.0;
    }
  }
}

// Earmarked money leaving a node: its sub-grant partners' shares, and what
// stays to the programme by this route.
void RouteTracer::send_down(const RouteNode& node, const double* money, const double* vintage) {
  const auto& nodes = map_.nodes();
  const int self = static_cast<int>(&node - nodes.data());
  NodeState& state = states_[self];
  for (int child : node.children) {
    NodeState& to = states_[child];
    const int arrivals = to.positions - 1;
    double* m = to.at(arrivals, kMoney, replicas_);
    double* v = to.at(arrivals, kVintage, replicas_);
    for (int r = 0; r < replicas_; ++r) {
      m[r] += nodes[child].share * money[r];
      v[r] += nodes[child].share * vintage[r];
    }
  }
  for (int r = 0; r < replicas_; ++r) {
    state.inflow[r] += node.stays * money[r];
    state.inflow_v[r] += node.stays * vintage[r];
  }
}

void RouteTracer::disburse(int, const RouteNode& node, NodeState& state, const ChannelChoices& choices) {
  const plan::ChannelPlan& ch = map_.plan().channels[node.channel];
  const auto& nodes = map_.nodes();
  const int B = replicas_, ready = ch.stages;
  scratch_.assign(static_cast<std::size_t>(state.quantities) * B, 0.0);
  for (int q = 0; q < state.quantities; ++q) {
    double* held = state.at(ready, q, B);
    double* out = scratch_.data() + static_cast<std::size_t>(q) * B;
    for (int r = 0; r < B; ++r) {
      const double f = choices.disbursed_share ? choices.disbursed_share[r] : 1.0;
      const double share = node.tagged() ? f : f * choices.untagged_moves[r];
      out[r] = held[r] * share;
      held[r] = held[r] - out[r];
    }
  }
  const double* money = scratch_.data();
  const double* vintage = money + B;
  if (node.tagged()) {
    send_down(node, money, vintage);
    return;
  }
  if (!ch.to.empty()) {
    for (int child : node.children) {
      NodeState& to = states_[child];
      const int arrivals = to.positions - 1;
      for (int q = 0; q < state.quantities; ++q) {
        double* in = to.at(arrivals, q, B);
        for (int r = 0; r < B; ++r) in[r] += nodes[child].share * scratch_[static_cast<std::size_t>(q) * B + r];
      }
    }
    return;
  }
  // A core channel earmarks its untagged money by its country weights and
  // pillar shares; the overhead it bore goes with each part.
  std::vector<double> part_m(B), part_v(B);
  for (int child : node.children) {
    const RouteNode& point = nodes[child];
    NodeState& at = states_[child];
    const double* country = choices.core_country + static_cast<std::ptrdiff_t>(map_.plan().country_of(point.programme)) * B;
    for (int r = 0; r < B; ++r) {
      const double weight = point.share * country[r];
      part_m[r] = money[r] * weight;
      part_v[r] = vintage[r] * weight;
      double borne = 0.0;
      for (int h = 0; h < node.hops; ++h) {
        const double x = scratch_[static_cast<std::size_t>(kFirstBorne + h) * B + r] * weight;
        at.borne_in[static_cast<std::size_t>(h) * B + r] += x;
        borne += x;
      }
      at.entered[r] += part_m[r] + borne;
    }
    send_down(point, part_m.data(), part_v.data());
  }
}

void RouteTracer::channel_done(int t, int channel, const ChannelChoices& choices) {
  for (int n : map_.at_channel(channel)) {
    const RouteNode& node = map_.nodes()[n];
    advance(t, node, states_[n]);
    disburse(t, node, states_[n], choices);
  }
}

// Each route's share of its programme's balance and inflow is spent in the
// kernel's proportion (MoneyKernel::spend_programmes).
void RouteTracer::programmes_spend(int t, const Block& balance, const Block& inflow, const Block& capacity) {
  const int B = replicas_;
  std::vector<double> share(B);
  for (int programme : map_.programmes()) {
    for (int r = 0; r < B; ++r) {
      const double held = balance(programme, r) + inflow(programme, r);
      const double spend = std::min(held, capacity(programme, r));
      share[r] = held > 0.0 ? spend / std::max(held, 1e-300) : 0.0;
    }
    for (int n : map_.routes_to(programme)) {
      NodeState& s = states_[n];
      for (int r = 0; r < B; ++r) {
        const double held = s.balance[r] + s.inflow[r];
        const double held_v = s.balance_v[r] + s.inflow_v[r];
        const double spend = held * share[r];
        const double spent_vintage = held_v * share[r];
        s.balance[r] = held - spend;
        s.balance_v[r] = held_v - spent_vintage;
        s.spent[r] += spend;
        s.lag_weighted[r] += static_cast<double>(t) * spend - spent_vintage;
        s.inflow[r] = 0.0;
        s.inflow_v[r] = 0.0;
      }
    }
  }
}

RouteTally RouteTracer::tally(int route, int r) const {
  const auto& nodes = map_.nodes();
  const std::vector<int> path = map_.path(route);
  RouteTally out;
  int root = -1;
  for (int n : path)
    if (nodes[n].tagged()) {
      root = n;
      break;
    }
  const double from_root = map_.share_reaching(root, route);
  out.entered = from_root * states_[root].entered[r];
  for (int n : path) {
    const RouteNode& node = nodes[n];
    const NodeState& s = states_[n];
    if (!node.tagged()) {
      out.overhead.push_back(from_root * states_[root].borne_in[static_cast<std::size_t>(node.hops - 1) * replicas_ + r]);
      continue;
    }
    if (node.earmark_point) continue;  // its channel is the untagged hop before it
    const double share = map_.share_reaching(n, route);
    out.overhead.push_back(share * s.overhead[r]);
    double held = 0.0;
    for (int position = 0; position < s.positions - 1; ++position) held += s.at(position, kMoney, replicas_)[r];
    out.in_pipeline += share * held;
  }
  const NodeState& end = states_[route];
  out.in_pipeline += end.balance[r];
  out.spent = end.spent[r];
  out.lag_weighted = end.lag_weighted[r];
  return out;
}

std::pair<double, double> RouteTracer::pending_core(int r) const {
  double money = 0.0, overhead = 0.0;
  const auto& nodes = map_.nodes();
  for (std::size_t n = 0; n < nodes.size(); ++n) {
    if (nodes[n].tagged()) continue;
    const NodeState& s = states_[n];
    for (int position = 0; position < s.positions - 1; ++position) {
      money += s.at(position, kMoney, replicas_)[r];
      for (int q = kFirstBorne; q < s.quantities; ++q) overhead += s.at(position, q, replicas_)[r];
    }
  }
  return {money, overhead};
}

}  // namespace pbflow::sim
