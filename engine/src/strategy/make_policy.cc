#include "strategy/policies.h"

namespace pbflow::strategy {

void normalise_columns(sim::Block& w) {
  for (int r = 0; r < w.cols(); ++r) {
    double total = 0.0;
    for (int i = 0; i < w.rows(); ++i) total += w(i, r);
    if (total > 0.0)
      for (int i = 0; i < w.rows(); ++i) w(i, r) /= total;
    else
      for (int i = 0; i < w.rows(); ++i) w(i, r) = 1.0 / w.rows();
  }
}

std::unique_ptr<AllocationPolicy> make_policy(const Strategy& st, const Scenario& s) {
  Strategy normalised = st;
  if (!st.pillar_split_given)
    for (auto& phase : normalised.pillar_split) phase = {1.0 / 3, 1.0 / 3, 1.0 / 3};
  switch (st.kind) {
    case StrategyKind::fixed: return make_fixed(normalised, s);
    case StrategyKind::nexus_phase: return make_nexus_phase(normalised, s);
    case StrategyKind::needs: return make_needs(normalised, s);
    case StrategyKind::pba: return make_pba(normalised, s);
    case StrategyKind::crisis_reserve: return make_crisis_reserve(normalised, s);
    case StrategyKind::optimised:
      if (st.shares.size() != s.countries.size() * kPillars)
        throw RuntimeFailure("an `optimised` strategy has no shares yet: run it through pbflow run or compare, "
                             "which fit them first");
      return make_static_shares(normalised, s);
  }
  throw RuntimeFailure("unknown strategy kind");
}

}  // namespace pbflow::strategy
