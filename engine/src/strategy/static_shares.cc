// The policy of an `optimised` strategy: fixed shares over programmes, the
// same in every replica and month (the search itself is in
// experiment/optimise.cc, since it runs the simulation).
#include "strategy/policies.h"

namespace pbflow::strategy {

namespace {

class StaticSharesPolicy : public AllocationPolicy {
 public:
  explicit StaticSharesPolicy(const Strategy& st) : AllocationPolicy(Review::fiscal_year), shares_(st.shares) {}

  void weights(const sim::CountryState& state, sim::Block& w) const override {
    w.resize(static_cast<int>(shares_.size()), state.replicas());
    for (int r = 0; r < state.replicas(); ++r)
      for (std::size_t i = 0; i < shares_.size(); ++i) w(static_cast<int>(i), r) = shares_[i];
    normalise_columns(w);
  }

 private:
  std::vector<double> shares_;
};

}  // namespace

std::unique_ptr<AllocationPolicy> make_static_shares(const Strategy& st, const Scenario&) {
  return std::make_unique<StaticSharesPolicy>(st);
}

}  // namespace pbflow::strategy
