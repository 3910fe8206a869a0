// What happens in the countries (MODEL.md sections 2 and 4): events at the
// start of a month (scheduled onsets, wars that broke out at the end of the
// last month, disasters, displacement surges), and at its end people
// reached, effect stocks, capacity, need, population and phase transitions.
#pragma once

#include "pbflow/scenario.h"
#include "plan/flow_plan.h"
#include "sim/block.h"
#include "sim/country_state.h"
#include "sim/random_streams.h"

namespace pbflow::sim {

// Events of one month, counted per country and replica; they trigger reserves.
struct MonthEvents {
  Block onsets, disasters, surges;  // countries x B
  void reset(int countries, int replicas) {
    onsets.setZero(countries, replicas);
    disasters.setZero(countries, replicas);
    surges.setZero(countries, replicas);
  }
  const Block& of(Trigger t) const {
    return t == Trigger::conflict_onset ? onsets : t == Trigger::disaster ? disasters : surges;
  }
};

// Outcomes accumulated over the horizon, countries x B.
struct CountryOutcomes {
  Block conflict_months, relapses, onsets, unmet_need, reached;
  Row month_unmet_need, month_at_war;  // this month, summed over countries
  void reset(int countries, int replicas) {
    month_unmet_need.setZero(replicas);
    month_at_war.setZero(replicas);
    conflict_months.setZero(countries, replicas);
    relapses.setZero(countries, replicas);
    onsets.setZero(countries, replicas);
    unmet_need.setZero(countries, replicas);
    reached.setZero(countries, replicas);
  }
};

class CountryDynamics {
 public:
  CountryDynamics(const Scenario& s, const plan::FlowPlan& plan, const RandomStreams& random);

  // Replica columns of the block are global replicas first_replica, first_replica + 1, ...
  void begin_month(int t, int first_replica, CountryState& state, MonthEvents& events, CountryOutcomes& out) const;
  // `spending` is this month's programme spending (rows: FlowPlan::programme).
  void end_month(int t, int first_replica, const Block& spending, CountryState& state, CountryOutcomes& out) const;

 private:
  void reach_and_build(int t, int c, int B, const Block& spending, CountryState& state, CountryOutcomes& out) const;
  void move(int t, int first_replica, int c, int B, CountryState& state, CountryOutcomes& out) const;
  void grow(int c, int B, CountryState& state) const;
  bool any_event(int c, int t, int B, const plan::CountryShocks& shocks, const MonthEvents& events) const;
  void start_war(int c, int r, CountryState& state, CountryOutcomes& out) const;
  double people(const plan::PeopleAffected& size, int replica, int c, Purpose purpose, int t, DrawIndex index) const;

  const Scenario& s_;
  const plan::FlowPlan& plan_;
  const RandomStreams& random_;
  std::vector<double> monthly_growth_;  // population factor a month, per country
  std::vector<PhaseArray<double>> need_level_;  // nu by phase, per country (its own or the model's)
  std::vector<std::vector<double>> no_disaster_;  // per country and random disaster shock: exp(-monthly rate)
  // A country's work rows for the block (a block has its own dynamics):
  mutable std::vector<double> draws_;        // uniforms
  mutable std::vector<double> development_;  // f_dev, the development response
  mutable std::vector<int> next_;            // the phase each replica moves to, or none
  mutable std::vector<double> relief_;       // humanitarian spending with coded relief, as it reaches people
};

}  // namespace pbflow::sim
