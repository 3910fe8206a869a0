// The funding network as a directed graph: budget lines -> channels ->
// programmes (country x pillar). Validates what can only be seen whole:
// cycles (reported with their path), untagged money that could reach no
// programme, earmarks carried by sub-grants outside a mandate, channels no
// money reaches (a warning). Gives the topological order of channels and
// the donor-to-programme paths.
#pragma once

#include <string>
#include <vector>

#include "pbflow/scenario.h"

namespace pbflow::network {

struct FundingNetwork {
  // Channel indices (into Scenario::channels) such that every channel comes
  // after all channels that can send it money.
  std::vector<int> channel_order;
  // For each channel, the pillars whose earmarked money can reach it, and
  // whether untagged (core) money can.
  // (earmarked_pillars includes what a core channel earmarks itself;
  // arriving_pillars only what reaches it already earmarked.)
  std::vector<PillarArray<bool>> earmarked_pillars;
  std::vector<PillarArray<bool>> arriving_pillars;
  std::vector<bool> receives_untagged;
  std::vector<std::string> warnings;
};

// Throws InputError (with the offending key's location) on an invalid network.
FundingNetwork build_network(const Scenario& s);

// Every route from a budget line through channels to a programme of the
// given pillar, as node labels ("japan/core_contributions", "untfhs",
// "unicef", "SDN.development"). At most `limit` paths.
std::vector<std::vector<std::string>> donor_to_programme_paths(const Scenario& s, const std::string& iso3,
                                                                Pillar pillar, std::size_t limit = 1000);

}  // namespace pbflow::network
