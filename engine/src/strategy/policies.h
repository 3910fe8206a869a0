// The strategies: one file each (fixed.cc, nexus_phase.cc, needs.cc,
// pba.cc, crisis_reserve.cc, static_shares.cc), each implementing the
// kernel's sim::AllocationPolicy.
#pragma once

#include <memory>

#include "sim/allocation_policy.h"

namespace pbflow::strategy {

using sim::AllocationPolicy;

// The policy for a strategy. An `optimised` strategy must have its shares
// (the experiment finds them); without, this throws RuntimeFailure.
std::unique_ptr<AllocationPolicy> make_policy(const Strategy& strategy, const Scenario& s);

// Column-normalises raw non-negative weights; a column of zeros becomes
// equal weights, so money always has somewhere to go.
void normalise_columns(sim::Block& w);

std::unique_ptr<AllocationPolicy> make_fixed(const Strategy& st, const Scenario& s);
std::unique_ptr<AllocationPolicy> make_nexus_phase(const Strategy& st, const Scenario& s);
std::unique_ptr<AllocationPolicy> make_needs(const Strategy& st, const Scenario& s);
std::unique_ptr<AllocationPolicy> make_pba(const Strategy& st, const Scenario& s);
std::unique_ptr<AllocationPolicy> make_crisis_reserve(const Strategy& st, const Scenario& s);
std::unique_ptr<AllocationPolicy> make_static_shares(const Strategy& st, const Scenario& s);

}  // namespace pbflow::strategy
