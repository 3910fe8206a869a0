// The money kernel (MODEL.md section 1) over a block of replicas: budget
// lines release, channels take overhead, delay money in Erlang pipelines and
// disburse within capacity, earmarks travel with the money, programmes spend
// within absorptive capacity. It knows nothing of files or threads.
#pragma once

#include <vector>

#include "pbflow/scenario.h"
#include "plan/flow_plan.h"
#include "sim/block.h"
#include "sim/country_state.h"
#include "strategy/allocation_policy.h"

namespace pbflow::sim {

// Per-month series kept for timeseries.csv, one row per (month, series).
enum Series { kReleased = 0, kOverhead, kSpentHumanitarian, kSpentDevelopment, kSpentPeace, kInPipeline, kSeriesCount };

class MoneyKernel {
 public:
  MoneyKernel(const Scenario& s, const plan::FlowPlan& plan, const strategy::AllocationPolicy& policy,
              bool record_flows);

  void reset(int replicas);
  void step(int t);
  void run() {
    for (int t = 0; t < plan_.months; ++t) step(t);
  }

  int replicas() const { return static_cast<int>(released_base_.cols()); }
  // Cumulative, per replica (columns).
  const Block& spent() const { return spent_; }              // programmes x B
  const Block& overhead() const { return overhead_; }        // channels x B
  const Row& released_base() const { return released_base_; }
  const Block& flows() const { return flows_; }              // (edge * slots + slot) x B
  const Block& series() const { return series_; }            // (month * kSeriesCount + series) x B
  const Row& max_relative_error() const { return max_error_; }
  // Still inside the system at this point, per replica, base currency.
  Row in_pipeline() const;
  Row unreleased_base(int t) const;  // unreleased budget, converted at month t's rate
  Row reserves_base(int t) const;
  Row lapsed_base(int t) const;
  double appropriated_base() const { return appropriated_base_; }
  const CountryState& countries() const { return country_; }
  // Country outcomes so far (MODEL.md 5), countries x B.
  const Block& conflict_months() const { return conflict_months_; }
  const Block& relapses() const { return relapses_; }
  const Block& unmet_need() const { return unmet_need_; }      // person-months
  const Block& people_reached() const { return reached_; }     // person-months

 private:
  void run_pipelines(int t);
  void release_budgets(int t);
  void release_reserve(int t, std::size_t l);
  void deliver_earmarked(const std::vector<plan::Target>& targets, int programme, int r, double amount);
  void process_channel(int t, const plan::ChannelPlan& ch, std::size_t index);
  void core_weights(const plan::ChannelPlan& ch);
  void spend_programmes(int t);
  void close_fiscal_year(int t);
  void check_conservation();
  void add_flow(int edge, int slot, int r, double amount) {
    if (record_flows_) flows_(edge * plan_.slots + slot, r) += amount;
  }

  const Scenario& s_;
  const plan::FlowPlan& plan_;
  const strategy::AllocationPolicy& policy_;
  bool record_flows_;

  CountryState country_;
  Block weights_;        // strategy weights, programmes x B
  Block capacity_;       // absorptive capacity, programmes x B
  Block events_;         // reserve-triggering events this month, countries x B
  Block stages_;         // all channels' pipeline stages
  Block ready_;          // all channels' candidates and backlogs
  Block arrivals_;       // this month's arrivals, laid out as ready_
  Block programme_;      // programmes' unspent balances
  Block programme_in_;   // this month's arrivals at programmes
  Block core_;           // scratch: a channel's core weights, programmes x B
  Row core_ok_;          // scratch: replicas where the channel has an eligible programme
  Block spent_;
  Block overhead_;
  Block unreleased_;     // per line, donor currency
  Block reserve_;        // per line, donor currency
  Block lapsed_;         // per line, donor currency
  Block released_donor_;  // per line, cumulative, donor currency
  std::vector<double> appropriated_donor_;  // per line, cumulative (same in every replica)
  Row released_base_;
  Block flows_;
  Block series_;
  Row max_error_;
  Block conflict_months_, relapses_, unmet_need_, reached_;
  double appropriated_base_ = 0.0;
};

}  // namespace pbflow::sim
