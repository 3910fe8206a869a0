// `pba`: performance-based allocation, as the World Bank's IDA formula:
//   W(c) = performance^a x population^b x (GNI per head)^c x (1 + uplift if fragile or at war)
//   w(c, p) = W(c) x split[phase(c)][p], normalised.
// Defaults a = 2, b = 1, c = -0.125 (IDA 2001); IDA's fragile top-up is 1/3.
#include <cmath>

#include "strategy/policies.h"

namespace pbflow::strategy {

namespace {

class PbaPolicy : public AllocationPolicy {
 public:
  PbaPolicy(const Strategy& st, const Scenario& s) : AllocationPolicy(st.review), strategy_(st) {
    for (const Country& c : s.countries)
      fixed_part_.push_back(std::pow(*c.performance, st.performance_exponent) *
                            std::pow(*c.gni_per_capita, st.income_exponent));
  }

  void weights(const sim::CountryState& state, sim::Block& w) const override {
    const int n = state.countries();
    w.resize(n * kPillars, state.replicas());
    for (int r = 0; r < state.replicas(); ++r)
      for (int c = 0; c < n; ++c) {
        const int phase = state.phase(c, r);
        const bool fragile = phase != static_cast<int>(Phase::stable);
        const double weight = fixed_part_[c] * std::pow(state.population(c, r), strategy_.population_exponent) *
                              (1.0 + (fragile ? strategy_.fragile_uplift : 0.0));
        for (int p = 0; p < kPillars; ++p) w(c * kPillars + p, r) = weight * strategy_.pillar_split[phase][p];
      }
    normalise_columns(w);
  }

 private:
  Strategy strategy_;
  std::vector<double> fixed_part_;  // performance and income terms, per country
};

}  // namespace

std::unique_ptr<AllocationPolicy> make_pba(const Strategy& st, const Scenario& s) {
  return std::make_unique<PbaPolicy>(st, s);
}

}  // namespace pbflow::strategy
