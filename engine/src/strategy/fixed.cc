// `fixed`: country weights by a rule (people in need, population, equal) or
// an explicit map, times a pillar split (one, or one per phase):
//   w(c, p) = country_weight(c) x split[phase(c)][p], normalised.
// It is `nexus_phase` with no transition, so it shares its implementation.
#include "strategy/policies.h"

namespace pbflow::strategy {

std::unique_ptr<AllocationPolicy> make_fixed(const Strategy& st, const Scenario& s) {
  Strategy fixed = st;
  fixed.transition_months = 0.0;
  return make_nexus_phase(fixed, s);
}

}  // namespace pbflow::strategy
