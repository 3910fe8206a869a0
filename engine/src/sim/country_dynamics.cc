#include "sim/country_dynamics.h"

#include <algorithm>
#include <cmath>

#include "sim/hazards.h"

namespace pbflow::sim {

namespace {
constexpr int kConflict = static_cast<int>(Phase::conflict);
constexpr int kFragile = static_cast<int>(Phase::fragile);
constexpr int kStable = static_cast<int>(Phase::stable);
constexpr int kH = static_cast<int>(Pillar::humanitarian);
constexpr int kD = static_cast<int>(Pillar::development);
constexpr int kP = static_cast<int>(Pillar::peace);
}  // namespace

CountryDynamics::CountryDynamics(const Scenario& s, const plan::FlowPlan& plan, const RandomStreams& random)
    : s_(s), plan_(plan), random_(random) {
  for (const Country& c : s.countries) monthly_growth_.push_back(std::pow(1.0 + c.population_growth, 1.0 / 12.0));
}

double CountryDynamics::people(const plan::PeopleAffected& size, int replica, int c, Purpose purpose, int t,
                               DrawIndex index) const {
  return size.median * std::exp(size.sigma * random_.normal(replica, c, purpose, t, index));
}

void CountryDynamics::start_war(int c, int r, CountryState& state, CountryOutcomes& out) const {
  if (state.phase(c, r) == kFragile) out.relapses(c, r) += 1.0;
  out.onsets(c, r) += 1.0;
  state.previous_phase(c, r) = state.phase(c, r);
  state.phase(c, r) = kConflict;
  state.months_in_phase(c, r) = 0;
}

void CountryDynamics::begin_month(int t, int first_replica, CountryState& state, MonthEvents& events,
                                  CountryOutcomes& out) const {
  const int B = state.replicas();
  events.reset(state.countries(), B);
  // Wars that broke out at the end of last month are this month's onsets.
  for (int c = 0; c < state.countries(); ++c)
    for (int r = 0; r < B; ++r)
      if (state.pending_onset(c, r)) {
        events.onsets(c, r) += 1.0;
        state.pending_onset(c, r) = 0;
      }
  for (const auto& onset : plan_.onsets) {
    if (onset.month != t) continue;
    for (int r = 0; r < B; ++r) {
      if (state.phase(onset.country, r) == kConflict) continue;  // already at war: not an onset
      start_war(onset.country, r, state, out);
      events.onsets(onset.country, r) += 1.0;
    }
  }
  for (int c = 0; c < state.countries(); ++c) {
    const plan::CountryShocks& shocks = plan_.shocks[c];
    for (int r = 0; r < B; ++r) {
      const int replica = first_replica + r;
      double added = 0.0;
      // Each onset displaces people, once per surge shock that covers the country.
      const int onsets = static_cast<int>(events.onsets(c, r));
      for (int i = 0; i < onsets; ++i)
        for (std::size_t j = 0; j < shocks.surges.size(); ++j) {
          added += people(shocks.surges[j], replica, c, Purpose::surge_people, t, {static_cast<std::int64_t>(j), i});
          events.surges(c, r) += 1.0;
        }
      for (std::size_t j = 0; j < shocks.disasters.size(); ++j) {
        const auto& [rate, size] = shocks.disasters[j];
        const int n = random_.poisson(rate, replica, c, Purpose::disaster_count, t, {static_cast<std::int64_t>(j), 0});
        for (int i = 0; i < n; ++i)
          added += people(size, replica, c, Purpose::disaster_people, t, {static_cast<std::int64_t>(j), i});
        events.disasters(c, r) += n;
      }
      for (std::size_t j = 0; j < shocks.scheduled.size(); ++j) {
        if (shocks.scheduled[j].month != t) continue;
        added += people(shocks.scheduled[j].size, replica, c, Purpose::scheduled_disaster_people, t,
                        {static_cast<std::int64_t>(j), 0});
        events.disasters(c, r) += 1.0;
      }
      state.arriving_need(c, r) = added;  // S(t): in need from next month (MODEL.md 2.3)
    }
  }
}

void CountryDynamics::end_month(int t, int first_replica, const Block& spending, CountryState& state,
                                CountryOutcomes& out) const {
  const ModelParameters& m = s_.model;
  const PhaseParameters& h = m.phases;
  const int B = state.replicas();
  auto response = [&](int p, double x) { return std::log1p(x / m.effects.scale[p]); };
  out.month_unmet_need.setZero();
  out.month_at_war.setZero();
  for (int c = 0; c < state.countries(); ++c) {
    for (int r = 0; r < B; ++r) {
      const int ph = state.phase(c, r);
      const double pop = state.population(c, r);
      double& need = state.need(c, r);
      // People reached this month: R = min(N, E_h / cost); the rest is unmet.
      const double reached = std::min(need, spending(c * kPillars + kH, r) / state.cost_per_person(c, r));
      out.reached(c, r) += reached;
      out.unmet_need(c, r) += need - reached;
      out.month_unmet_need(r) += need - reached;
      if (ph == kConflict) {
        out.conflict_months(c, r) += 1.0;
        out.month_at_war(r) += 1.0;
      }
      // Effect stocks and their responses.
      for (int p = 0; p < kPillars; ++p) {
        double& x = state.effects(c * kPillars + p, r);
        x = (1.0 - m.effects.decay[p]) * x + spending(c * kPillars + p, r) / pop;
      }
      const double f_dev = response(kD, state.effects(c * kPillars + kD, r));
      const double f_peace = response(kP, state.effects(c * kPillars + kP, r));
      // Capacity and need move; population grows.
      // Hazards read this month's state: K(t) and the stocks X(t).
      double& K = state.capacity(c, r);
      const int tau = state.months_in_phase(c, r);
      const Hazards hz = phase_hazards(h, ph, tau, f_dev, f_peace, K);
      // Capacity and need move; shocks of this month arrive; population grows.
      K = std::clamp(K + m.capacity.growth * f_dev * (1.0 - K) - m.capacity.erosion[ph] * K, 0.0, 1.0);
      need = std::clamp(need + m.need.adjustment * (m.need.level[ph] * pop - need) + state.arriving_need(c, r), 0.0, pop);
      state.arriving_need(c, r) = 0.0;
      state.population(c, r) = pop * monthly_growth_[c];
      // One uniform decides the phase transition (MODEL.md 2.1).
      const double to_conflict = hz.to_conflict, to_fragile = hz.to_fragile;
      const double total = hz.total();
      const double move = 1.0 - std::exp(-total);
      const double u = random_.uniform(first_replica + r, c, Purpose::phase, t);
      if (total > 0.0 && u < move) {
        // Which transition: split the probability in proportion to the hazards.
        const double cut_conflict = move * to_conflict / total;
        const double cut_fragile = cut_conflict + move * to_fragile / total;
        if (u < cut_conflict) {
          start_war(c, r, state, out);
          state.pending_onset(c, r) = 1;
        } else {
          state.previous_phase(c, r) = state.phase(c, r);
          state.phase(c, r) = u < cut_fragile ? kFragile : kStable;
          state.months_in_phase(c, r) = 0;
        }
      } else {
        state.months_in_phase(c, r) += 1;
      }
    }
  }
}

}  // namespace pbflow::sim
