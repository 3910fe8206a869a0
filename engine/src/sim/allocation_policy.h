// The interface the money kernel calls and strategies implement (the kernel
// owns it; strategy/ depends on sim/, never the reverse). At each review a
// policy sets, for every replica, the weights over country programmes (rows
// country * 3 + pillar) that a budget line with `allocate: strategy` splits
// its releases by. Weights may read the replica's country state, so
// strategies are feedback policies (strategy/, one file each;
// docs/strategies.md gives each formula).
#pragma once

#include "pbflow/scenario.h"
#include "sim/block.h"
#include "sim/country_state.h"

namespace pbflow::sim {

class AllocationPolicy {
 public:
  virtual ~AllocationPolicy() = default;
  // Weights for every programme and replica into `weights`: non-negative,
  // each column summing to 1.
  virtual void weights(const CountryState& state, Block& weights) const = 0;
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

// The weights of a channel's core rule for country c, one per replica of the
// block (core money is split by the channel's own rule, not by a strategy),
// or null where every weight is 1.
inline const double* core_weight_row(CoreRule rule, const CountryState& state, int c) {
  switch (rule) {
    case CoreRule::needs: return state.need.row(c).data();
    case CoreRule::population: return state.population.row(c).data();
    case CoreRule::equal: return nullptr;
  }
  return nullptr;
}

}  // namespace pbflow::sim
