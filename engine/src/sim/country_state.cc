#include "sim/country_state.h"

#include <cmath>

#include "sim/vector_clones.h"

namespace pbflow::sim {

void CountryState::reset(const Scenario& s, int replicas, int purpose_codes) {
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
  purpose_effects.setZero(n * purpose_codes, replicas);
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
  if (out.rows() < n * kPillars || out.cols() != replicas) out.resize(n * kPillars, replicas);
  for (int c = 0; c < n; ++c)
    absorb(state.phase.row(c).data(), state.months_in_phase.row(c).data(), state.population.row(c).data(),
           state.capacity.row(c).data(), out.row(c * kPillars).data(), out.row(c * kPillars + 1).data(),
           out.row(c * kPillars + 2).data(), a, replicas);
}

void purpose_capacity(const CountryState& state, const AbsorptionParameters& a, const std::vector<PurposeCode>& codes,
                      Block& out) {
  const int n = state.countries(), B = state.replicas(), K = static_cast<int>(codes.size());
  constexpr int kFragile = static_cast<int>(Phase::fragile), kD = static_cast<int>(Pillar::development);
  for (int c = 0; c < n; ++c)
    for (int r = 0; r < B; ++r) {
      const int ph = state.phase(c, r);
      const int tau = state.months_in_phase(c, r);
      const bool post = ph == kFragile && tau >= a.post_conflict_from && tau < a.post_conflict_to;
      const double base = state.population(c, r) * (0.5 + state.capacity(c, r));
      double gain = 0.0;  // mine action clears the way for development work
      for (int k = 0; k < K; ++k) {
        const PurposeCode& code = codes[k];
        const int p = static_cast<int>(code.pillar);
        const double m = post && code.pillar != Pillar::humanitarian ? a.post_conflict_multiplier : 1.0;
        out(n * kPillars + c * K + k, r) = code.usd_per_person_month * a.phase_factor[ph][p] * base * m;
        if (code.acts_on == PurposeEffect::development_absorption)
          gain += code.strength * std::log1p(state.purpose_effects(c * K + k, r) / code.scale);
      }
      if (gain == 0.0) continue;
      out(c * kPillars + kD, r) *= 1.0 + gain;
      for (int k = 0; k < K; ++k)
        if (codes[k].pillar == Pillar::development) out(n * kPillars + c * K + k, r) *= 1.0 + gain;
    }
}

double effective_stock(const CountryState& state, const std::vector<PurposeCode>& codes, int c, int r, Pillar pillar) {
  double x = state.effects(c * kPillars + static_cast<int>(pillar), r);
  const int K = static_cast<int>(codes.size());
  for (int k = 0; k < K; ++k) {
    const PurposeCode& code = codes[k];
    bool counts = false;
    switch (code.acts_on) {
      case PurposeEffect::development: counts = pillar == Pillar::development; break;
      case PurposeEffect::peace: counts = pillar == Pillar::peace; break;
      case PurposeEffect::early_peace: {
        // Disarmament and reintegration hold a settlement in its first years.
        const int since = state.months_since_settlement(c, r);
        counts = pillar == Pillar::peace && since >= 0 && since < code.window_months;
        break;
      }
      default: break;
    }
    if (counts) x += code.strength * state.purpose_effects(c * K + k, r);
  }
  return x;
}

}  // namespace pbflow::sim
