// One block of replicas through the whole horizon: each month the countries'
// events, then the money, then the countries' response (MODEL.md 1.5 and
// section 2). Collects the monthly series the results need.
#pragma once

#include <atomic>

#include "pbflow/run_result.h"
#include "pbflow/scenario.h"
#include "plan/flow_plan.h"
#include "sim/block.h"
#include "sim/country_dynamics.h"
#include "sim/country_state.h"
#include "sim/loan_ledger.h"
#include "sim/money_kernel.h"
#include "sim/random_streams.h"
#include "sim/allocation_policy.h"

namespace pbflow::sim {

// Monthly series: one row per (month, MonthSeries), the public result's order.
inline constexpr int series_row(int month, MonthSeries series) { return month * kMonthSeries + static_cast<int>(series); }

// Per month, country and replica when trajectories are asked for.
enum TrajectoryField { kPhase = 0, kNeed, kCapacity, kTrajSpentH, kTrajSpentD, kTrajSpentP, kTrajDisasters, kTrajOnsets };
inline constexpr int kTrajectoryFields = 8;

class BlockSimulation {
 public:
  BlockSimulation(const Scenario& s, const plan::FlowPlan& plan, const sim::AllocationPolicy& policy,
                  const RandomStreams& random, bool record_flows, bool record_trajectories);

  // Results are columns 0..replicas-1 (blocks are padded to whole tiles).
  // Returns false, its results unfinished, if *stop turned true (checked
  // every month).
  bool run(int replicas, int first_replica, const std::atomic<bool>* stop = nullptr);

  // Shows `observer` the money's monthly decisions (null: no one).
  void watch(MoneyObserver* observer) { money_.watch(observer); }
  const MoneyKernel& money() const { return money_; }
  const CountryState& countries() const { return countries_; }
  const CountryOutcomes& outcomes() const { return outcomes_; }
  const LoanLedger& loans() const { return loans_; }
  const Block& series() const { return series_; }              // (month * kSeriesCount + series) x B
  const Block& trajectories() const { return trajectories_; }  // ((month * C + c) * fields + field) x B
  // Per month and country, people in need and 1 where at war: rows (month * C + c) * 2 + field.
  const Block& country_months() const { return country_months_; }

 private:
  const Scenario& s_;
  const plan::FlowPlan& plan_;
  CountryDynamics dynamics_;
  MoneyKernel money_;
  LoanLedger loans_;
  CountryState countries_;
  MonthEvents events_;
  CountryOutcomes outcomes_;
  Block series_;
  Block trajectories_;
  Block country_months_;
  bool record_trajectories_;
};

}  // namespace pbflow::sim
