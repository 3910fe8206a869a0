// `needs`: each pillar's money goes where its need is, in the pillar split:
//   humanitarian: people in need N(c)
//   development:  the capacity gap times population, (1 - K(c)) pop(c)
//   peace:        population times the probability of war next month, from
//                 the model's own hazards (MODEL.md 2.1) at today's state
//   w(c, p) = split[phase(c)][p] x need(c, p) / sum over c' of need(c', p), normalised.
#include <cmath>

#include "sim/hazards.h"
#include "strategy/policies.h"

namespace pbflow::strategy {

namespace {

class NeedsPolicy : public AllocationPolicy {
 public:
  NeedsPolicy(const Strategy& st, const Scenario& s) : AllocationPolicy(st.review), strategy_(st), model_(s.model) {}

  void weights(const sim::CountryState& state, sim::Block& w) const override {
    const int n = state.countries();
    w.resize(n * kPillars, state.replicas());
    std::vector<double> need(n * kPillars);
    for (int r = 0; r < state.replicas(); ++r) {
      PillarArray<double> total{};
      for (int c = 0; c < n; ++c) {
        const double pop = state.population(c, r);
        const double f_dev = std::log1p(state.effects(c * kPillars + 1, r) / model_.effects.scale[1]);
        const double f_peace = std::log1p(state.effects(c * kPillars + 2, r) / model_.effects.scale[2]);
        const int phase = state.phase(c, r);
        const sim::Hazards hz =
            sim::phase_hazards(model_.phases, phase, state.months_in_phase(c, r), f_dev, f_peace, state.capacity(c, r));
        need[c * kPillars + 0] = state.need(c, r);
        need[c * kPillars + 1] = (1.0 - state.capacity(c, r)) * pop;
        need[c * kPillars + 2] = sim::war_next_month(hz, phase) * pop;
        for (int p = 0; p < kPillars; ++p) total[p] += need[c * kPillars + p];
      }
      for (int c = 0; c < n; ++c)
        for (int p = 0; p < kPillars; ++p) {
          const double share = total[p] > 0.0 ? need[c * kPillars + p] / total[p] : 1.0 / n;
          w(c * kPillars + p, r) = strategy_.pillar_split[state.phase(c, r)][p] * share;
        }
    }
    normalise_columns(w);
  }

 private:
  Strategy strategy_;
  ModelParameters model_;
};

}  // namespace

std::unique_ptr<AllocationPolicy> make_needs(const Strategy& st, const Scenario& s) {
  return std::make_unique<NeedsPolicy>(st, s);
}

}  // namespace pbflow::strategy
