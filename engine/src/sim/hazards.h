// The monthly phase-transition hazards of MODEL.md 2.1, shared by the
// country dynamics and by strategies that allocate by risk.
#pragma once

#include <cmath>

#include "pbflow/scenario.h"

namespace pbflow::sim {

struct Hazards {
  double to_conflict = 0.0, to_fragile = 0.0, to_stable = 0.0;
  double total() const { return to_conflict + to_fragile + to_stable; }
};

// f_dev and f_peace are the responses ln(1 + X / x0) of the effect stocks.
inline Hazards phase_hazards(const PhaseParameters& h, int phase, int months_in_phase, double f_dev, double f_peace,
                             double capacity) {
  Hazards out;
  if (phase == static_cast<int>(Phase::conflict)) {
    out.to_fragile = h.conflict_end_hazard * (1.0 + h.conflict_end_peace_effect * f_peace);
  } else if (phase == static_cast<int>(Phase::fragile)) {
    const double psi = h.relapse_floor + (1.0 - h.relapse_floor) * std::exp(-months_in_phase / h.relapse_decay_months);
    out.to_conflict = h.relapse_hazard * psi *
                      std::exp(-h.relapse_peace_effect * f_peace - h.relapse_development_effect * f_dev -
                               h.relapse_capacity_effect * capacity);
    if (months_in_phase >= h.consolidation_min_months) out.to_stable = h.consolidation_hazard * capacity;
  } else {
    out.to_conflict = h.onset_hazard * std::exp(-h.onset_capacity_effect * capacity);
  }
  return out;
}

// An upper bound on phase_hazards(...).total() that needs neither the effect
// stocks nor capacity: every effect can only lower a hazard (the language
// keeps effects >= 0, capacity in [0, 1], the relapse floor <= 1), except
// peace spending, which shortens a war: no bound there (infinity). The
// slack covers the rounding of the products and sums it bounds.
inline double total_hazard_ceiling(const PhaseParameters& h, int phase, int months_in_phase) {
  constexpr double slack = 1.0 + 1e-9;
  if (phase == static_cast<int>(Phase::conflict)) return HUGE_VAL;
  if (phase == static_cast<int>(Phase::fragile))
    return slack * (h.relapse_hazard + (months_in_phase >= h.consolidation_min_months ? h.consolidation_hazard : 0.0));
  return slack * h.onset_hazard;
}

// Whether a uniform u certainly does not move a country whose total hazard
// is at most `ceiling`: the chance of moving, 1 - exp(-total), is at most
// total + 2^-52 below a total of 0.5 (exp is below 1 ulp from e^-x >= 1 - x,
// and 1 - exp(-x) is then exact), so the comparison u < 1 - exp(-total) is
// false without computing the exponentials.
inline bool certainly_stays(double u, double ceiling) { return ceiling < 0.5 && u >= ceiling + 0x1p-50; }

// The probability that a country is at war next month.
inline double war_next_month(const Hazards& hz, int phase) {
  const double leave = 1.0 - std::exp(-hz.total());
  if (phase == static_cast<int>(Phase::conflict)) return 1.0 - leave;
  return hz.total() > 0.0 ? leave * hz.to_conflict / hz.total() : 0.0;
}

}  // namespace pbflow::sim
