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

namespace {

// One country's capacity to absorb each pillar's money (restrict rows, so
// the loop vectorises): usd x phase factor x population x (0.5 + K), times
// the post-conflict multiplier for development and peace in its window.
inline void absorb(const int* __restrict phase, const int* __restrict months, const double* __restrict population,
                   const double* __restrict capacity, double* __restrict humanitarian, double* __restrict development,
                   double* __restrict peace, const AbsorptionParameters& a, int B) {
  // Parameters in locals and phases picked by selects (no gathers, no
  // branches), so the loop vectorises.
  double f[3][kPillars], usd[kPillars];
  for (int p = 0; p < kPillars; ++p) {
    usd[p] = a.usd_per_person_month[p];
    for (int ph = 0; ph < 3; ++ph) f[ph][p] = a.phase_factor[ph][p];
  }
  const double multiplier = a.post_conflict_multiplier;
  const double from = a.post_conflict_from, to = a.post_conflict_to;
  constexpr int kConflict = static_cast<int>(Phase::conflict), kFragile = static_cast<int>(Phase::fragile);
  for (int r = 0; r < B; ++r) {
    // Compared as doubles: conditions of one width are what the vectoriser selects on.
    const double ph = phase[r], tau = months[r];
    const bool conflict = ph == kConflict, fragile = ph == kFragile;
    const double base = population[r] * (0.5 + capacity[r]);
    const bool post = fragile & (tau >= from) & (tau < to);
    const double m = post ? multiplier : 1.0;
    humanitarian[r] = usd[0] * (conflict ? f[0][0] : fragile ? f[1][0] : f[2][0]) * base * 1.0;
    development[r] = usd[1] * (conflict ? f[0][1] : fragile ? f[1][1] : f[2][1]) * base * m;
    peace[r] = usd[2] * (conflict ? f[0][2] : fragile ? f[1][2] : f[2][2]) * base * m;
  }
}

}  // namespace

PBFLOW_VECTOR_CLONES
void absorptive_capacity(const CountryState& state, const AbsorptionParameters& a, Block& out) {
  const int n = state.countries();
  const int replicas = state.replicas();
  out.resize(n * kPillars, replicas);
  for (int c = 0; c < n; ++c)
    absorb(state.phase.row(c).data(), state.months_in_phase.row(c).data(), state.population.row(c).data(),
           state.capacity.row(c).data(), out.row(c * kPillars).data(), out.row(c * kPillars + 1).data(),
           out.row(c * kPillars + 2).data(), a, replicas);
}

}  // namespace pbflow::sim
