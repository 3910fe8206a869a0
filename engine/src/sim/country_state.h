// Country state for a block of replicas (rows = countries), and what the
// money side reads from it: absorptive capacity (MODEL.md 1.4). The country
// dynamics of MODEL.md section 2 are not simulated yet: phase, capacity,
// need and population hold their initial values, and the months-in-phase
// clock runs. Scheduled conflict onsets do change the phase.
#pragma once

#include <vector>

#include "pbflow/scenario.h"
#include "sim/block.h"

namespace pbflow::sim {

struct CountryState {
  IntBlock phase;            // Phase as int
  IntBlock months_in_phase;
  Block population;
  Block need;
  Block capacity;            // K
  Block cost_per_person;

  void reset(const Scenario& s, int replicas);
  int countries() const { return static_cast<int>(phase.rows()); }
  // Months since the settlement if the country is fragile, or -1.
  int months_since_settlement(int c, int r) const {
    return phase(c, r) == static_cast<int>(Phase::fragile) ? months_in_phase(c, r) : -1;
  }
};

// cap_{c,p} for every programme (rows c * 3 + p) and replica, into `out`.
void absorptive_capacity(const CountryState& state, const AbsorptionParameters& a, Block& out);

// Starts a conflict in country c in every replica of the block; returns, per
// replica, whether it was an onset (the country was not already in conflict).
std::vector<bool> start_conflict(CountryState& state, int c);

// End of month: the clocks advance.
void advance_month(CountryState& state);

}  // namespace pbflow::sim
