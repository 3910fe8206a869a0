// The scenario language: loading, extends, overrides, schema.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "pbflow/engine.h"
#include "pbflow/errors.h"
#include "pbflow/scenario_io.h"
#include "scenario/compose.h"
#include "scenario/spec.h"
#include "scenario/yaml_tree.h"
#include "support/test_files.h"

namespace pbflow::testing {
namespace {

TEST(Scenario, DesignExampleLoadsIntoTypedStructs) {
  Scenario s = load_scenario(source_path("scenarios/examples/japan_baseline.yaml"));
  EXPECT_EQ(s.name, "japan-baseline");
  EXPECT_EQ(s.horizon.start, YearMonth::of(2025, 4));
  EXPECT_EQ(s.horizon.months, 120);
  ASSERT_EQ(s.donors.size(), 1u);
  const Donor& japan = s.donors[0];
  EXPECT_EQ(japan.currency, "JPY");
  EXPECT_EQ(japan.fiscal_year_start, 4);
  EXPECT_DOUBLE_EQ(japan.budget.for_year(2025), 150.0e9);
  EXPECT_DOUBLE_EQ(japan.budget.for_year(2030), 150.0e9);
  ASSERT_EQ(japan.lines.size(), 5u);
  EXPECT_EQ(japan.lines[2].release.kind, ReleaseKind::reserve);
  EXPECT_DOUBLE_EQ(japan.lines[2].release.share_per_event, 0.25);
  EXPECT_EQ(s.channels.size(), 11u);
  const Channel& pbf = s.channels[s.channel_index("pbf")];
  EXPECT_EQ(pbf.mandate.within_months, 60);
  ASSERT_TRUE(pbf.core);
  EXPECT_DOUBLE_EQ(pbf.core->pillar_weights[2], 1.0);  // peace only, by its mandate
  EXPECT_EQ(s.countries.size(), 8u);
  EXPECT_EQ(s.countries[s.country_index("SDN")].phase, Phase::conflict);
  EXPECT_EQ(s.strategy.kind, StrategyKind::nexus_phase);
  EXPECT_DOUBLE_EQ(s.strategy.pillar_split[0][0], 0.70);
  EXPECT_EQ(s.shocks.size(), 2u);
}

TEST(Scenario, ShippedBaselineKeepsTheExampleLinesAndNamesEveryChannel) {
  Scenario s = load_scenario(source_path("scenarios/japan_baseline.yaml"));
  EXPECT_GE(s.countries.size(), 15u);
  for (const char* id : {"unhcr", "wfp", "unicef", "undp", "iom", "unrwa", "unmas", "icrc", "untfhs", "pbf", "jpf",
                         "embassies", "japanese_ngos", "jica"})
    EXPECT_GE(s.channel_index(id), 0) << id;
  // compare_hdp.yaml and sweep_lhs.yaml extend it and set these keys.
  std::vector<std::string> lines;
  for (const auto& l : s.donors[0].lines) lines.push_back(l.id);
  EXPECT_EQ(lines, (std::vector<std::string>{"country_programmes", "core_contributions", "emergency_reserve",
                                             "grassroots", "ngo_grants"}));
  EXPECT_EQ(s.channels[s.channel_index("unrwa")].mandate.countries.size(), 3u);
}

TEST(Scenario, EveryShippedScenarioAndSharedExampleLoads) {
  std::vector<std::string> files = shipped_scenarios();
  if (std::string ex = shared_examples_dir(); !ex.empty())
    for (const char* name : {"japan_baseline.yaml", "compare_hdp.yaml", "sweep_lhs.yaml"}) files.push_back(ex + "/" + name);
  ASSERT_GE(files.size(), 3u);
  for (const auto& f : files) EXPECT_NO_THROW(load_scenario(f)) << f;
}

// The composed text (what sweep stores key their points by) is YAML that
// reads back to the same scenario, byte for byte, quoted text staying text.
TEST(Scenario, ComposedTextReadsBackToTheSameScenario) {
  TempDir dir;
  for (const auto& file : shipped_scenarios()) {
    const Scenario s = load_scenario(file, {"name=\"1e3: \\\"quoted\\\" #not a comment\""});
    EXPECT_EQ(("\n" + s.composed_text).find("\nextends:"), std::string::npos) << "extends: is resolved";
    const std::string copy = dir.write("copy.yaml", s.composed_text);
    const Scenario again = load_scenario(copy);
    EXPECT_EQ(again.composed_text, s.composed_text) << file;
    EXPECT_EQ(again.name, "1e3: \"quoted\" #not a comment") << file;
    EXPECT_EQ(again.countries.size(), s.countries.size());
    EXPECT_EQ(again.channels.size(), s.channels.size());
  }
}

TEST(Scenario, CompareExampleKeepsItsStrategies) {
  Scenario s = load_scenario(source_path("scenarios/compare_hdp.yaml"));
  ASSERT_TRUE(s.compare);
  EXPECT_EQ(s.compare->baseline, "status_quo");
  ASSERT_EQ(s.compare->strategies.size(), 5u);
  EXPECT_FALSE(s.compare->strategies[2].strategy);  // `{}`: the scenario's own
  EXPECT_EQ(s.compare->strategies[4].set.size(), 2u);
  ASSERT_TRUE(s.sweep == std::nullopt);
}

TEST(Scenario, ExtendsMergesMapsDeeplyChildWins) {
  TempDir dir;
  dir.write("base.yaml", read_text(source_path("tests/data/small.yaml")));
  std::string child = dir.write("child.yaml",
                                "pbflow: 1\nextends: base.yaml\nname: child\n"
                                "channels:\n  agency:\n    overhead: 0.02\n");
  Scenario s = load_scenario(child);
  EXPECT_EQ(s.name, "child");
  const Channel& agency = s.channels[s.channel_index("agency")];
  EXPECT_DOUBLE_EQ(agency.overhead, 0.02);
  EXPECT_DOUBLE_EQ(agency.lag_months, 3.0);  // kept from the base
  EXPECT_EQ(s.channels.size(), 3u);
}

TEST(Scenario, SetOverridesScalarsAndAddsMapKeys) {
  Scenario s = load_scenario(source_path("scenarios/japan_baseline.yaml"),
                             {"channels.untfhs.overhead=0.05", "donors.japan.budget.initial.2027=1e11",
                              "horizon.months=36"});
  EXPECT_DOUBLE_EQ(s.channels[s.channel_index("untfhs")].overhead, 0.05);
  EXPECT_DOUBLE_EQ(s.donors[0].budget.for_year(2027), 1e11);
  EXPECT_DOUBLE_EQ(s.donors[0].budget.for_year(2028), 1e11);  // growth 0 after the last listed year
  EXPECT_EQ(s.horizon.months, 36);
}

TEST(Scenario, SetRejectsMalformedAssignments) {
  EXPECT_THROW(load_scenario(source_path("tests/data/small.yaml"), {"no-equals-sign"}), InputError);
  EXPECT_THROW(load_scenario(source_path("tests/data/small.yaml"), {"horizon.start.x=1"}), InputError);
  EXPECT_THROW(load_scenario(source_path("tests/data/small.yaml"), {"horizon..months=1"}), InputError);
}

TEST(Scenario, DuplicateKeysAreSeen) {
  try {
    scenario::parse_yaml("a: 1\nb: 2\na: 3\n", "dup.yaml");
    FAIL() << "duplicate key accepted";
  } catch (const InputError& e) {
    EXPECT_EQ(e.where().line, 3);
    EXPECT_EQ(e.key_path(), "a");
  }
}

TEST(Scenario, MisspeltReferenceSuggestsNearestName) {
  try {
    load_scenario(source_path("tests/data/small.yaml"), {"donors.japan.lines.core.to.fnd=1.0", "donors.japan.lines.core.to.fund=0"});
    FAIL();
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("did you mean `fund`?"), std::string::npos) << e.what();
  }
}

TEST(Schema, IsJsonSchemaCoveringEveryTopLevelKey) {
  auto root = nlohmann::json::parse(scenario_json_schema());
  EXPECT_EQ(root["type"], "object");
  // A file that extends nothing is checked against the complete language,
  // one that extends another without required keys.
  EXPECT_EQ(root["if"]["required"][0], "extends");
  EXPECT_EQ(root["else"]["$ref"], "#/$defs/complete");
  EXPECT_EQ(root["then"]["$ref"], "#/$defs/extending");
  EXPECT_FALSE(root["$defs"]["extending"].contains("required"));
  auto schema = root["$defs"]["complete"];
  EXPECT_FALSE(schema["additionalProperties"].get<bool>());
  for (const auto& f : scenario::scenario_spec().fields) EXPECT_TRUE(schema["properties"].contains(f.name)) << f.name;
  auto channel = schema["properties"]["channels"]["additionalProperties"];
  EXPECT_EQ(channel["properties"]["overhead"]["minimum"], 0.0);
  EXPECT_EQ(channel["properties"]["overhead"]["exclusiveMaximum"], 1.0);
  auto required = schema["required"];
  EXPECT_NE(std::find(required.begin(), required.end(), "channels"), required.end());
}

TEST(Schema, MarkdownReferenceListsNestedKeys) {
  std::string md = scenario_reference_markdown();
  for (const char* key : {"`horizon.start`", "`channels.<channel id>.lag.stages`",
                          "`donors.<donor id>.lines.<budget line id>.release`", "`countries.<ISO3 country code>.phase`"})
    EXPECT_NE(md.find(key), std::string::npos) << key;
}

TEST(Schema, DocsReferenceIsCurrent) {
  // docs/scenario-reference.md embeds the generated table; regenerate it with
  // `pbflow schema --markdown` when the language changes.
  std::string doc = read_text(source_path("docs/scenario-reference.md"));
  EXPECT_NE(doc.find(scenario_reference_markdown()), std::string::npos)
      << "docs/scenario-reference.md is out of date: paste the output of `pbflow schema --markdown`";
}

}  // namespace
}  // namespace pbflow::testing

#include "scenario/sha256.h"

namespace pbflow::testing {
namespace {

// FIPS 180-2 appendix B's examples, and the empty text.
TEST(Sha256, MatchesTheStandardsExamples) {
  EXPECT_EQ(scenario::sha256_hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(scenario::sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(scenario::sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  EXPECT_EQ(scenario::sha256_hex(std::string(1000000, 'a')),
            "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST(Sha256, ResultsCarryTheComposedScenariosFingerprint) {
  const Engine a = Engine::load(source_path("scenarios/japan_baseline.yaml"), {"horizon.months=12"});
  const Engine b = Engine::load(source_path("scenarios/japan_baseline.yaml"), {"horizon.months=13"});
  RunOptions o;
  o.replicas = 1;
  const RunResult ra = a.run(o), rb = b.run(o);
  EXPECT_EQ(ra.scenario_sha256, scenario::sha256_hex(a.scenario().composed_text));
  EXPECT_NE(ra.scenario_sha256, rb.scenario_sha256);  // a --set changes the text
  EXPECT_EQ(ra.scenario_sha256.size(), 64u);
}

}  // namespace
}  // namespace pbflow::testing
