// What-ifs against a baseline (`pbflow run WHATIF --against BASELINE`): the
// paired difference of every outcome, per country and in total.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <sstream>

#include "pbflow/difference.h"
#include "support/run_helpers.h"
#include "support/test_files.h"

namespace pbflow::testing {
namespace {

RunResult run_on(const Engine& engine, int replicas, std::uint64_t seed) {
  RunOptions o;
  o.replicas = replicas;
  o.seed = seed;
  return engine.run(o);
}

const OutcomeDifference& find(const DifferenceResult& d, const std::string& measure, const std::string& country = "") {
  for (const OutcomeDifference& r : d.rows)
    if (r.measure == measure && r.country == country) return r;
  throw std::runtime_error("no row " + measure + " " + country);
}

// A what-if file extending the shipped baseline with `body` (YAML after `name:`).
std::string what_if(const TempDir& dir, const std::string& name, const std::string& body) {
  return dir.write(name, "pbflow: 1\nextends: " + source_path("scenarios/japan_baseline.yaml") + "\nname: w\n" + body);
}

// Mean money a budget line sent, over everything it sent (flows.csv rows from it).
double sent_by(const RunResult& r, const std::string& line) {
  double sum = 0.0;
  for (const FlowRow& f : r.flows)
    if (f.from == "japan/" + line) sum += f.amount;
  return sum;
}

TEST(WhatIf, TheBaselineAgainstItselfChangesNothing) {
  Engine engine = Engine::load(source_path("scenarios/japan_baseline.yaml"), {"horizon.months=36"});
  const DifferenceResult d = paired_difference(run_on(engine, 30, 7), run_on(engine, 30, 7));
  ASSERT_GT(d.rows.size(), 100u);
  for (const OutcomeDifference& r : d.rows) {
    EXPECT_EQ(r.mean, 0.0) << r.measure << " " << r.country;
    EXPECT_EQ(r.low, 0.0) << r.measure << " " << r.country;
    EXPECT_EQ(r.high, 0.0) << r.measure << " " << r.country;
    EXPECT_FALSE(r.clear());
    EXPECT_TRUE(r.only_in.empty());
  }
}

TEST(WhatIf, ACutBudgetSpendsLessAndLeavesMoreNeedUnmet) {
  Engine baseline = Engine::load(source_path("scenarios/japan_baseline.yaml"));
  Engine cut = Engine::load(source_path("scenarios/whatif/budget_cut_20.yaml"));
  const DifferenceResult d = paired_difference(run_on(cut, 60, 3), run_on(baseline, 60, 3));
  const OutcomeDifference& spent = find(d, "spent");
  EXPECT_LT(spent.high, 0.0);
  EXPECT_NEAR(spent.mean / spent.baseline, -0.2, 0.05);  // about a fifth less is spent
  const OutcomeDifference& unmet = find(d, "unmet_need_person_months");
  EXPECT_GT(unmet.low, 0.0);
  EXPECT_EQ(unmet.better, -1);
  EXPECT_LT(unmet.better_share, 0.2);  // the cut is better in few replicas
  // Intervals hold their mean, and totals are sums of the countries' rows.
  double countries = 0.0;
  for (const OutcomeDifference& r : d.rows) {
    EXPECT_LE(r.low, r.mean);
    EXPECT_GE(r.high, r.mean);
    if (r.measure == "spent_peace" && !r.country.empty()) countries += r.mean;
  }
  EXPECT_NEAR(countries, find(d, "spent_peace").mean, 1e-9 * std::abs(countries));
}

TEST(WhatIf, RunsMustBePaired) {
  Engine engine = Engine::load(source_path("scenarios/japan_baseline.yaml"), {"horizon.months=12"});
  EXPECT_THROW(paired_difference(run_on(engine, 10, 1), run_on(engine, 10, 2)), InputError);
  EXPECT_THROW(paired_difference(run_on(engine, 10, 1), run_on(engine, 11, 1)), InputError);
}

TEST(WhatIf, CountriesOnOneSideOnlyAreSaidSo) {
  TempDir dir;
  const std::string lines =
      "      main: {share: 1.0, release: monthly, allocate: strategy, pillars: [humanitarian], "
      "deliver: {humanitarian: {ch: 1}}}\n";
  std::string two = minimal_scenario(lines, "  ch: {lag: {months: 1}}\n", 24);
  two.replace(two.find("countries:\n"), 11, "countries:\n  KHM: {population: 2.0e6, phase: stable, people_in_need: 1.0e4}\n");
  Engine baseline = Engine::load(dir.write("one.yaml", minimal_scenario(lines, "  ch: {lag: {months: 1}}\n", 24)));
  Engine whatif = Engine::load(dir.write("two.yaml", two));
  const DifferenceResult d = paired_difference(run_on(whatif, 8, 1), run_on(baseline, 8, 1));
  EXPECT_EQ(find(d, "spent_humanitarian", "KHM").only_in, "whatif");
  EXPECT_GT(find(d, "spent_humanitarian", "KHM").mean, 0.0);   // money it did not have
  EXPECT_LT(find(d, "spent_humanitarian", "SDN").mean, 0.0);   // SDN shares the budget now
  EXPECT_TRUE(find(d, "spent_humanitarian", "SDN").only_in.empty());
}

TEST(WhatIf, CommandWritesTheDifferenceAndTheWhatIfsOwnResults) {
  TempDir dir;
  CommandResult r = run_pbflow({"run", source_path("scenarios/whatif/budget_cut_20.yaml"), "--against",
                                source_path("scenarios/japan_baseline.yaml"), "-n", "20", "--set",
                                "horizon.months=24", "--out", dir.path() + "/diff"});
  ASSERT_EQ(r.exit_code, 0) << r.out;
  EXPECT_NE(r.out.find("Largest changes by country"), std::string::npos) << r.out;
  const auto j = nlohmann::json::parse(read_text(dir.path() + "/diff/diff.json"));
  EXPECT_EQ(j["replicas"], 20);
  ASSERT_GT(j["rows"].size(), 100u);
  const auto& row = j["rows"][0];
  for (const char* key : {"measure", "country", "unit", "better", "baseline", "whatif", "difference", "clear",
                          "better_share", "only_in"})
    EXPECT_TRUE(row.contains(key)) << key;
  const std::string csv = read_text(dir.path() + "/diff/diff.csv");
  EXPECT_EQ(csv.substr(0, csv.find('\n')),
            "measure,country,unit,better,baseline,whatif,difference,low_95,high_95,clear,better_share,only_in");
  EXPECT_FALSE(read_text(dir.path() + "/diff/summary.json").empty());  // the what-if's own results too
  // A what-if without a file: the baseline with --change applied to it alone.
  CommandResult changed = run_pbflow({"run", source_path("scenarios/japan_baseline.yaml"), "--against",
                                      source_path("scenarios/japan_baseline.yaml"), "--change",
                                      "donors.japan.budget.initial.2026=100e9", "-n", "10", "--set",
                                      "horizon.months=24", "--out", dir.path() + "/changed"});
  ASSERT_EQ(changed.exit_code, 0) << changed.out;
  const auto c = nlohmann::json::parse(read_text(dir.path() + "/changed/diff.json"));
  EXPECT_LT(c["rows"][0]["difference"]["high"].get<double>(), 0.0);  // spent: less money, less spent
  EXPECT_EQ(c["rows"][0]["measure"], "spent");
  // A baseline that does not exist is refused before anything runs.
  CommandResult missing = run_pbflow({"run", source_path("scenarios/japan_baseline.yaml"), "--against", "/no/such.yaml"});
  EXPECT_EQ(missing.exit_code, 2);
}

// An extending file edits the base's lists by saying how; a plain list over
// a base's list would drop its items silently, and is refused.
TEST(WhatIfFiles, ListsAreAddedToOrReplacedNeverDroppedSilently) {
  TempDir dir;
  const std::string base = source_path("scenarios/japan_baseline.yaml");
  const std::size_t base_shocks = Engine::load(base).scenario().shocks.size();
  ASSERT_GT(base_shocks, 1u);
  const std::string onset = "{kind: conflict_onset, country: ETH, at: 2026-10}";
  auto load = [&](const std::string& name, const std::string& shocks) {
    return Engine::load(what_if(dir, name, "shocks: " + shocks + "\n"));
  };
  EXPECT_EQ(load("add.yaml", "{add: [" + onset + "]}").scenario().shocks.size(), base_shocks + 1);
  EXPECT_EQ(load("add.yaml", "{add: [" + onset + "]}").scenario().shocks.back().kind, ShockKind::conflict_onset);
  EXPECT_EQ(load("replace.yaml", "{replace: [" + onset + "]}").scenario().shocks.size(), 1u);
  try {
    load("plain.yaml", "[" + onset + "]");
    FAIL() << "a plain list over the base's shocks was accepted";
  } catch (const InputError& e) {
    const std::string message = e.what();
    EXPECT_NE(message.find("plain.yaml:4:"), std::string::npos) << message;       // where the user wrote it
    EXPECT_NE(message.find("japan_baseline.yaml:"), std::string::npos) << message;  // and what it would drop
    EXPECT_NE(message.find("{add: [...]}"), std::string::npos) << message;
  }
  // A file that extends nothing may write an edit too (of an empty list).
  std::string own = read_text(base);
  own.replace(own.find("shocks:\n"), 8, "shocks:\n  add:\n");
  std::size_t at = own.find("  add:\n") + 7;
  while (own.compare(at, 4, "  - ") == 0) {
    own.insert(at, "  ");
    at = own.find('\n', at) + 1;
  }
  EXPECT_EQ(Engine::load(dir.write("own.yaml", own)).scenario().shocks.size(), base_shocks);
}

// A key that does nothing where it is written is an error, at its line.
TEST(WhatIfFiles, AShockKeyWithNoEffectIsRefusedWhereItIsWritten) {
  TempDir dir;
  const std::string base = source_path("scenarios/japan_baseline.yaml");
  auto shock = [&](const std::string& name, const std::string& text) {
    return what_if(dir, name, "shocks:\n  add:\n    - " + text + "\n");
  };
  const std::pair<std::string, std::string> cases[] = {
      {"{kind: conflict_onset, country: ETH, at: 2026-10, scale: 2}", "`scale` has no effect on a conflict_onset"},
      {"{kind: budget, donor: japan, from: 2026-04, scale: 0.8, country: ETH}", "`country` has no effect on a budget"},
      {"{kind: disaster, rate_per_year: 1, people: {median: 1e4}, at: 2026-01}", "`rate_per_year` has no effect"},
      {"{kind: lag, channel: unhcr, from: 2026-01, value: 3, amount: 5}", "`amount` has no effect on a lag"},
  };
  for (const auto& [text, said] : cases) {
    try {
      Engine::load(shock("s.yaml", text));
      ADD_FAILURE() << text << " was accepted";
    } catch (const InputError& e) {
      const std::string message = e.what();
      EXPECT_NE(message.find(said), std::string::npos) << message;
      EXPECT_NE(message.find("s.yaml:6:"), std::string::npos) << message;  // the shock's own line
      EXPECT_NE(message.find("reads only: kind"), std::string::npos) << message;
    }
  }
  // A dated shock outside the horizon is kept, and said.
  Engine late = Engine::load(shock("late.yaml", "{kind: conflict_onset, country: ETH, at: 2040-01}"));
  ASSERT_FALSE(late.warnings().empty());
  const std::string warning = late.warnings().back();
  EXPECT_NE(warning.find("late.yaml:6:"), std::string::npos) << warning;
  EXPECT_NE(warning.find("2040-01 is after the horizon"), std::string::npos) << warning;
  Engine early = Engine::load(shock("early.yaml", "{kind: supplementary, donor: japan, at: 2020-02, amount: 1e9}"));
  ASSERT_FALSE(early.warnings().empty());
  EXPECT_NE(early.warnings().back().find("before the horizon starts"), std::string::npos) << early.warnings().back();
}

// A strategy key its kind does not read is refused where it is written; a
// base's key that an extending file's new kind leaves behind is dropped
// with the old kind (the what-if changed the kind, which has its effect).
TEST(WhatIfFiles, AStrategyKeyItsKindDoesNotReadIsRefused) {
  TempDir dir;
  try {
    Engine::load(what_if(dir, "pba_key.yaml", "strategy:\n  exponents: {performance: 1}\n"));
    ADD_FAILURE() << "exponents on nexus_phase was accepted";
  } catch (const InputError& e) {
    const std::string message = e.what();
    EXPECT_NE(message.find("pba_key.yaml:5:"), std::string::npos) << message;
    EXPECT_NE(message.find("`exponents` has no effect on a `nexus_phase` strategy; only `pba` reads it"),
              std::string::npos)
        << message;
  }
  try {
    Engine::load(what_if(dir, "both.yaml", "strategy:\n  kind: needs\n  transition_months: 6\n"));
    ADD_FAILURE() << "transition_months on needs was accepted";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("only `nexus_phase` reads it"), std::string::npos) << e.what();
  }
  // The baseline's `countries: needs` (read by nexus_phase) goes with its kind.
  EXPECT_EQ(Engine::load(what_if(dir, "needs.yaml", "strategy:\n  kind: needs\n")).scenario().strategy.kind,
            StrategyKind::needs);
  EXPECT_THROW(Engine::load(source_path("scenarios/japan_baseline.yaml"), {"strategy.reserve_share=0.2"}), InputError);
  try {
    Engine::load(source_path("scenarios/japan_baseline.yaml"), {"donors.japan.lines.emergency_reserve.allocate=strategy"});
    ADD_FAILURE() << "allocate on a reserve line was accepted";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("`allocate` has no effect on a reserve line"), std::string::npos) << e.what();
  }
}

// Shares that stop summing to 1 are blamed on what changed them: the
// what-if's line (not the baseline's), or the --set flag, with every member.
TEST(WhatIfFiles, ShareErrorsNameWhatChangedTheSumAndListTheMembers) {
  TempDir dir;
  const std::string base = source_path("scenarios/japan_baseline.yaml");
  const std::string file = what_if(dir, "w.yaml", "donors:\n  japan:\n    lines:\n"
                                                  "      core_contributions: {share: 0.3}\n");
  try {
    Engine::load(file);
    FAIL() << "accepted";
  } catch (const InputError& e) {
    const std::string message = e.what();
    EXPECT_EQ(message.rfind(file + ":7:", 0), 0u) << message;  // the what-if's own line
    EXPECT_NE(message.find("donors.japan.lines.core_contributions.share"), std::string::npos) << message;
    EXPECT_NE(message.find("sum to 1.15"), std::string::npos) << message;
    EXPECT_NE(message.find("country_programmes.share 0.55 (" + base + ":"), std::string::npos) << message;
  }
  CommandResult r = run_pbflow({"validate", base, "--set", "donors.japan.lines.grassroots.share=0.2"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.out.find("--set donors.japan.lines.grassroots.share"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("sum to 1.1: "), std::string::npos) << r.out;
}

// A budget shock that names a line cuts that line alone.
TEST(WhatIfFiles, ABudgetShockOnOneLineCutsThatLineAlone) {
  TempDir dir;
  const std::string base = source_path("scenarios/japan_baseline.yaml");
  Engine baseline = Engine::load(base, {"horizon.months=36"});
  Engine cut = Engine::load(what_if(dir, "cut.yaml", "shocks:\n  add:\n    - {kind: budget, donor: japan, "
                                                      "line: grassroots, from: 2025-04, scale: 0.8}\n"),
                            {"horizon.months=36"});
  const RunResult a = run_on(baseline, 8, 5), b = run_on(cut, 8, 5);
  EXPECT_NEAR(sent_by(b, "grassroots") / sent_by(a, "grassroots"), 0.8, 1e-9);
  for (const char* other : {"country_programmes", "core_contributions", "ngo_grants"}) {
    ASSERT_GT(sent_by(a, other), 0.0) << other;
    EXPECT_NEAR(sent_by(b, other) / sent_by(a, other), 1.0, 1e-9) << other;
  }
  // A line the donor does not have is refused, with the donor's lines suggested.
  try {
    Engine::load(what_if(dir, "typo.yaml", "shocks:\n  add:\n    - {kind: budget, donor: japan, "
                                            "line: grasroots, from: 2025-04, scale: 0.8}\n"));
    FAIL() << "accepted";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("grassroots"), std::string::npos) << e.what();
  }
}

// A line voted as its own amounts: the planner writes the yen, and the
// other lines keep theirs.
TEST(WhatIfFiles, ALineGivenAsAmountsGetsThemAndTheOthersKeepTheirShares) {
  TempDir dir;
  const std::string base = source_path("scenarios/japan_baseline.yaml");
  const std::vector<std::string> plain = {"horizon.months=36", "donors.japan.budget.supplementary.share_of_initial=0"};
  Engine baseline = Engine::load(base, plain);
  // The baseline's grassroots line is 10% of JPY 150bn a year: voted at 12bn instead.
  Engine voted = Engine::load(what_if(dir, "voted.yaml", "donors:\n  japan:\n    lines:\n"
                                                          "      grassroots: {amount: {2025: 12.0e9}}\n"),
                              plain);
  const RunResult a = run_on(baseline, 8, 5), b = run_on(voted, 8, 5);
  EXPECT_NEAR(sent_by(b, "grassroots") / sent_by(a, "grassroots"), 0.8, 1e-9);
  for (const char* other : {"country_programmes", "core_contributions", "ngo_grants"})
    EXPECT_NEAR(sent_by(b, other) / sent_by(a, other), 1.0, 1e-9) << other;
  // An amount must cover the horizon's first fiscal year; a growth needs an amount.
  const std::pair<std::string, std::string> wrong[] = {
      {"grassroots: {amount: {2027: 12.0e9}}", "give an amount for 2025"},
      {"grassroots: {amount_growth: 0.1}", "`amount_growth` has no effect without `amount`"},
  };
  for (const auto& [line, said] : wrong) {
    try {
      Engine::load(what_if(dir, "wrong.yaml", "donors:\n  japan:\n    lines:\n      " + line + "\n"));
      ADD_FAILURE() << line << " was accepted";
    } catch (const InputError& e) {
      EXPECT_NE(std::string(e.what()).find(said), std::string::npos) << e.what();
    }
  }
}

// A line's own scale cuts that line alone, supplementary money included;
// keys a line's kind would ignore are refused.
TEST(WhatIfFiles, ALinesScaleCutsItAloneAndIgnoredLineKeysAreRefused) {
  TempDir dir;
  const std::string base = source_path("scenarios/japan_baseline.yaml");
  auto extend = [&](const std::string& name, const std::string& lines) {
    return what_if(dir, name, "donors:\n  japan:\n    lines:\n" + lines);
  };
  Engine baseline = Engine::load(base, {"horizon.months=36"});
  Engine cut = Engine::load(extend("cut.yaml", "      grassroots: {scale: 0.8}\n"), {"horizon.months=36"});
  const RunResult a = run_on(baseline, 8, 5), b = run_on(cut, 8, 5);
  EXPECT_NEAR(sent_by(b, "grassroots") / sent_by(a, "grassroots"), 0.8, 1e-9);
  EXPECT_NEAR(sent_by(b, "ngo_grants") / sent_by(a, "ngo_grants"), 1.0, 1e-9);
  const std::pair<std::string, std::string> wrong[] = {
      {"      core_contributions: {pillars: [peace]}\n", "no effect on a line that sends core money"},
      {"      emergency_reserve: {pillars: [peace]}\n", "no effect on a reserve line"},
  };
  for (const auto& [lines, said] : wrong) {
    try {
      Engine::load(extend("wrong.yaml", lines));
      ADD_FAILURE() << lines << " was accepted";
    } catch (const InputError& e) {
      EXPECT_NE(std::string(e.what()).find(said), std::string::npos) << e.what();
    }
  }
}

// A supplementary budget voted for one line goes to that line alone.
TEST(WhatIfFiles, ASupplementaryBudgetForOneLineGoesThereAlone) {
  TempDir dir;
  const std::string base = source_path("scenarios/japan_baseline.yaml");
  Engine baseline = Engine::load(base, {"horizon.months=36"});
  Engine more = Engine::load(what_if(dir, "more.yaml", "shocks:\n  add:\n    - {kind: supplementary, "
                                                        "donor: japan, line: ngo_grants, at: 2026-02, amount: 5.0e9}\n"),
                             {"horizon.months=36"});
  const RunResult a = run_on(baseline, 8, 5), b = run_on(more, 8, 5);
  // JPY 5bn at about 150 yen to the dollar: about USD 33m more through the NGO grants.
  EXPECT_NEAR(sent_by(b, "ngo_grants") - sent_by(a, "ngo_grants"), 5.0e9 / 150.0, 0.1 * 5.0e9 / 150.0);
  for (const char* other : {"country_programmes", "core_contributions", "grassroots"})
    EXPECT_NEAR(sent_by(b, other) / sent_by(a, other), 1.0, 1e-9) << other;
}

// A supplementary budget earmarked to a country reaches that country's
// programme through the channels it names; a wrong earmark is refused.
TEST(WhatIfFiles, ASupplementaryBudgetEarmarkedToACountryReachesItThroughItsChannels) {
  TempDir dir;
  const std::string base = source_path("scenarios/japan_baseline.yaml");
  auto with = [&](const std::string& name, const std::string& shock) {
    return what_if(dir, name, "shocks:\n  add:\n    - " + shock + "\n");
  };
  Engine baseline = Engine::load(base, {"horizon.months=36"});
  Engine grant = Engine::load(with("grant.yaml", "{kind: supplementary, donor: japan, at: 2026-02, amount: 10.0e9, "
                                                 "country: ETH, pillar: humanitarian, deliver: {jpf: 1.0}}"),
                              {"horizon.months=36"});
  const DifferenceResult d = paired_difference(run_on(grant, 20, 9), run_on(baseline, 20, 9));
  // JPY 10bn at about 150 yen to the dollar, less JPF's 5% overhead, spent in Ethiopia.
  const OutcomeDifference& eth = find(d, "spent_humanitarian", "ETH");
  EXPECT_GT(eth.low, 0.0);
  EXPECT_NEAR(eth.mean, 10.0e9 / 150.0 * 0.95, 0.12 * 10.0e9 / 150.0);
  EXPECT_NEAR(find(d, "appropriated").mean, 10.0e9 / 150.0, 0.1 * 10.0e9 / 150.0);
  // Refused: an earmark with no channels, channels whose mandate excludes the
  // pillar, and a line beside a country (the earmark is the line).
  const std::pair<std::string, std::string> wrong[] = {
      {"{kind: supplementary, donor: japan, at: 2026-02, amount: 1e9, country: ETH}", "missing `deliver`"},
      {"{kind: supplementary, donor: japan, at: 2026-02, amount: 1e9, country: ETH, pillar: peace, deliver: {jpf: 1}}",
       "whose mandate does not cover peace"},
      {"{kind: supplementary, donor: japan, at: 2026-02, amount: 1e9, country: ETH, line: grassroots, "
       "deliver: {jpf: 1}}",
       "`line` has no effect"},
  };
  for (const auto& [shock, said] : wrong) {
    try {
      Engine::load(with("wrong.yaml", shock));
      ADD_FAILURE() << shock << " was accepted";
    } catch (const InputError& e) {
      EXPECT_NE(std::string(e.what()).find(said), std::string::npos) << e.what();
    }
  }
}

// The same earmark in the donor's own budget.supplementary.
TEST(WhatIfFiles, ABudgetsOwnSupplementaryCanBeEarmarkedToACountry) {
  TempDir dir;
  const std::string base = source_path("scenarios/japan_baseline.yaml");
  const std::vector<std::string> plain = {"horizon.months=36"};
  Engine baseline = Engine::load(base, plain);
  Engine grant = Engine::load(
      what_if(dir, "grant.yaml", "donors:\n  japan:\n    budget:\n      supplementary:\n"
                                  "        replace:\n          - {month: 12, share_of_initial: 0.4}\n"
                                  "          - {month: 2027-02, amount: 10.0e9, country: SDN, deliver: {jpf: 1}}\n"),
      plain);
  const DifferenceResult d = paired_difference(run_on(grant, 20, 9), run_on(baseline, 20, 9));
  const OutcomeDifference& sdn = find(d, "spent_humanitarian", "SDN");
  EXPECT_GT(sdn.low, 0.0);
  EXPECT_NEAR(sdn.mean, 10.0e9 / 150.0 * 0.95, 0.15 * 10.0e9 / 150.0);
  // `add` keeps the base's one supplementary budget, written as a single item.
  Engine added = Engine::load(what_if(dir, "added.yaml", "donors:\n  japan:\n    budget:\n"
                                                          "      supplementary:\n        add:\n          - {month: "
                                                          "2027-02, amount: 10.0e9, country: SDN, deliver: {jpf: 1}}\n"));
  ASSERT_EQ(added.scenario().donors.front().budget.supplementary.size(), 2u);
  EXPECT_EQ(added.scenario().donors.front().budget.supplementary.front().share_of_initial, 0.4);
  try {
    Engine::load(what_if(dir, "wrong.yaml", "donors:\n  japan:\n    budget:\n      supplementary:\n"
                                             "        add:\n          - {month: 2027-02, amount: 1e9, pillar: peace}\n"));
    FAIL() << "accepted";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("`pillar` has no effect without `country`"), std::string::npos) << e.what();
  }
}

TEST(WhatIf, RunsOverDifferentHorizonsAreNotCompared) {
  Engine engine = Engine::load(source_path("scenarios/japan_baseline.yaml"), {"horizon.months=12"});
  Engine longer = Engine::load(source_path("scenarios/japan_baseline.yaml"), {"horizon.months=24"});
  EXPECT_THROW(paired_difference(run_on(engine, 4, 1), run_on(longer, 4, 1)), InputError);
}

// Each shipped what-if says in a comment which way its headline outcomes
// move ("# Expected (tested, ...): spent down, conflict_months@KHM up.");
// run against the baseline, each stated direction holds with an interval
// that excludes zero.
std::vector<std::pair<std::string, int>> expected_directions(const std::string& text) {
  std::vector<std::pair<std::string, int>> out;
  const std::size_t at = text.find("# Expected");
  if (at == std::string::npos) return out;
  std::string said;
  for (std::size_t line = text.find(':', at) + 1; line < text.size();) {
    const std::size_t end = text.find('\n', line);
    said.append(" ").append(text, line, end == std::string::npos ? std::string::npos : end - line);
    if (end == std::string::npos || text.compare(end + 1, 2, "# ") != 0) break;
    line = end + 3;
  }
  for (char& c : said)
    if (c == ',' || c == '.') c = ' ';
  std::istringstream words(said);
  std::string measure, direction;
  while (words >> measure >> direction) out.push_back({measure, direction == "up" ? +1 : direction == "down" ? -1 : 0});
  return out;
}

// A what-if is run against the baseline, or against the file its comment
// names ("# Against: ../cases/iraq_2003.yaml", relative to the what-if).
std::string baseline_of(const std::filesystem::path& whatif, const std::string& text) {
  const std::size_t at = text.find("# Against: ");
  if (at == std::string::npos) return source_path("scenarios/japan_baseline.yaml");
  const std::size_t from = at + 11, end = text.find('\n', from);
  return (whatif.parent_path() / text.substr(from, end - from)).string();
}

TEST(WhatIf, ShippedWhatIfsMoveTheWayTheySay) {
  int files = 0, checks = 0;
  for (const auto& entry : std::filesystem::directory_iterator(source_path("scenarios/whatif"))) {
    if (entry.path().extension() != ".yaml") continue;
    ++files;
    const std::string text = read_text(entry.path().string());
    const auto expected = expected_directions(text);
    ASSERT_FALSE(expected.empty()) << entry.path() << " states no expected direction";
    Engine baseline = Engine::load(baseline_of(entry.path(), text));
    Engine whatif = Engine::load(entry.path().string());
    const std::uint64_t seed = whatif.scenario().simulation.seed;
    const DifferenceResult d = paired_difference(run_on(whatif, 60, seed), run_on(baseline, 60, seed));
    for (const auto& [said, direction] : expected) {
      ASSERT_NE(direction, 0) << entry.path() << ": `" << said << "` needs `up` or `down`";
      const std::size_t where = said.find('@');
      const OutcomeDifference& row =
          find(d, said.substr(0, where), where == std::string::npos ? "" : said.substr(where + 1));
      if (direction > 0) EXPECT_GT(row.low, 0.0) << entry.path() << ": " << said << " up";
      else EXPECT_LT(row.high, 0.0) << entry.path() << ": " << said << " down";
      ++checks;
    }
  }
  EXPECT_GE(files, 12);
  EXPECT_GE(checks, 28);
}

}  // namespace
}  // namespace pbflow::testing
