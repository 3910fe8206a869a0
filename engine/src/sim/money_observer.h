// What the money kernel decides each month, for a watcher that follows part
// of the money in more detail than the kernel keeps (the route tracer,
// sim/route_tracer.h). The kernel calls it only when one is attached; the
// watcher sees every decision that does not follow from the plan alone.
#pragma once

#include "sim/block.h"

namespace pbflow::sim {

// A channel's choices in one month, per replica (columns of the block).
struct ChannelChoices {
  // Share of its ready money each earmarked row disbursed; null: all of it
  // (a channel without a capacity limit).
  const double* disbursed_share = nullptr;
  // 1 where its untagged money could move on this month (a `to:` channel,
  // or a core channel with an eligible country); untagged money moves
  // disbursed_share x this.
  const double* untagged_moves = nullptr;
  // Core channels: country weights (countries x replicas, row-major); its
  // untagged money for programme (c, p) is weight[c] x core pillar share[p].
  const double* core_country = nullptr;
};

class MoneyObserver {
 public:
  virtual ~MoneyObserver() = default;
  // Money (base currency) and its vintage a budget line sent in month t for
  // an earmark slot (a programme, or the untagged slot) to the channels its
  // mix for that slot names.
  virtual void line_sent(int t, int line, int slot, const Row& money, const Row& vintage) = 0;
  // After channel `channel` (plan order) has had its month.
  virtual void channel_done(int t, int channel, const ChannelChoices& choices) = 0;
  // Before programmes spend: their balances, this month's inflows and
  // their absorptive capacities (programmes x replicas).
  virtual void programmes_spend(int t, const Block& balance, const Block& inflow, const Block& capacity) = 0;
};

}  // namespace pbflow::sim
