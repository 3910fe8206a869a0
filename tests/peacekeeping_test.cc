// Peacekeeping (docs/model.md, 1.8): missions' spending and donors'
// assessments worked out by hand, a mission's spending acting on relapse
// exactly as the same peace aid does (so the calibration's "peacekeeping
// spending doubled" is the doubled cohort), and the language's refusals.
#include <gtest/gtest.h>

#include "pbflow/engine.h"
#include "pbflow/errors.h"
#include "support/test_files.h"

namespace pbflow::testing {
namespace {

RunResult run_text(const std::string& yaml, int replicas, std::uint64_t seed = 7) {
  TempDir dir;
  RunOptions o;
  o.replicas = replicas;
  o.seed = seed;
  return Engine::load(dir.write("pk.yaml", yaml)).run(o);
}

std::string small_with(const std::string& peacekeeping) {
  return "pbflow: 1\nextends: " + source_path("tests/data/small.yaml") +
         "\nname: pk\nhorizon: {start: 2025-04, months: 24}\npeacekeeping:\n" + peacekeeping;
}

TEST(Peacekeeping, SpendingAndAssessmentsWorkedOutByHand) {
  // UN year 2025 runs July 2025 to June 2026: 1.2e9 spent, 1e8 a month, all
  // within the horizon; Japan is assessed 20% of it in July 2025 (its rate
  // from UN year 2024 on), then 10% from 2026 (no budget then).
  const RunResult r = run_text(small_with("  missions:\n    unmis: {country: SDN, budgets: {2025: 1.2e9}}\n"
                                          "  assessments:\n    japan: {rates: {2024: 0.2, 2026: 0.1}}\n"),
                               3);
  ASSERT_EQ(r.missions.size(), 1u);
  EXPECT_EQ(r.missions[0].country, "SDN");
  EXPECT_NEAR(r.missions[0].spent, 1.2e9, 1e-3);
  ASSERT_EQ(r.assessments.size(), 1u);
  EXPECT_NEAR(r.assessments[0].assessed, 0.24e9, 1e-3);
  EXPECT_NEAR(r.assessments[0].paid, 0.24e9, 1e-3);
  EXPECT_NEAR(r.assessments[0].buys, 0.24e9, 1e-3);
  // Paid 21 months late (April 2027): after the horizon, so unpaid at its end.
  const RunResult late = run_text(small_with("  missions:\n    unmis: {country: SDN, budgets: {2025: 1.2e9}}\n"
                                             "  assessments:\n    japan: {rates: {2024: 0.2}, payment_delay_months: 21}\n"),
                                  3);
  EXPECT_NEAR(late.assessments[0].paid, 0.0, 1e-3);
  EXPECT_NEAR(late.assessments[0].unpaid(), 0.24e9, 1e-3);
  // The mission's money is not aid: the donor's grant totals are untouched.
  const RunResult none = run_text("pbflow: 1\nextends: " + source_path("tests/data/small.yaml") +
                                      "\nname: pk\nhorizon: {start: 2025-04, months: 24}\n", 3);
  EXPECT_EQ(r.totals[0].appropriated, none.totals[0].appropriated);
}

// The relapse calibration's cohort at the reference peace spending, plus
// missions spending the same again per head, relapses exactly as the
// cohort with its peace spending doubled: the model reads Collier, Hoeffler
// and Soderbom's "peacekeeping spending doubled" (31%) as peace spending,
// peacekeeping and aid together.
TEST(Peacekeeping, AMissionActsOnRelapseAsTheSamePeaceAidDoes) {
  const char* codes[] = {"AFG", "BDI", "BFA", "CAF", "CMR", "COD", "COG", "ERI", "ETH", "HTI",
                         "IRQ", "LBN", "LBY", "MLI", "MOZ", "NER", "NGA", "SOM", "SSD", "TCD"};
  std::string yaml = "pbflow: 1\nextends: " + source_path("scenarios/calibration/relapse_reference.yaml") +
                     "\nname: reference-plus-missions\ncountries:\n";
  for (const char* c : codes) yaml += std::string("  ") + c + ": {effects: {peace: 16.8}}\n";
  yaml += "peacekeeping:\n  missions:\n";
  for (const char* c : codes) {
    yaml += std::string("    m_") + c + ": {country: " + c + ", budgets: {";
    for (int y = 2024; y <= 2034; ++y) yaml += (y > 2024 ? ", " : "") + std::to_string(y) + ": 4.2e7";
    yaml += "}}\n";
  }
  const RunResult missions = run_text(yaml, 120, 40);
  RunOptions o;
  o.replicas = 120;
  o.seed = 40;
  const RunResult doubled = Engine::load(source_path("scenarios/calibration/relapse_doubled.yaml")).run(o);
  const RunResult reference = Engine::load(source_path("scenarios/calibration/relapse_reference.yaml")).run(o);
  double relapses_m = 0, relapses_d = 0, relapses_r = 0;
  for (int i = 0; i < o.replicas.value(); ++i)
    for (int c = 0; c < 20; ++c) {
      EXPECT_EQ(missions.outcome(i, c).relapses, doubled.outcome(i, c).relapses) << i << " " << c;
      EXPECT_EQ(missions.outcome(i, c).conflict_months, doubled.outcome(i, c).conflict_months) << i << " " << c;
      relapses_m += missions.outcome(i, c).relapses > 0;
      relapses_d += doubled.outcome(i, c).relapses > 0;
      relapses_r += reference.outcome(i, c).relapses > 0;
    }
  EXPECT_EQ(relapses_m, relapses_d);
  EXPECT_LT(relapses_m, relapses_r);  // the missions buy fewer relapses than the reference alone
}

TEST(Peacekeeping, TheLanguageRefusesWhatCannotBe) {
  auto refused = [](const std::string& yaml, const std::string& key) {
    try {
      run_text(yaml, 1);
      ADD_FAILURE() << "accepted: " << key;
    } catch (const InputError& e) {
      EXPECT_EQ(e.key_path(), key) << e.what();
    }
  };
  refused(small_with("  missions:\n    m: {country: IRQ, budgets: {2025: 1e9}}\n"), "peacekeeping.missions.m.country");
  refused(small_with("  assessments:\n    france: {rates: {2024: 0.1}}\n"), "peacekeeping.assessments.france");
  refused(small_with("  assessments:\n    japan: {rates: {2024: 1.5}}\n"), "peacekeeping.assessments.japan.rates.2024");
  refused(small_with("  missions:\n    m: {country: SDN}\n"), "peacekeeping.missions.m");
}

}  // namespace
}  // namespace pbflow::testing
