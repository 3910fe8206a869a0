#include "sim/country_dynamics.h"

#include <algorithm>
#include <cmath>

#include "sim/hazards.h"
#include "sim/vector_clones.h"

namespace pbflow::sim {

namespace {
constexpr int kConflict = static_cast<int>(Phase::conflict);
constexpr int kFragile = static_cast<int>(Phase::fragile);
constexpr int kStable = static_cast<int>(Phase::stable);
constexpr int kH = static_cast<int>(Pillar::humanitarian);
constexpr int kD = static_cast<int>(Pillar::development);
constexpr int kP = static_cast<int>(Pillar::peace);
constexpr int kStay = -1;  // no transition this month
}  // namespace

CountryDynamics::CountryDynamics(const Scenario& s, const plan::FlowPlan& plan, const RandomStreams& random)
    : s_(s), plan_(plan), random_(random) {
  for (const Country& c : s.countries) {
    monthly_growth_.push_back(std::pow(1.0 + c.population_growth, 1.0 / 12.0));
    need_level_.push_back(s.model.need.level);
    for (int ph = 0; ph < kPhases; ++ph)
      if (c.need_level[ph]) need_level_.back()[ph] = *c.need_level[ph];
  }
  for (const plan::CountryShocks& shocks : plan.shocks) {
    no_disaster_.emplace_back();
    for (const auto& [rate, size] : shocks.disasters) no_disaster_.back().push_back(std::exp(-rate));
  }
}

double CountryDynamics::people(const plan::PeopleAffected& size, int replica, int c, Purpose purpose, int t,
                               DrawIndex index) const {
  return size.median * std::exp(size.sigma * random_.normal(replica, plan_.country_slots[c], purpose, t, index));
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
    // The disaster counts' uniforms of every replica, in one vectorised batch.
    draws_.resize(shocks.disasters.size() * B);
    for (std::size_t j = 0; j < shocks.disasters.size(); ++j)
      if (shocks.disasters[j].first > 0.0)
        random_.uniforms(first_replica, B, plan_.country_slots[c], Purpose::disaster_count, t,
                         {static_cast<std::int64_t>(j), 0},
                         draws_.data() + j * B);
    if (!any_event(c, t, B, shocks, events)) {
      state.arriving_need.row(c).setZero();  // S(t) = 0: no one newly in need
      continue;
    }
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
        const int n = RandomStreams::poisson_inverse(rate, no_disaster_[c][j], draws_[j * B + r]);
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

// Whether any replica has an onset, a disaster (its uniform above the chance
// of none) or a scheduled disaster in country c this month: most country-
// months have none, and need no more than this check.
bool CountryDynamics::any_event(int c, int t, int B, const plan::CountryShocks& shocks,
                                const MonthEvents& events) const {
  for (const plan::ScheduledDisaster& d : shocks.scheduled)
    if (d.month == t) return true;
  if (!shocks.surges.empty() && !events.onsets.row(c).isZero(0.0)) return true;
  for (std::size_t j = 0; j < shocks.disasters.size(); ++j) {
    if (shocks.disasters[j].first <= 0.0) continue;
    const double* u = draws_.data() + j * B;
    const double none = no_disaster_[c][j];
    int found = 0;
    for (int r = 0; r < B; ++r) found |= u[r] > none;
    if (found) return true;
  }
  return false;
}

void CountryDynamics::end_month(int t, int first_replica, const Block& spending, CountryState& state,
                                CountryOutcomes& out) const {
  const int B = state.replicas();
  out.month_unmet_need.setZero();
  out.month_at_war.setZero();
  for (int c = 0; c < state.countries(); ++c) {
    reach_and_build(t, c, B, spending, state, out);
    move(t, first_replica, c, B, state, out);
  }
}

namespace {

// The loops below take their rows as restrict parameters: the compiler then
// vectorises them without run-time alias checks.

// People reached this month: R = min(N, E_h / cost); the rest is unmet.
inline void reach(const int* __restrict phase, const double* __restrict need, const double* __restrict cost,
                  const double* __restrict relief, double* __restrict reached, double* __restrict unmet,
                  double* __restrict month_unmet, double* __restrict conflict_months, double* __restrict month_at_war,
                  int B) {
  for (int r = 0; r < B; ++r) {
    const double now = std::min(need[r], relief[r] / cost[r]);
    reached[r] = reached[r] + now;
    unmet[r] = unmet[r] + (need[r] - now);
    month_unmet[r] = month_unmet[r] + (need[r] - now);
    // Counts are never -0, so adding 0 leaves them as they are.
    const double war = phase[r] == kConflict ? 1.0 : 0.0;
    conflict_months[r] = conflict_months[r] + war;
    month_at_war[r] = month_at_war[r] + war;
  }
}

inline void build(double* __restrict stock, const double* __restrict spent, const double* __restrict pop, double keep,
                  int B) {
  for (int r = 0; r < B; ++r) stock[r] = keep * stock[r] + spent[r] / pop[r];
}

// The same with a peacekeeping mission's spending added to the month's.
inline void build_with(double* __restrict stock, const double* __restrict spent, double mission,
                       const double* __restrict pop, double keep, int B) {
  for (int r = 0; r < B; ++r) stock[r] = keep * stock[r] + (spent[r] + mission) / pop[r];
}

// Capacity and need move by the month's phase; shocks arrive; population grows.
inline void grow_rows(const int* __restrict phase, const double* __restrict f_dev, double* __restrict K,
                      double* __restrict need, double* __restrict arriving, double* __restrict population,
                      const ModelParameters& m, const PhaseArray<double>& need_level, double growth, int B) {
  for (int r = 0; r < B; ++r) {
    const int ph = phase[r];
    const double pop = population[r];
    K[r] = std::clamp(K[r] + m.capacity.growth * f_dev[r] * (1.0 - K[r]) - m.capacity.erosion[ph] * K[r], 0.0, 1.0);
    need[r] = std::clamp(need[r] + m.need.adjustment * (need_level[ph] * pop - need[r]) + arriving[r], 0.0, pop);
    arriving[r] = 0.0;
    population[r] = pop * growth;
  }
}

}  // namespace

// People reached, unmet need and the effect stocks.
PBFLOW_VECTOR_CLONES
void CountryDynamics::reach_and_build(int t, int c, int B, const Block& spending, CountryState& state,
                                      CountryOutcomes& out) const {
  // Relief by purpose code reaches people as the humanitarian programme's
  // does, each code's spending times its strength (docs/model.md 1.9).
  const double* relief = spending.row(c * kPillars + kH).data();
  const int K = static_cast<int>(plan_.purposes.size());
  bool coded_relief = false;
  for (int k = 0; k < K; ++k) coded_relief = coded_relief || plan_.purposes[k].acts_on == PurposeEffect::humanitarian_reach;
  if (coded_relief) {
    relief_.assign(relief, relief + B);
    for (int k = 0; k < K; ++k)
      if (plan_.purposes[k].acts_on == PurposeEffect::humanitarian_reach)
        for (int r = 0; r < B; ++r)
          relief_[r] += plan_.purposes[k].strength * spending(plan_.programme(c, kPillars + k), r);
    relief = relief_.data();
  }
  reach(state.phase.row(c).data(), state.need.row(c).data(), state.cost_per_person.row(c).data(),
        relief, out.reached.row(c).data(), out.unmet_need.row(c).data(),
        out.month_unmet_need.data(), out.conflict_months.row(c).data(), out.month_at_war.data(), B);
  // Peacekeeping missions' spending joins the peace programme's in the
  // peace effect stock (docs/model.md, 1.8): the relapse calibration reads
  // peace spending as peacekeeping and peace aid together.
  const double mission =
      plan_.mission_spending.empty() ? 0.0 : plan_.mission_spending[static_cast<std::size_t>(c) * plan_.months + t];
  for (int p = 0; p < kPillars; ++p) {
    double* stock = state.effects.row(c * kPillars + p).data();
    const double* spent = spending.row(c * kPillars + p).data();
    const double keep = 1.0 - s_.model.effects.decay[p];
    if (p == kP && mission > 0.0)
      build_with(stock, spent, mission, state.population.row(c).data(), keep, B);
    else
      build(stock, spent, state.population.row(c).data(), keep, B);
  }
  for (int k = 0; k < K; ++k)
    build(state.purpose_effects.row(c * K + k).data(), spending.row(plan_.programme(c, kPillars + k)).data(),
          state.population.row(c).data(), 1.0 - plan_.purposes[k].decay, B);
}

// The phase transition of one country, decided from this month's state
// (capacity K(t), the stocks X(t)), then capacity, need and population
// move, then the transition is made.
void CountryDynamics::move(int t, int first_replica, int c, int B, CountryState& state, CountryOutcomes& out) const {
  const ModelParameters& m = s_.model;
  const PhaseParameters& h = m.phases;
  auto response = [&](int p, double x) { return std::log1p(x / m.effects.scale[p]); };
  draws_.resize(B);
  development_.resize(B);
  next_.resize(B);
  random_.uniforms(first_replica, B, plan_.country_slots[c], Purpose::phase, t, {}, draws_.data());
  // Purpose codes add to the stocks the responses read (docs/model.md 1.9);
  // without them the pillars' own stocks are read directly.
  const bool coded = !plan_.purposes.empty();
  auto stock = [&](int r, Pillar p) {
    return coded ? effective_stock(state, plan_.purposes, c, r, p) : state.effects(c * kPillars + static_cast<int>(p), r);
  };
  for (int r = 0; r < B; ++r) {
    const int ph = state.phase(c, r);
    const int tau = state.months_in_phase(c, r);
    const double f_dev = response(kD, stock(r, Pillar::development));
    development_[r] = f_dev;
    // One uniform decides the phase transition (MODEL.md 2.1). Most months
    // no hazard can reach it, and the exponentials are not needed.
    const double u = draws_[r];
    next_[r] = kStay;
    if (certainly_stays(u, total_hazard_ceiling(h, ph, tau))) continue;
    // Only wars and fragile peace respond to the peace stock (hazards.h).
    const double f_peace = ph == kStable ? 0.0 : response(kP, stock(r, Pillar::peace));
    const Hazards hz = phase_hazards(h, ph, tau, f_dev, f_peace, state.capacity(c, r));
    const double total = hz.total();
    if (total <= 0.0 || certainly_stays(u, total)) continue;
    const double move = 1.0 - std::exp(-total);
    if (u >= move) continue;
    // Which transition: split the probability in proportion to the hazards.
    const double cut_conflict = move * hz.to_conflict / total;
    const double cut_fragile = cut_conflict + move * hz.to_fragile / total;
    next_[r] = u < cut_conflict ? kConflict : u < cut_fragile ? kFragile : kStable;
  }
  grow(c, B, state);
  for (int r = 0; r < B; ++r) {
    if (next_[r] == kStay) {
      state.months_in_phase(c, r) += 1;
    } else if (next_[r] == kConflict) {
      start_war(c, r, state, out);
      state.pending_onset(c, r) = 1;
    } else {
      state.previous_phase(c, r) = state.phase(c, r);
      state.phase(c, r) = next_[r];
      state.months_in_phase(c, r) = 0;
    }
  }
}

// Capacity and need move (by this month's phase); shocks of this month
// arrive; population grows.
PBFLOW_VECTOR_CLONES
void CountryDynamics::grow(int c, int B, CountryState& state) const {
  grow_rows(state.phase.row(c).data(), development_.data(), state.capacity.row(c).data(), state.need.row(c).data(),
            state.arriving_need.row(c).data(), state.population.row(c).data(), s_.model, need_level_[c], monthly_growth_[c], B);
}

}  // namespace pbflow::sim
