// The money kernel (MODEL.md section 1) over a block of replicas: budget
// lines release, channels take overhead, delay money in Erlang pipelines and
// disburse within capacity, earmarks travel with the money, programmes spend
// within absorptive capacity. It knows nothing of files or threads.
//
// Every money compartment has a twin holding "vintage": money times the
// month it was released. Vintage moves with the money, so each month's
// spending knows how long its money took (the money-weighted delivery lag).
#pragma once

#include <vector>

#include "pbflow/scenario.h"
#include "plan/flow_plan.h"
#include "sim/block.h"
#include "sim/channel_month.h"
#include "sim/country_dynamics.h"
#include "sim/country_state.h"
#include "sim/money_observer.h"
#include "sim/random_streams.h"
#include "sim/allocation_policy.h"

namespace pbflow::sim {

class MoneyKernel {
 public:
  MoneyKernel(const Scenario& s, const plan::FlowPlan& plan, const sim::AllocationPolicy& policy,
              const RandomStreams& random, bool record_flows);

  // Tells `observer` (which must outlive the kernel's steps) every month's
  // decisions; null: no one watches.
  void watch(MoneyObserver* observer) { observer_ = observer; }
  // Replicas: a whole number of tiles (padded_replicas in sim/lanes.h).
  void reset(int replicas, int first_replica);
  // Month t's money, given the countries' state and this month's events.
  void step(int t, const CountryState& countries, const MonthEvents& events);

  int replicas() const { return static_cast<int>(released_base_.cols()); }
  // This month, per replica.
  const Block& spending() const { return spending_; }       // programmes x B
  const Row& month_released() const { return month_released_; }
  const Row& month_overhead() const { return month_overhead_; }
  // Cumulative, per replica.
  const Block& spent() const { return spent_; }              // programmes x B
  const Block& overhead() const { return overhead_; }        // channels (plan order) x B
  const Block& delivered() const { return delivered_; }      // channels x B: passed to programmes
  const Row& released_base() const { return released_base_; }
  const Row& appropriated_base() const { return appropriated_base_; }
  const Row& lag_weighted_spending() const { return lag_weighted_; }  // sum of spending x its lag
  // Money each source sent per earmark slot, summed over months: a row per
  // (budget line or channel, slot) it can send; flows.csv's edges are
  // derived from it by the terms below (an edge's flow is its target share
  // of what its source sent), so a send writes one ledger row, not one row
  // per target edge.
  struct FlowTerm {
    int edge, slot;  // the flows.csv row: edge * slots + slot
    double share;    // of the ledger row's money
    int row;         // ledger row
  };
  const Block& flow_ledger() const { return ledger_; }        // ledger rows x B
  const std::vector<FlowTerm>& flow_terms() const { return flow_terms_; }
  const Row& max_relative_error() const { return max_error_; }
  Row in_pipeline() const;
  const Row& month_in_pipeline() const { return in_pipeline_now_; }  // in_pipeline() after this month's step
  Row unreleased_base() const;  // at the current exchange rates
  Row reserves_base() const;  // budget reserves and money a crisis-reserve strategy holds
  Row lapsed_base() const;

 private:
  void update_exchange_rates(int t);
  void release_budgets(int t);
  void allocate(int t, std::size_t line, const Row& allocated);
  void release_reserves(int t, std::size_t l, const MonthEvents& events);
  void release_held(int t, const MonthEvents& events);
  void send(const std::vector<plan::Target>& targets, int slot, const Row& money, const Row& vintage);
  void send_to_programme(int t, std::size_t line, int country, int pillar, const Row& money, const Row& vintage);
  void build_flow_ledger();
  void build_routes();
  // What a budget line sent for a slot: to the flows ledger and the observer.
  void line_sent(int t, std::size_t line, int slot, const Row& money, const Row& vintage) {
    if (record_flows_) ledger_.row(line_ledger_[line][slot]) += money;
    if (observer_) observer_->line_sent(t, static_cast<int>(line), slot, money, vintage);
  }
  void process_channel(int t, std::size_t index, const CountryState& countries);
  struct CoreWeights {
    int month;
    CoreRule rule;
    PhaseArray<bool> phases;
    int within_months;
    std::vector<bool> countries;
    Block country;  // countries x B, normalised over eligible countries
    Row ok;         // 1 where some country is eligible
  };
  const CoreWeights& core_weights(int t, const plan::ChannelPlan& ch, const CountryState& countries);
  void weigh_core_countries(const plan::ChannelPlan& ch, const CountryState& countries, CoreWeights& w);
  void spend_programmes(int t);
  void close_fiscal_year(int t);
  void check_conservation();

  const Scenario& s_;
  const plan::FlowPlan& plan_;
  const sim::AllocationPolicy& policy_;
  const RandomStreams& random_;
  bool record_flows_;
  MoneyObserver* observer_ = nullptr;
  Row disbursed_share_;  // a capped channel's month, for the observer
  int first_replica_ = 0;

  Block fx_;             // exchange rate per donor and replica (units per base)
  Block fx_walk_;        // random-walk factor per donor and replica
  Block weights_;        // strategy weights, programmes x B
  Block capacity_;       // absorptive capacity, programmes x B
  TiledMoney stages_;              // all channels' pipeline stages
  TiledMoney ready_;               // all channels' candidates and backlogs
  TiledMoney arrivals_;            // this month's arrivals, laid out as ready_
  Block programme_, programme_v_;  // programmes' unspent balances
  Block programme_in_, programme_in_v_;
  std::vector<CoreWeights> core_cache_;  // this month's core weights, by rule and mandate
  Block spending_;
  Block spent_;
  Block overhead_;
  Block delivered_;
  Block unreleased_;     // per line, donor currency
  Block reserve_;        // per line, donor currency
  Block lapsed_;         // per line, donor currency
  Block released_donor_;  // per line, cumulative, donor currency
  Block crisis_reserve_, crisis_reserve_v_;  // per line: held back by a crisis-reserve strategy, base currency
  std::vector<double> appropriated_donor_;  // per line, cumulative (the same in every replica)
  Row released_base_, appropriated_base_, lag_weighted_;
  Row month_released_, month_overhead_;
  Row stage_total_, ready_total_;  // this month's channel state, summed as each channel finishes
  Row programme_total_, spent_total_;  // programmes' balances and cumulative spending, summed as they spend
  Row in_pipeline_now_;
  std::vector<ChannelRoutes> routes_;             // per channel, where its money goes
  Row month_moves_;                               // a channel's untagged money that may move
  Row allocated_, allocated_v_;                   // a release's money for one programme
  Row part_, part_v_;                             // its part for one purpose code
  Row allocation_total_;                          // the strategy's weights over a line's pillars, per replica
  Block core_eligible_;                           // countries x B: 1 where a mandate admits the country
  Row core_total_, core_count_;                   // core weights' sum and eligible countries, per replica
  Block ledger_;
  std::vector<FlowTerm> flow_terms_;
  std::vector<std::vector<int>> line_ledger_;     // per line: slot -> ledger row, or -1
  std::vector<std::vector<int>> channel_ledger_;  // per channel: slot -> ledger row, or -1
  int ledger_rows_ = 0;
  Row max_error_;
};

}  // namespace pbflow::sim
