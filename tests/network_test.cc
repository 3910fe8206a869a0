// The funding network: order, reachability, paths.
#include <gtest/gtest.h>

#include "network/funding_graph.h"
#include "pbflow/errors.h"
#include "pbflow/scenario_io.h"
#include "support/test_files.h"

namespace pbflow::testing {
namespace {

TEST(Network, TopologicalOrderPutsSendersFirst) {
  Scenario s = load_scenario(source_path("scenarios/japan_baseline.yaml"));
  network::FundingNetwork net = network::build_network(s);
  ASSERT_EQ(net.channel_order.size(), s.channels.size());
  std::vector<int> position(s.channels.size());
  for (std::size_t i = 0; i < net.channel_order.size(); ++i) position[net.channel_order[i]] = static_cast<int>(i);
  for (std::size_t n = 0; n < s.channels.size(); ++n) {
    const Channel& c = s.channels[n];
    for (const auto& [id, share] : c.passes) EXPECT_LT(position[n], position[s.channel_index(id)]) << c.id;
    if (c.to) {
      for (const auto& [id, share] : *c.to) EXPECT_LT(position[n], position[s.channel_index(id)]) << c.id;
    }
  }
}

TEST(Network, TracksWhatReachesEachChannel) {
  Scenario s = load_scenario(source_path("scenarios/japan_baseline.yaml"));
  network::FundingNetwork net = network::build_network(s);
  const int local = s.channel_index("local_partners");
  EXPECT_FALSE(net.receives_untagged[local]);
  EXPECT_TRUE(net.earmarked_pillars[local][0]);   // via UNHCR and WFP sub-grants
  EXPECT_TRUE(net.earmarked_pillars[local][1]);   // via UNICEF's development money
  EXPECT_FALSE(net.earmarked_pillars[local][2]);  // no peace money is sub-granted
  EXPECT_TRUE(net.receives_untagged[s.channel_index("undp")]);
  EXPECT_TRUE(net.warnings.empty());
}

TEST(Network, ChannelNoMoneyReachesIsAWarning) {
  Scenario s = load_scenario(source_path("tests/data/small.yaml"), {"channels.idle.overhead=0.1"});
  network::FundingNetwork net = network::build_network(s);
  ASSERT_EQ(net.warnings.size(), 1u);
  EXPECT_NE(net.warnings[0].find("channels.idle"), std::string::npos);
}

TEST(Network, PathsFromDonorToProgramme) {
  Scenario s = load_scenario(source_path("scenarios/japan_baseline.yaml"));
  auto paths = network::donor_to_programme_paths(s, "SDN", Pillar::humanitarian);
  auto has = [&](std::vector<std::string> want) { return std::find(paths.begin(), paths.end(), want) != paths.end(); };
  EXPECT_TRUE(has({"japan/country_programmes", "unhcr", "SDN.humanitarian"}));
  EXPECT_TRUE(has({"japan/country_programmes", "unhcr", "local_partners", "SDN.humanitarian"}));
  EXPECT_TRUE(has({"japan/core_contributions", "untfhs", "unicef", "SDN.humanitarian"}));
  EXPECT_TRUE(has({"japan/emergency_reserve", "jpf", "SDN.humanitarian"}));
  EXPECT_FALSE(has({"japan/core_contributions", "pbf", "SDN.humanitarian"}));  // PBF funds peace only
  EXPECT_FALSE(has({"japan/core_contributions", "unrwa", "SDN.humanitarian"}));  // UNRWA: PSE, LBN, SYR only
  auto pse = network::donor_to_programme_paths(s, "PSE", Pillar::humanitarian);
  EXPECT_NE(std::find(pse.begin(), pse.end(), std::vector<std::string>{"japan/core_contributions", "unrwa", "PSE.humanitarian"}),
            pse.end());
  for (const auto& p : paths) EXPECT_EQ(p.back(), "SDN.humanitarian");
}

}  // namespace
}  // namespace pbflow::testing
