// An HDP allocation strategy: at each review it sets, for every replica, the
// weights over country programmes (rows country * 3 + pillar) that a budget
// line with `allocate: strategy` splits its releases by. Weights may read the
// replica's country state, so strategies are feedback policies. One file a
// strategy beside this one; docs/strategies.md gives each formula.
#pragma once

#include <memory>

#include "pbflow/scenario.h"
#include "sim/block.h"
#include "sim/country_state.h"

namespace pbflow::strategy {

class AllocationPolicy {
 public:
  virtual ~AllocationPolicy() = default;
  // Weights for every programme and replica into `weights`: non-negative,
  // each column summing to 1.
  virtual void weights(const sim::CountryState& state, sim::Block& weights) const = 0;
  // Whether the weights are recomputed in this month (month 0 always).
  bool review_due(int month, int fiscal_month) const;
  // crisis_reserve: the share of each allocated release held back, and the
  // share of what is held that a shock in a country releases to it.
  virtual double held_back() const { return 0.0; }
  virtual double release_per_event() const { return 0.0; }

 protected:
  explicit AllocationPolicy(Review review) : review_(review) {}

 private:
  Review review_;
};

// The policy for a strategy. An `optimised` strategy must have its shares
// (the experiment finds them); without, this throws RuntimeFailure.
std::unique_ptr<AllocationPolicy> make_policy(const Strategy& strategy, const Scenario& s);

// Column-normalises raw non-negative weights; a column of zeros becomes
// equal weights, so money always has somewhere to go.
void normalise_columns(sim::Block& w);

}  // namespace pbflow::strategy
