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
  IntBlock previous_phase;   // the phase before the current one
  Block population;
  Block need;
  Block arriving_need;       // people shocks made needy this month: in need from next month
  Block capacity;            // K
  Block cost_per_person;
  Block effects;             // effect stocks per head, rows country * 3 + pillar
  Block purpose_effects;     // the purpose codes' stocks per head, rows country * K + k (FlowPlan::purposes)

  void reset(const Scenario& s, int replicas, int purpose_codes = 0);
  int countries() const { return static_cast<int>(phase.rows()); }
  int replicas() const { return static_cast<int>(phase.cols()); }
  // Months since the settlement if the country is fragile, or -1.
  // The phase a country is taken to have come from when the scenario starts.
  static Phase predecessor(Phase p) {
    return p == Phase::fragile ? Phase::conflict : p == Phase::stable ? Phase::fragile : Phase::stable;
  }
  int months_since_settlement(int c, int r) const {
    return phase(c, r) == static_cast<int>(Phase::fragile) ? months_in_phase(c, r) : -1;
  }
};

// cap_{c,p} for every pillar's general programme (rows c * 3 + p) and
// replica, into `out` (resized if it has fewer rows).
void absorptive_capacity(const CountryState& state, const AbsorptionParameters& a, Block& out);

// The purpose codes' programmes (rows countries * 3 + c * K + k) by the
// same rule with each code's own rate, and mine action's gain on every
// development programme (docs/model.md 1.9).
void purpose_capacity(const CountryState& state, const AbsorptionParameters& a, const std::vector<PurposeCode>& codes,
                      Block& out);

// A pillar's effect stock as its response reads it: the general
// programme's, plus each purpose code's that acts on it (times its strength).
double effective_stock(const CountryState& state, const std::vector<PurposeCode>& codes, int c, int r, Pillar pillar);

}  // namespace pbflow::sim
