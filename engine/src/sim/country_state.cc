#include "sim/country_state.h"

#include "sim/vector_clones.h"

namespace pbflow::sim {

void CountryState::reset(const Scenario& s, int replicas) {
  const int n = static_cast<int>(s.countries.size());
  phase.resize(n, replicas);
  months_in_phase.resize(n, replicas);
  pending_onset.setZero(n, replicas);
  previous_phase.resize(n, replicas);
  population.resize(n, replicas);
  need.resize(n, replicas);
  arriving_need.setZero(n, replicas);
  capacity.resize(n, replicas);
  cost_per_person.resize(n, replicas);
  effects.resize(n * kPillars, replicas);
  for (int c = 0; c < n; ++c) {
    const Country& k = s.countries[c];
    phase.row(c).setConstant(static_cast<int>(k.phase));
    previous_phase.row(c).setConstant(static_cast<int>(predecessor(k.phase)));
    months_in_phase.row(c).setConstant(k.months_in_phase);
    population.row(c).setConstant(k.population);
    need.row(c).setConstant(k.people_in_need);
    capacity.row(c).setConstant(k.capacity);
    cost_per_person.row(c).setConstant(k.cost_per_person_month);
    for (int p = 0; p < kPillars; ++p) effects.row(c * kPillars + p).setConstant(k.effects[p]);
  }
}

PBFLOW_VECTOR_CLONES
void absorptive_capacity(const CountryState& state, const AbsorptionParameters& a, Block& out) {
  const int n = state.countries();
  const int replicas = state.replicas();
  out.resize(n * kPillars, replicas);
  const double post_conflict[kPillars] = {1.0, a.post_conflict_multiplier, a.post_conflict_multiplier};
  for (int c = 0; c < n; ++c) {
    const int* __restrict phase = state.phase.row(c).data();
    const int* __restrict months = state.months_in_phase.row(c).data();
    const double* __restrict population = state.population.row(c).data();
    const double* __restrict capacity = state.capacity.row(c).data();
    double* __restrict cap[kPillars];
    for (int p = 0; p < kPillars; ++p) cap[p] = out.row(c * kPillars + p).data();
    for (int r = 0; r < replicas; ++r) {
      const int ph = phase[r];
      const double base = population[r] * (0.5 + capacity[r]);
      const int tau = months[r];
      const bool post = ph == static_cast<int>(Phase::fragile) && tau >= a.post_conflict_from && tau < a.post_conflict_to;
      for (int p = 0; p < kPillars; ++p)
        cap[p][r] = a.usd_per_person_month[p] * a.phase_factor[ph][p] * base * (post ? post_conflict[p] : 1.0);
    }
  }
}

}  // namespace pbflow::sim
