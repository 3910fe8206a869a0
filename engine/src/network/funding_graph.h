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
  // Below the pillar (docs/model.md 1.9): the purpose codes some money is
  // earmarked to (ascending), and per channel the activities whose money can
  // reach it earmarked (arriving) or leave it earmarked (earmarked, which
  // includes what its core rule earmarks). Activity a < 3 is pillar a's
  // general programme; a = 3 + k is purpose_codes[k].
  std::vector<int> purpose_codes;
  std::vector<std::vector<bool>> earmarked_activities, arriving_activities;
  int activities() const { return kPillars + static_cast<int>(purpose_codes.size()); }
};

// Fills the purpose-code part of `net` (earmark_activities.cc); throws
// InputError where money earmarked to one activity would reach a channel
// limited to other purpose codes.
void trace_activities(const Scenario& s, FundingNetwork& net);

// Throws InputError (with the offending key's location) on an invalid network.
FundingNetwork build_network(const Scenario& s);

// Every route from a budget line through channels to a programme of the
// given pillar, as node labels ("japan/core_contributions", "untfhs",
// "unicef", "SDN.development"). At most `limit` paths.
std::vector<std::vector<std::string>> donor_to_programme_paths(const Scenario& s, const std::string& iso3,
                                                                Pillar pillar, std::size_t limit = 1000);

}  // namespace pbflow::network
