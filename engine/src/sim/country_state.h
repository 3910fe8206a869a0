// Country state for a block of replicas (rows = countries, columns =
// replicas): phase and months in it, population, people in need, state
// capacity K, and the effect stocks spending builds (MODEL.md section 2).
#pragma once

#include "pbflow/scenario.h"
#include "sim/block.h"

namespace pbflow::sim {

struct CountryState {
  IntBlock phase;            // Phase as int
  IntBlock months_in_phase;  // completed months in the current phase
  IntBlock pending_onset;    // 1 if a war broke out at the end of last month
  Block population;
  Block need;
  Block capacity;            // K
  Block cost_per_person;
  Block effects;             // effect stocks per head, rows country * 3 + pillar

  void reset(const Scenario& s, int replicas);
  int countries() const { return static_cast<int>(phase.rows()); }
  int replicas() const { return static_cast<int>(phase.cols()); }
  // Months since the settlement if the country is fragile, or -1.
  int months_since_settlement(int c, int r) const {
    return phase(c, r) == static_cast<int>(Phase::fragile) ? months_in_phase(c, r) : -1;
  }
};

// cap_{c,p} for every programme (rows c * 3 + p) and replica, into `out`.
void absorptive_capacity(const CountryState& state, const AbsorptionParameters& a, Block& out);

}  // namespace pbflow::sim
