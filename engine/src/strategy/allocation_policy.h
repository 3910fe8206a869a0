// An HDP allocation strategy: at each review it sets, for every replica, the
// weights over country programmes (rows country * 3 + pillar) that a budget
// line with `allocate: strategy` splits its releases by. Weights may read the
// replica's country state, so strategies are feedback policies.
#pragma once

#include <memory>

#include "pbflow/scenario.h"
#include "sim/block.h"
#include "sim/country_state.h"

namespace pbflow::strategy {

class AllocationPolicy {
 public:
  virtual ~AllocationPolicy() = default;
  // Weights for every programme and replica into `weights` (columns sum to 1).
  virtual void weights(const sim::CountryState& state, sim::Block& weights) const = 0;
  // Whether the shares are recomputed in a month at this month of the fiscal year.
  bool review_due(int month, int fiscal_month) const;

 protected:
  explicit AllocationPolicy(Review review) : review_(review) {}

 private:
  Review review_;
};

// The policy for a scenario's strategy. Throws RuntimeFailure for a kind the
// engine does not implement yet.
std::unique_ptr<AllocationPolicy> make_policy(const Strategy& strategy, const Scenario& s);

}  // namespace pbflow::strategy
