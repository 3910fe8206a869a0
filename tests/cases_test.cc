// The seeds' country cases (scenarios/cases/): each loads and runs, and
// reproduces the totals the seeds give.
#include <gtest/gtest.h>

#include <filesystem>
#include <map>

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

namespace pbflow::testing {
namespace {

// A line's appropriations by fiscal year, as the plan booked them.
std::map<std::string, double> appropriations(const RunResult& r, const std::string& line) {
  std::map<std::string, double> out;
  for (const Assumption& a : r.assumptions)
    if (a.group == "budget" && a.item == line) out[a.detail] += a.value;
  return out;
}

double sum_of(const std::map<std::string, double>& m) {
  double sum = 0.0;
  for (const auto& [k, v] : m) sum += v;
  return sum;
}

// Cambodia [seeds/001]: the elections of 1993 (under UNTAC) and 1998 (after
// the clash of July 1997) funded in the fiscal years before them, judicial
// reform from 1999, mine action from 1998 through the Cambodian Mine Action
// Centre, small-arms collection from 2003; UNTAC with Japan assessed.
TEST(Cases, CambodiasLinesFundTheSeedsWorkByPurposeCode) {
  const RunResult r = run_case("scenarios/cases/cambodia_1992.yaml");
  const auto elections = appropriations(r, "japan/elections");
  EXPECT_NEAR(sum_of(elections), 20.0e6, 1.0);
  EXPECT_NEAR(elections.at("FY1992"), 10.0e6, 1.0);
  EXPECT_NEAR(elections.at("FY1997"), 10.0e6, 1.0);
  const auto rule_of_law = appropriations(r, "japan/rule_of_law");
  EXPECT_EQ(rule_of_law.at("FY1998"), 0.0);
  EXPECT_GT(rule_of_law.at("FY1999"), 0.0);
  EXPECT_EQ(appropriations(r, "japan/mine_action").at("FY1997"), 0.0);
  EXPECT_GT(appropriations(r, "japan/mine_action").at("FY1998"), 0.0);
  EXPECT_EQ(appropriations(r, "japan/small_arms").at("FY2002"), 0.0);
  EXPECT_GT(appropriations(r, "japan/small_arms").at("FY2003"), 0.0);
  // Each line's money reaches its code's programme, mine action through CMAC only.
  const std::map<std::string, std::string> code_of = {{"japan/elections", "15151"}, {"japan/rule_of_law", "15130"},
                                                      {"japan/mine_action", "15250"}, {"japan/small_arms", "15240"}};
  for (const FlowRow& f : r.flows) {
    if (code_of.count(f.from)) EXPECT_EQ(f.purpose, code_of.at(f.from)) << f.from << " -> " << f.to;
    if (f.purpose == "15250") EXPECT_TRUE(f.from == "cmac" || f.to == "cmac") << f.from << " -> " << f.to;
  }
  ASSERT_EQ(r.missions.size(), 1u);
  EXPECT_EQ(r.missions[0].country, "KHM");
  for (const ReplicaTotals& t : r.totals) EXPECT_LT(t.conservation_error, 1e-9);
}

// Afghanistan [seeds/001]: the Tokyo conference's pledges of 4.5 billion
// dollars, and Japan's DDR support through UNDP from October 2003.
TEST(Cases, AfghanistansPledgesAndDdrAreTheSeeds) {
  const RunResult r = run_case("scenarios/cases/afghanistan_2002.yaml");
  EXPECT_NEAR(sum_of(appropriations(r, "international/pledges")), 4.5e9, 1.0);
  const auto ddr = appropriations(r, "japan/ddr");
  EXPECT_EQ(ddr.at("FY2002"), 0.0);
  EXPECT_GT(ddr.at("FY2003"), 0.0);
  // All of it went through UNDP to reintegration (DAC 15240).
  bool ddr_flows = false;
  for (const FlowRow& f : r.flows)
    if (f.from == "japan/ddr") {
      ddr_flows = true;
      EXPECT_EQ(f.to, "undp");
      EXPECT_EQ(f.purpose, "15240");
    }
  EXPECT_TRUE(ddr_flows);
  EXPECT_EQ(r.countries, std::vector<std::string>{"AFG"});
}

}  // namespace
}  // namespace pbflow::testing
