// The seeds' country cases (scenarios/cases/): each loads and runs, and
// reproduces the totals the seeds give.
#include <gtest/gtest.h>

#include <filesystem>

#include "pbflow/engine.h"
#include "support/test_files.h"

namespace pbflow::testing {
namespace {

RunResult run_case(const std::string& file, int replicas = 8) {
  RunOptions o;
  o.replicas = replicas;
  return Engine::load(source_path(file)).run(o);
}

TEST(Cases, EveryCaseRunsAndConservesMoney) {
  int cases = 0;
  for (const auto& entry : std::filesystem::directory_iterator(source_path("scenarios/cases"))) {
    if (entry.path().extension() != ".yaml") continue;
    ++cases;
    const RunResult r = run_case(entry.path().string(), 4);
    for (const auto& t : r.totals) EXPECT_LT(t.conservation_error, 1e-9) << entry.path();
  }
  EXPECT_GE(cases, 1);
}

// Japan pledged 5 billion dollars to Iraq [seeds/001]: 1.5 billion of grants
// and 3.5 billion of yen loans (the Madrid pledge).
TEST(Cases, IraqsGrantsAndLoansAddUpToThePledge) {
  const RunResult r = run_case("scenarios/cases/iraq_2003.yaml");
  ASSERT_EQ(r.loans.size(), 1u);
  const double yen_per_dollar = 110.2;
  for (int i = 0; i < r.replicas; ++i) {
    EXPECT_NEAR(r.totals[i].appropriated, 5.0e9, 1.0);  // to the dollar
    EXPECT_NEAR(r.loan_totals[i].committed / yen_per_dollar, 3.5e9, 1.0);
    EXPECT_NEAR(r.totals[i].appropriated - r.loan_totals[i].committed / yen_per_dollar, 1.5e9, 1.0);
  }
  EXPECT_EQ(r.loans[0].borrower, "IRQ");
  EXPECT_TRUE(r.loans[0].oda_eligible());
}

// The what-if moves a third of the loans to grants and keeps the pledge.
TEST(Cases, MovingLoansToGrantsKeepsThePledgeAndCutsTheReflows) {
  const RunResult base = run_case("scenarios/cases/iraq_2003.yaml", 40);
  const RunResult whatif = run_case("scenarios/whatif/iraq_loans_to_grants.yaml", 40);
  for (int i = 0; i < base.replicas; ++i) {
    EXPECT_NEAR(whatif.totals[i].appropriated, base.totals[i].appropriated, 10.0);
    EXPECT_NEAR(whatif.loan_totals[i].committed, base.loan_totals[i].committed * 2.0 / 3.0, 1e3);
  }
  double base_interest = 0, whatif_interest = 0;
  for (int i = 0; i < base.replicas; ++i) {
    base_interest += base.loan_totals[i].interest_paid + base.loan_totals[i].arrears_interest;
    whatif_interest += whatif.loan_totals[i].interest_paid + whatif.loan_totals[i].arrears_interest;
  }
  // Interest falling due scales with the principal lent (same replicas, same futures).
  EXPECT_NEAR(whatif_interest / base_interest, 2.0 / 3.0, 1e-9);
}

// Japan bore about twenty percent of UN peacekeeping costs in Africa, more
// than 750 million dollars in 2004-2006, and gave more than 350 million for
// the consolidation of peace in Africa in 2003-2005 and 100 million for the
// Sudan [seeds/001].
TEST(Cases, AfricasAssessmentsAndGrantsAreTheSeeds) {
  const RunResult r = run_case("scenarios/cases/africa_2004.yaml");
  double assessed = 0.0, paid = 0.0;
  for (const AssessmentResult& a : r.assessments) {
    EXPECT_EQ(a.donor, "japan");
    assessed += a.assessed;
    paid += a.paid;
  }
  EXPECT_NEAR(assessed, 750.0e6, 1.0);
  EXPECT_NEAR(paid, assessed, 1.0);
  EXPECT_EQ(r.missions.size(), 4u);
  for (int i = 0; i < r.replicas; ++i) EXPECT_NEAR(r.totals[i].appropriated, 350.0e6 + 100.0e6, 1.0);
}

// Japan's contributions to Timor-Leste [seeds/001]: about 38.6 million
// dollars through the UN after the referendum, 100 million to the UN trust
// fund for the multinational force, 5 million for the displaced of 2006.
TEST(Cases, TimorLestesContributionsAreTheSeeds) {
  const RunResult r = run_case("scenarios/cases/timor_leste_1999.yaml");
  for (int i = 0; i < r.replicas; ++i) EXPECT_NEAR(r.totals[i].appropriated, 38.6e6 + 100.0e6 + 5.0e6, 1.0);
  ASSERT_EQ(r.missions.size(), 3u);
  EXPECT_EQ(r.missions[2].id, "unmit");  // the mission that came back in August 2006
}

// Sri Lanka [seeds/001]: 20.6 million people, two months after the
// ceasefire of February 2002, and a yen loan of March 2006 that disburses
// from that month (the seeds give no amounts).
TEST(Cases, SriLankasDatesAndPeopleAreTheSeeds) {
  const Engine e = Engine::load(source_path("scenarios/cases/sri_lanka_2002.yaml"));
  const Country& lka = e.scenario().countries.front();
  EXPECT_EQ(lka.population, 20.6e6);
  EXPECT_EQ(lka.phase, Phase::fragile);
  EXPECT_EQ(e.scenario().horizon.start.index - YearMonth::of(2002, 2).index, lka.months_in_phase);
  RunOptions o;
  o.replicas = 2;
  auto disbursed_within = [&](int months) {
    const Engine cut = Engine::load(source_path("scenarios/cases/sri_lanka_2002.yaml"),
                                    {"horizon.months=" + std::to_string(months)});
    return cut.run(o).loan_totals.front().disbursed;
  };
  EXPECT_EQ(disbursed_within(47), 0.0);  // to February 2006: not yet signed
  EXPECT_GT(disbursed_within(48), 0.0);  // March 2006
}

}  // namespace
}  // namespace pbflow::testing
