// Money for some programmes followed route by route (`pbflow trace`).
//
// A route is the chain of channels money takes from a budget line to a
// programme. The kernel keeps one compartment per (channel, earmark) and
// mixes the routes in it; the tracer keeps one per route prefix, moved by
// the kernel's own monthly decisions (a MoneyObserver): capacity shares,
// core weights, programmes' spending shares. Every compartment is moved by
// the same linear rules as the kernel's, so the routes of a programme add up
// to what the kernel says it spent.
//
// Attribution. Money earmarked to a programme splits at each channel by
// fixed shares (its `passes` and the rest), so what a compartment holds or
// paid as overhead is shared among the routes below it by those shares.
// Untagged (core) money belongs to no programme until a core channel
// earmarks it; the overhead it paid on the way is carried with it, hop by
// hop, and attributed to the programme in proportion when it is earmarked.
#pragma once

#include <map>
#include <utility>
#include <vector>

#include "plan/flow_plan.h"
#include "sim/block.h"
#include "sim/money_observer.h"

namespace pbflow::sim {

// One compartment: money on one route prefix at one channel.
struct RouteNode {
  int channel = -1;            // plan index
  int parent = -1;             // the node the money came from; -1: sent by the line
  int line = -1;               // the budget line it left
  int programme = -1;          // the programme it is earmarked to; -1: untagged
  bool earmark_point = false;  // a core channel earmarking untagged money (no pipeline of its own)
  double share = 1.0;          // of what the parent disbursed (or the line sent); core pillar share at an earmark point
  int hops = 0;                // channels on the route so far, this one included
  double stays = 0.0;          // earmarked: share of each disbursement that reaches the programme
  std::vector<int> children;
  bool tagged() const { return programme >= 0; }
};

// The route prefixes that lead to the traced programmes, from the plan.
class RouteMap {
 public:
  RouteMap(const plan::FlowPlan& plan, const std::vector<int>& programmes);

  const plan::FlowPlan& plan() const { return plan_; }
  const std::vector<RouteNode>& nodes() const { return nodes_; }
  const std::vector<int>& programmes() const { return programmes_; }
  // Nodes with a pipeline at a channel, in creation order.
  const std::vector<int>& at_channel(int channel) const { return at_channel_[channel]; }
  // The nodes a line's money for a slot enters, with the mix's shares.
  const std::vector<std::pair<int, double>>& roots(int line, int slot) const;
  // Earmarked nodes: every one is a route's last channel.
  const std::vector<int>& routes() const { return routes_; }
  const std::vector<int>& routes_to(int programme) const { return routes_to_[programme]; }
  // A route's nodes, its first channel's first.
  std::vector<int> path(int node) const;
  // The share of what node `from` holds that will reach the programme by
  // route `to` (a node at or below it): the shares of the hops between,
  // then the share that stays at `to`.
  double share_reaching(int from, int to) const;

 private:
  int add_tagged(int line, int parent, int channel, int programme, double share, int hops);
  int add_untagged(int line, int parent, int channel, double share, int hops);
  int add_node(RouteNode node);

  const plan::FlowPlan& plan_;
  std::vector<int> programmes_;
  std::vector<bool> traced_;  // per programme
  std::vector<RouteNode> nodes_;
  std::vector<std::vector<int>> at_channel_;
  std::map<std::pair<int, int>, std::vector<std::pair<int, double>>> roots_;
  std::vector<int> routes_;
  std::vector<std::vector<int>> routes_to_;  // per programme
};

// One route's money in one replica at the end of the horizon.
struct RouteTally {
  double entered = 0.0;       // released by the line (with the overhead it went on to pay)
  std::vector<double> overhead;  // per channel of the route
  double in_pipeline = 0.0;   // in its channels' pipelines and the programme's balance
  double spent = 0.0;
  double lag_weighted = 0.0;  // sum of spending x months since release
};

class RouteTracer : public MoneyObserver {
 public:
  explicit RouteTracer(const RouteMap& map);
  // Replicas of the block the kernel it watches runs.
  void reset(int replicas);

  void line_sent(int t, int line, int slot, const Row& money, const Row& vintage) override;
  void channel_done(int t, int channel, const ChannelChoices& choices) override;
  void programmes_spend(int t, const Block& balance, const Block& inflow, const Block& capacity) override;

  // After the horizon.
  RouteTally tally(int route, int replica) const;
  // Untagged money on the traced routes not yet earmarked, and the overhead
  // it has paid so far.
  std::pair<double, double> pending_core(int replica) const;

 private:
  // A node's money per replica: rows [position][quantity], positions its
  // pipeline stages, its ready money and this month's arrivals; quantities
  // money, vintage, then (untagged) the overhead borne at each hop so far.
  struct NodeState {
    int quantities = 0, positions = 0;
    std::vector<double> held;
    std::vector<double> entered, overhead, borne_in;  // borne_in: [hop][replica], at an earmark point
    std::vector<double> balance, balance_v, inflow, inflow_v, spent, lag_weighted;  // the programme's, by this route
    double* at(int position, int quantity, int replicas) {
      return held.data() + (static_cast<std::size_t>(position) * quantities + quantity) * replicas;
    }
    const double* at(int position, int quantity, int replicas) const {
      return held.data() + (static_cast<std::size_t>(position) * quantities + quantity) * replicas;
    }
  };
  void advance(int t, const RouteNode& node, NodeState& state);
  void send_down(const RouteNode& node, const double* money, const double* vintage);
  void disburse(int t, const RouteNode& node, NodeState& state, const ChannelChoices& choices);

  const RouteMap& map_;
  int replicas_ = 0;
  std::vector<NodeState> states_;
  std::vector<double> scratch_;
};

}  // namespace pbflow::sim
