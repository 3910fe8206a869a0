// `fixed` and `nexus_phase`: country weights by a rule or a map, times a
// pillar split that is the same in every phase (fixed) or follows each
// country's phase (nexus_phase).
#include <stdexcept>

#include "strategy/allocation_policy.h"
#include "strategy/country_weights.h"

namespace pbflow::strategy {

bool AllocationPolicy::review_due(int month, int fiscal_month) const {
  switch (review_) {
    case Review::monthly: return true;
    case Review::quarterly: return month == 0 || fiscal_month % 3 == 0;
    case Review::fiscal_year: return month == 0 || fiscal_month == 0;
  }
  return true;
}

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
    const int replicas = static_cast<int>(state.phase.cols());
    w.resize(n * kPillars, replicas);
    for (int r = 0; r < replicas; ++r) {
      double total = 0.0;
      for (int c = 0; c < n; ++c) {
        double cw = strategy_.countries == CountryWeights::explicit_map ? explicit_[c]
                                                                         : country_weight(strategy_.countries, state, c, r);
        total += cw;
        const auto& split = strategy_.pillar_split[state.phase(c, r)];
        for (int p = 0; p < kPillars; ++p) w(c * kPillars + p, r) = cw * split[p];
      }
      // No country has any weight (no one in need, say): share equally.
      if (total <= 0.0) {
        for (int c = 0; c < n; ++c) {
          const auto& split = strategy_.pillar_split[state.phase(c, r)];
          for (int p = 0; p < kPillars; ++p) w(c * kPillars + p, r) = split[p];
        }
        total = n;
      }
      w.col(r) /= total;
    }
  }

 private:
  Strategy strategy_;
  std::vector<double> explicit_;
};

}  // namespace

std::unique_ptr<AllocationPolicy> make_policy(const Strategy& st, const Scenario& s) {
  Strategy normalised = st;
  bool split_given = false;
  for (const auto& phase : st.pillar_split)
    for (double x : phase) split_given |= x > 0;
  if (!split_given)
    for (auto& phase : normalised.pillar_split) phase = {1.0 / 3, 1.0 / 3, 1.0 / 3};
  switch (st.kind) {
    case StrategyKind::fixed:
    case StrategyKind::nexus_phase:
      return std::make_unique<PhaseSplitPolicy>(normalised, s);
    default:
      throw RuntimeFailure("strategy kind `" +
                           std::string(st.kind == StrategyKind::needs      ? "needs"
                                       : st.kind == StrategyKind::pba      ? "pba"
                                       : st.kind == StrategyKind::optimised ? "optimised"
                                                                            : "crisis_reserve") +
                           "` is not implemented yet in `pbflow run` (use fixed or nexus_phase)");
  }
}

}  // namespace pbflow::strategy
