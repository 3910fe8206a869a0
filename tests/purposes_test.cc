// Sub-sectors by DAC purpose code (docs/model.md, 1.9): money split by a
// line's purpose shares and kept apart by channels limited to codes, a code
// that does what its pillar does changing nothing, each code acting where
// the model says (relief on people reached, DDR only in a settlement's first
// years, mine action on development capacity), and the language's refusals.
#include <gtest/gtest.h>

#include <cmath>
#include <map>

#include "pbflow/engine.h"
#include "pbflow/errors.h"
#include "sim/country_state.h"
#include "support/test_files.h"

namespace pbflow::testing {
namespace {

RunResult run(const std::string& path, const std::vector<std::string>& overrides, int replicas,
              std::uint64_t seed = 7) {
  RunOptions o;
  o.replicas = replicas;
  o.seed = seed;
  return Engine::load(path, overrides).run(o);
}

const std::string& purposes_yaml() {
  static const std::string path = source_path("tests/data/purposes.yaml");
  return path;
}
const std::string& small_yaml() {
  static const std::string path = source_path("tests/data/small.yaml");
  return path;
}

double mean_purpose_spent(const RunResult& r, const std::string& country, int code) {
  double sum = 0.0;
  for (std::size_t k = 0; k < r.purposes.size(); ++k)
    if (r.purposes[k].country == country && r.purposes[k].code == code)
      for (int i = 0; i < r.replicas; ++i) sum += r.purpose_spent[i * r.purposes.size() + k];
  return sum / r.replicas;
}

TEST(Purposes, MoneyIsSplitByTheLinesSharesAndConserved) {
  const RunResult r = run(purposes_yaml(), {}, 50);
  for (const ReplicaTotals& t : r.totals) EXPECT_LT(t.conservation_error, 1e-12);
  // Every purpose programme money can reach, in each country.
  std::map<std::string, int> codes;
  for (const PurposeProgramme& p : r.purposes) codes[p.country + "." + std::to_string(p.code)] += 1;
  EXPECT_EQ(codes.size(), 8u);  // 15151, 15240, 15250, 72040 in SDN and AFG
  // What the line sends into a country's peace programmes: 25% to
  // elections, 50% to DDR, the rest (25%) to the general peace programme.
  std::map<std::string, double> sent;
  for (const FlowRow& f : r.flows)
    if (f.from == "japan/programmes" && f.country == "SDN" && f.pillar == "peace") sent[f.purpose] += f.amount;
  ASSERT_GT(sent[""], 0.0);
  EXPECT_NEAR(sent["15151"] / sent[""], 1.0, 1e-12);
  EXPECT_NEAR(sent["15240"] / sent[""], 2.0, 1e-12);
  EXPECT_EQ(sent.count("15250"), 0u) << "the programmes line funds no mine action";
  // Relief: 40% of its humanitarian money to emergency food assistance.
  double general = 0, food = 0;
  for (const FlowRow& f : r.flows)
    if (f.from == "japan/programmes" && f.country == "AFG" && f.pillar == "humanitarian")
      (f.purpose == "72040" ? food : general) += f.amount;
  EXPECT_NEAR(food / (food + general), 0.4, 1e-12);
  // UNMAS delivers only to mine action, and all mine-action money came through it.
  for (const FlowRow& f : r.flows) {
    if (f.from == "unmas") EXPECT_EQ(f.purpose, "15250") << f.to;
    if (f.purpose == "15250") EXPECT_TRUE(f.from == "unmas" || f.to == "unmas") << f.from << " -> " << f.to;
  }
  // A pillar's spending in the outcomes is its general programme's plus its codes'.
  double peace = 0, coded = 0;
  for (int i = 0; i < r.replicas; ++i) peace += r.outcome(i, 0).spent[2];
  for (int code : {15151, 15240, 15250}) coded += mean_purpose_spent(r, "SDN", code);
  EXPECT_GT(peace / r.replicas, coded);
  EXPECT_GT(coded, 0.0);
}

// A code set to do exactly what its pillar does, funded with all of the
// pillar's money, changes nothing: the same spending, phases and people
// reached, replica by replica. (Core money is kept off the pillar, so the
// pillar's general programme gets none.)
TEST(Purposes, ACodeThatDoesWhatItsPillarDoesChangesNothing) {
  const std::vector<std::string> base = {"channels.fund.core.pillars={humanitarian: 1, development: 1}"};
  auto with = [&](std::vector<std::string> more) {
    more.insert(more.begin(), base.begin(), base.end());
    return more;
  };
  const RunResult plain = run(small_yaml(), base, 40);
  const RunResult peace = run(small_yaml(), with({"donors.japan.lines.programmes.purposes={\"15220\": 1}"}), 40);
  const RunResult relief = run(small_yaml(), with({"donors.japan.lines.programmes.purposes={\"72040\": 1}",
                                                   "model.purposes.72040.usd_per_person_month=1.0"}),
                               40);
  ASSERT_EQ(peace.purposes.size(), 2u);
  EXPECT_GT(mean_purpose_spent(peace, "AFG", 15220), 0.0);
  EXPECT_GT(mean_purpose_spent(relief, "SDN", 72040), 0.0);
  for (const RunResult* coded : {&peace, &relief})
    for (int i = 0; i < plain.replicas; ++i) {
      EXPECT_NEAR(coded->totals[i].spent, plain.totals[i].spent, 1e-12 * plain.totals[i].spent) << i;
      for (int c = 0; c < 2; ++c) {
        const CountryOutcome &a = plain.outcome(i, c), &b = coded->outcome(i, c);
        for (int p = 0; p < kPillars; ++p) EXPECT_NEAR(a.spent[p], b.spent[p], 1e-12 * a.spent[p]) << i << " " << c;
        EXPECT_EQ(a.conflict_months, b.conflict_months) << i << " " << c;
        EXPECT_EQ(a.relapses, b.relapses) << i << " " << c;
        EXPECT_EQ(a.people_reached, b.people_reached) << i << " " << c;
      }
    }
}

// DDR's stock counts only while a settlement is younger than its window:
// with a window of 0 it is as if its strength were 0; with a window and a
// strength it holds more settlements than the same money with none.
TEST(Purposes, DisarmamentActsOnlyInTheFirstYearsOfASettlement) {
  const std::vector<std::string> ddr = {"countries.AFG.months_in_phase=0",
                                        "channels.fund.core.pillars={humanitarian: 1, development: 1}",
                                        "donors.japan.lines.programmes.purposes={\"15240\": 1}"};
  auto with = [&](const std::string& more) {
    std::vector<std::string> v = ddr;
    v.push_back(more);
    return v;
  };
  const int R = 2000;
  const RunResult closed = run(small_yaml(), with("model.purposes.15240.window_months=0"), R, 3);
  const RunResult weak = run(small_yaml(), with("model.purposes.15240.strength=0"), R, 3);
  const RunResult strong = run(small_yaml(), with("model.purposes.15240.strength=6"), R, 3);
  double diff = 0, diff2 = 0;
  for (int i = 0; i < R; ++i) {
    EXPECT_EQ(closed.outcome(i, 1).relapses, weak.outcome(i, 1).relapses) << i;
    EXPECT_EQ(closed.outcome(i, 1).conflict_months, weak.outcome(i, 1).conflict_months) << i;
    const double d = weak.outcome(i, 1).relapses - strong.outcome(i, 1).relapses;
    diff += d;
    diff2 += d * d;
  }
  // Paired by replica (common random numbers): fewer relapses, by more than
  // three standard errors of the mean difference.
  const double mean = diff / R, se = std::sqrt((diff2 / R - mean * mean) / (R - 1));
  EXPECT_GT(mean, 3.0 * se) << "mean " << mean << " se " << se;
}

TEST(Purposes, MineActionRaisesDevelopmentCapacityAndNothingElse) {
  Scenario s;
  Country c;
  c.iso3 = "KHM";
  c.population = 1e7;
  c.phase = Phase::fragile;
  c.months_in_phase = 12;
  c.capacity = 0.3;
  s.countries = {c};
  std::vector<PurposeCode> codes = {*find_purpose_code(s.model.purposes, 15250),
                                    *find_purpose_code(s.model.purposes, 73010)};
  sim::CountryState state;
  state.reset(s, 2, 2);
  state.purpose_effects(0, 1) = 3.0;  // replica 1 has cleared land; replica 0 none
  sim::Block cap;
  cap.setZero(1 * (3 + 2), 2);
  sim::absorptive_capacity(state, s.model.absorption, cap);
  sim::purpose_capacity(state, s.model.absorption, codes, cap);
  const double gain = 1.0 + codes[0].strength * std::log1p(3.0 / codes[0].scale);
  EXPECT_DOUBLE_EQ(cap(1, 1), cap(1, 0) * gain);  // the development programme
  EXPECT_DOUBLE_EQ(cap(0, 1), cap(0, 0));          // humanitarian: untouched
  EXPECT_DOUBLE_EQ(cap(2, 1), cap(2, 0));          // peace: untouched
  EXPECT_DOUBLE_EQ(cap(3, 1), cap(3, 0));          // mine action's own programme (a peace code)
  EXPECT_DOUBLE_EQ(cap(4, 1), cap(4, 0));          // 73010 is a humanitarian code
  // Each code's own capacity: its rate x its pillar's phase factor x the base.
  const double base = 1e7 * (0.5 + 0.3);
  EXPECT_DOUBLE_EQ(cap(3, 0), codes[0].usd_per_person_month * s.model.absorption.phase_factor[1][2] * base);
}

TEST(Purposes, EffectiveStocksReadEachCodeWhereItActs) {
  Scenario s;
  Country c;
  c.iso3 = "AFG";
  c.population = 1e6;
  c.phase = Phase::fragile;
  c.months_in_phase = 10;
  s.countries = {c};
  std::vector<PurposeCode> codes = {*find_purpose_code(s.model.purposes, 15240),   // early peace, window 36
                                    *find_purpose_code(s.model.purposes, 15151),   // peace
                                    *find_purpose_code(s.model.purposes, 73010)};  // development
  sim::CountryState state;
  state.reset(s, 1, 3);
  state.effects(2, 0) = 1.0;
  state.effects(1, 0) = 2.0;
  state.purpose_effects(0, 0) = 10.0;
  state.purpose_effects(1, 0) = 100.0;
  state.purpose_effects(2, 0) = 1000.0;
  const double ddr = codes[0].strength * 10.0;
  EXPECT_DOUBLE_EQ(sim::effective_stock(state, codes, 0, 0, Pillar::peace), 1.0 + ddr + 100.0);
  EXPECT_DOUBLE_EQ(sim::effective_stock(state, codes, 0, 0, Pillar::development), 2.0 + 1000.0 * codes[2].strength);
  state.months_in_phase(0, 0) = 36;  // the window has closed
  EXPECT_DOUBLE_EQ(sim::effective_stock(state, codes, 0, 0, Pillar::peace), 1.0 + 100.0);
  state.phase(0, 0) = static_cast<int>(Phase::conflict);
  state.months_in_phase(0, 0) = 0;  // at war: no settlement to hold
  EXPECT_DOUBLE_EQ(sim::effective_stock(state, codes, 0, 0, Pillar::peace), 1.0 + 100.0);
}

TEST(Purposes, ResultsDoNotDependOnThreadsOrBlocks) {
  RunOptions a, b;
  a.replicas = b.replicas = 37;
  a.threads = 1;
  a.block_size = 8;
  b.threads = 2;
  b.block_size = 5;
  const Engine engine = Engine::load(purposes_yaml());
  const RunResult x = engine.run(a), y = engine.run(b);
  EXPECT_EQ(x.purpose_spent, y.purpose_spent);
  ASSERT_EQ(x.flows.size(), y.flows.size());
  for (std::size_t i = 0; i < x.flows.size(); ++i) EXPECT_EQ(x.flows[i].amount, y.flows[i].amount) << i;
}

TEST(Purposes, TheLanguageRefusesWhatCannotBe) {
  auto refused = [](const std::vector<std::string>& overrides, const std::string& key, const std::string& says) {
    try {
      Engine::load(purposes_yaml(), overrides);
      ADD_FAILURE() << "accepted: " << key;
    } catch (const InputError& e) {
      EXPECT_EQ(e.key_path(), key) << e.what();
      EXPECT_NE(std::string(e.what()).find(says), std::string::npos) << e.what();
    }
  };
  // A pillar's codes may not take more than all of its money.
  refused({"donors.japan.lines.programmes.purposes={\"15240\": 0.7, \"15151\": 0.4}"},
          "donors.japan.lines.programmes.purposes.15151", "at most 1");
  // A code of a pillar the line does not fund.
  refused({"donors.japan.lines.mine_action.purposes={\"72040\": 1}"}, "donors.japan.lines.mine_action.purposes.72040",
          "humanitarian code");
  // A code the model does not know (with the nearest it does).
  refused({"donors.japan.lines.mine_action.purposes={\"15251\": 1}"}, "donors.japan.lines.mine_action.purposes.15251",
          "15250");
  // Money for the general peace programme may not reach UNMAS.
  refused({"donors.japan.lines.mine_action.purposes={\"15250\": 0.5}"}, "channels.unmas.purposes",
          "general peace programme");
  // Nor money for another code.
  refused({"donors.japan.lines.mine_action.purposes={\"15240\": 1}"}, "channels.unmas.purposes", "15240");
  // A channel limited to codes outside its mandate, or whose core money funds a pillar none of its codes is in.
  refused({"channels.unmas.purposes={\"72040\": 1}"}, "channels.unmas.purposes.72040", "mandate");
  refused({"channels.fund.purposes={\"15250\": 1}"}, "channels.fund.purposes", "humanitarian");
  // A line that sends core money has no purposes of its own.
  refused({"donors.japan.lines.core.purposes={\"15250\": 1}"}, "donors.japan.lines.core.purposes", "core money");
}

}  // namespace
}  // namespace pbflow::testing

namespace pbflow::testing {
namespace {

// A supplementary budget earmarked to a country can be earmarked to purpose
// codes too; UNMAS takes it only if all of it is mine action.
TEST(Purposes, ASupplementaryBudgetEarmarkedToACode) {
  const std::string shock = "shocks=[{kind: supplementary, donor: japan, at: 2025-10, amount: 3.0e9, country: AFG, "
                            "pillar: peace, deliver: {unmas: 1.0}";
  const RunResult r = run(purposes_yaml(), {shock + ", purposes: {\"15250\": 1.0}}]"}, 4);
  double sent = 0.0;
  for (const FlowRow& f : r.flows)
    if (f.from.find("supplementary") != std::string::npos) {
      EXPECT_EQ(f.purpose, "15250");
      EXPECT_EQ(f.country, "AFG");
      sent += f.amount;
    }
  EXPECT_NEAR(sent, 3.0e9 / 150.0, 1e-3);  // yen at 150 to the dollar
  try {
    Engine::load(purposes_yaml(), {shock + "}]"});
    ADD_FAILURE() << "general peace money reached UNMAS";
  } catch (const InputError& e) {
    EXPECT_EQ(e.key_path(), "channels.unmas.purposes") << e.what();
  }
}

}  // namespace
}  // namespace pbflow::testing
