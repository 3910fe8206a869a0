// Factories of the strategies, one file each (fixed.cc, nexus_phase.cc,
// needs.cc, pba.cc, crisis_reserve.cc, static_shares.cc).
#pragma once

#include <memory>

#include "strategy/allocation_policy.h"

namespace pbflow::strategy {

std::unique_ptr<AllocationPolicy> make_fixed(const Strategy& st, const Scenario& s);
std::unique_ptr<AllocationPolicy> make_nexus_phase(const Strategy& st, const Scenario& s);
std::unique_ptr<AllocationPolicy> make_needs(const Strategy& st, const Scenario& s);
std::unique_ptr<AllocationPolicy> make_pba(const Strategy& st, const Scenario& s);
std::unique_ptr<AllocationPolicy> make_crisis_reserve(const Strategy& st, const Scenario& s);
std::unique_ptr<AllocationPolicy> make_static_shares(const Strategy& st, const Scenario& s);

}  // namespace pbflow::strategy
