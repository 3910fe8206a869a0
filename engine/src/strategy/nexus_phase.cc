// `nexus_phase`: country weights as `fixed`, and a pillar split that follows
// each country's phase, moving from the previous phase's split to the
// current one's over `transition_months`:
//   split = a x split[phase] + (1 - a) x split[previous phase],
//   a = min(1, (months in phase + 1) / transition_months)   (a = 1 with no transition)
#include <algorithm>

#include "strategy/country_weights.h"
#include "strategy/policies.h"

namespace pbflow::strategy {

namespace {

class PhaseSplitPolicy : public AllocationPolicy {
 public:
  PhaseSplitPolicy(const Strategy& st, const Scenario& s) : AllocationPolicy(st.review), strategy_(st) {
    explicit_.assign(s.countries.size(), 0.0);
    if (st.countries == CountryWeights::explicit_map)
      for (const auto& [iso3, w] : st.country_weights) explicit_[s.country_index(iso3)] = w;
  }

  void weights(const sim::CountryState& state, sim::Block& w) const override {
    const int n = state.countries();
    w.resize(n * kPillars, state.replicas());
    for (int r = 0; r < state.replicas(); ++r)
      for (int c = 0; c < n; ++c) {
        const double cw = strategy_.countries == CountryWeights::explicit_map
                              ? explicit_[c]
                              : country_weight(strategy_.countries, state, c, r);
        const double a = strategy_.transition_months > 0
                             ? std::min(1.0, (state.months_in_phase(c, r) + 1) / strategy_.transition_months)
                             : 1.0;
        const auto& now = strategy_.pillar_split[state.phase(c, r)];
        const auto& before = strategy_.pillar_split[state.previous_phase(c, r)];
        for (int p = 0; p < kPillars; ++p) w(c * kPillars + p, r) = cw * (a * now[p] + (1 - a) * before[p]);
      }
    normalise_columns(w);
  }

 private:
  Strategy strategy_;
  std::vector<double> explicit_;
};

}  // namespace

std::unique_ptr<AllocationPolicy> make_nexus_phase(const Strategy& st, const Scenario& s) {
  return std::make_unique<PhaseSplitPolicy>(st, s);
}

}  // namespace pbflow::strategy
