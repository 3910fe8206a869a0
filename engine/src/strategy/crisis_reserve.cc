// `crisis_reserve`: another strategy (its `base`) allocates what is released,
// less `reserve_share`, which each budget line holds back; every shock in a
// country (conflict onset, disaster, displacement surge) releases
// `release_per_event` of what is held to that country's humanitarian
// programme, as emergency grant aid and Japan Platform do. The holding is
// done by the money kernel; this policy says how much.
#include <algorithm>

#include "strategy/policies.h"

namespace pbflow::strategy {

namespace {

class CrisisReservePolicy : public AllocationPolicy {
 public:
  CrisisReservePolicy(const Strategy& st, const Scenario& s)
      // The base's own `review` is honoured as well as the reserve's: weights
      // are reviewed on the more frequent of the two schedules (each is a
      // subset of the next: monthly, quarterly, fiscal year).
      : AllocationPolicy(std::min(st.review, st.base.front().review)), base_(make_policy(st.base.front(), s)), share_(st.reserve_share),
        per_event_(st.release_per_event) {}

  void weights(const sim::CountryState& state, sim::Block& w) const override { base_->weights(state, w); }
  double held_back() const override { return share_; }
  double release_per_event() const override { return per_event_; }

 private:
  std::unique_ptr<AllocationPolicy> base_;
  double share_, per_event_;
};

}  // namespace

std::unique_ptr<AllocationPolicy> make_crisis_reserve(const Strategy& st, const Scenario& s) {
  return std::make_unique<CrisisReservePolicy>(st, s);
}

}  // namespace pbflow::strategy
