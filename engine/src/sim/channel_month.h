// One channel's month over a block of replicas (MODEL.md 1.3-1.5): its
// pipeline advances, arrivals pay overhead and enter, and money is disbursed
// within capacity to programmes, sub-grant partners and onward channels.
//
// It runs a tile of four replicas at a time (sim/tiled_money.h): all of the
// channel's slots for those replicas, their running totals held in
// registers, the state read from memory once for the fill and once for the
// disbursement. Every value sees the same IEEE operations, in the same
// order, as the model's row expressions would give them; the
// processor's widest vectors (an AVX2 clone where it has them) change no bit.
#pragma once

#include <vector>

#include "sim/tiled_money.h"

namespace pbflow::sim {

// A row of the block's arrivals (a sub-grant partner's or an onward
// channel's) and the share of the money it receives.
struct ArrivalTarget {
  int row;
  double share;
};

// Where a channel's money for one programme goes: its sub-grant partners'
// arrivals, the programme's inflow, and the flows ledger.
struct ProgrammeRoute {
  int programme = -1;
  int ledger_row = -1;  // -1: flows not recorded
  int first_target = 0, targets = 0;  // into ChannelRoutes::targets
  int country = 0;
  double core_share = 0.0;  // of core money, before the country's weight (pillar weight x purpose share)
};

// A channel's destinations, worked out once per scenario.
struct ChannelRoutes {
  std::vector<ProgrammeRoute> by_row;        // per tagged row of its state
  std::vector<ProgrammeRoute> by_programme;  // for core money spread over programmes
  std::vector<ArrivalTarget> targets;        // sub-grant partners, for every route
  std::vector<ArrivalTarget> onward;         // `to:`, where untagged money goes
  int onward_ledger_row = -1;
  double stays = 1.0;                        // the share not sub-granted
};

struct ChannelMonth {
  int replicas = 0;        // a whole number of tiles
  int slots = 0;           // rows of its state: earmark slots it holds
  int stages = 0;          // pipeline stages (0: none)
  int untagged_row = -1;   // its untagged row (always the last), or -1
  // This month's rules.
  double pass_share = 1.0;     // of each stage, passed on (1 flushes a zero-lag month)
  bool delayed = false;        // arrivals enter the first stage (else ready money)
  double overhead_share = 0.0;
  double capacity = -1.0;      // disbursed a month at most; < 0: unlimited
  // The state: its stages are rows stage_row + stage x slots + slot of
  // `stages_state`, its ready money and this month's arrivals rows ready_row
  // + slot of `ready_state` and `arrivals` (sub-grant partners' and onward
  // channels' arrivals are rows there too).
  TiledMoney* stages_state = nullptr;
  TiledMoney* ready_state = nullptr;
  TiledMoney* arrivals = nullptr;
  int stage_row = 0, ready_row = 0;
  // Destinations, row-major, `replicas` wide.
  double* programme_in = nullptr;    // programmes x replicas
  double* programme_in_v = nullptr;
  double* ledger = nullptr;          // ledger rows x replicas; null: flows not recorded
  double* delivered = nullptr;       // this channel's row
  double* overhead = nullptr;        // this channel's row
  double* month_overhead = nullptr;
  // Totals of the state after the month, added to in row order.
  double* stage_total = nullptr;
  double* ready_total = nullptr;
  const ChannelRoutes* routes = nullptr;
  // Untagged money: 1 where it may move this month, per replica; for core
  // money spread over programmes, its country weights (countries x
  // replicas, row-major; each route carries its activity's share), else null.
  const double* untagged_moves = nullptr;
  const double* core_country = nullptr;
  // Where set (a channel with a capacity limit), each replica's share of
  // ready money disbursed is written here (for a MoneyObserver).
  double* disbursed_share = nullptr;
};

void run_channel_month(const ChannelMonth& job);

}  // namespace pbflow::sim
