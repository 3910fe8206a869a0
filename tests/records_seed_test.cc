// A scenario seeded from recorded flows (docs/guide-real-data.md): it loads
// and runs, holds the donor's counted money and its observed splits, cites
// its records by name and hash on every figure, and lists the organisations
// the table does not know.
#include <gtest/gtest.h>

#include <filesystem>
#include <regex>

#include "pbflow/engine.h"
#include "pbflow/errors.h"
#include "pbflow/records.h"
#include "support/test_files.h"

namespace pbflow::testing {
namespace {

// Every figure line (a key, then a number) carries the source comment.
void expect_every_figure_cited(const std::string& yaml, const std::string& cite) {
  const std::regex figure(R"(^\s+[A-Za-z0-9_]+: [0-9.eE+-]+(\s|$))");
  std::istringstream in(yaml);
  int figures = 0;
  for (std::string line; std::getline(in, line);) {
    if (!std::regex_search(line, figure) || line.find("share: 1.0") != std::string::npos ||
        line.find("growth: 0.0") != std::string::npos || line.find("fiscal_year_start") != std::string::npos ||
        line.find("overhead:") != std::string::npos || line.find("pbflow: 1") != std::string::npos)
      continue;
    ++figures;
    EXPECT_NE(line.find(cite), std::string::npos) << line;
  }
  EXPECT_GE(figures, 3);
}

TEST(SeedScenario, FromFtsItHoldsTheDonorsCountedMoneyAndRuns) {
  const std::string data = shared_data_dir();
  if (data.empty()) GTEST_SKIP() << "../shared/data is not beside the checkout";
  FtsOptions o;
  o.donor = "Japan";
  const std::vector<std::string> pages = {data + "/fts/afghanistan-2020-page1.json",
                                          data + "/fts/afghanistan-2020-page2.json",
                                          data + "/fts/afghanistan-2020-page3.json"};
  const FtsImport fts = import_fts(pages, o);
  const SeedResult seeded = seed_scenario(fts);
  expect_every_figure_cited(seeded.yaml, "afghanistan-2020-page1.json (sha256 ");
  EXPECT_NE(std::find(seeded.unmatched.begin(), seeded.unmatched.end(), "Shanti Volunteer Association"),
            seeded.unmatched.end());
  TempDir dir;
  const std::string file = dir.path() + "/seeded.yaml";
  write_seeded_scenario(seeded.yaml, file);
  const Engine engine = Engine::load(file);
  const Scenario& s = engine.scenario();
  ASSERT_EQ(s.donors.size(), 1u);
  EXPECT_EQ(s.donors[0].budget.initial.at(2020), fts.funding_total_usd);  // to the dollar
  const BudgetLine& line = s.donors[0].lines[0];
  for (int p = 0; p < kPillars; ++p)
    if (line.deliver[p]) {
      double sum = 0.0;
      for (const auto& [id, share] : *line.deliver[p]) sum += share;
      EXPECT_NEAR(sum, 1.0, 1e-12);
    }
  EXPECT_EQ(s.countries.size(), 1u);
  EXPECT_EQ(s.countries[0].iso3, "AFG");
  EXPECT_GE(s.channel_index("unicef"), 0);
  EXPECT_GE(s.channel_index("unmas"), 0);
  RunOptions run;
  run.replicas = 4;
  const RunResult r = engine.run(run);
  for (const ReplicaTotals& t : r.totals) {
    EXPECT_NEAR(t.appropriated, fts.funding_total_usd, 1e-6 * fts.funding_total_usd);
    EXPECT_LT(t.conservation_error, 1e-9);
  }
  // Seeded again over its own file: allowed; over a planner's file: refused.
  EXPECT_NO_THROW(write_seeded_scenario(seeded.yaml, file));
  const std::string theirs = dir.write("mine.yaml", "pbflow: 1\n");
  EXPECT_THROW(write_seeded_scenario(seeded.yaml, theirs), InputError);
  EXPECT_EQ(read_text(theirs), "pbflow: 1\n");
}

// From IATI: the donor's disbursements in USD, by receiver, country and
// pillar; with a base, the seeded file extends it.
TEST(SeedScenario, FromIatiDisbursementsWithABase) {
  TempDir dir;
  const std::string xml = R"(<iati-activities version="2.03">
 <iati-activity default-currency="USD">
  <iati-identifier>XM-DAC-701-2-PROG</iati-identifier>
  <sector code="15250" percentage="60"/><sector code="72010" percentage="40"/>
  <recipient-country code="AF"/>
  <transaction><transaction-type code="3"/><value value-date="2025-06-01">3000000</value>
   <provider-org ref="XM-DAC-701-2"/><receiver-org ref="XM-DAC-41114"><narrative>UNDP</narrative></receiver-org></transaction>
  <transaction><transaction-type code="3"/><value value-date="2025-09-01">1000000</value>
   <provider-org ref="XM-DAC-701-2"/><receiver-org><narrative>Association for Aid and Relief, Japan</narrative></receiver-org></transaction>
  <transaction><transaction-type code="3"/><value currency="EUR" value-date="2025-09-01">5</value>
   <provider-org ref="XM-DAC-701-2"/><receiver-org ref="XM-DAC-41122"/></transaction>
  <transaction><transaction-type code="3"/><value value-date="2025-09-01">7</value>
   <provider-org ref="XM-DAC-41114"/><receiver-org ref="XM-DAC-41122"/></transaction>
 </iati-activity>
</iati-activities>)";
  const IatiImport iati = import_iati({dir.write("japan.xml", xml)});
  SeedOptions o;
  o.base = source_path("tests/data/small.yaml");
  const SeedResult seeded = seed_scenario(iati, "Government of Japan", o);
  expect_every_figure_cited(seeded.yaml, "japan.xml (sha256 ");
  ASSERT_EQ(seeded.unmatched.size(), 2u);  // the NGO's name, and the EUR disbursement left out
  const std::string file = dir.path() + "/seeded.yaml";
  write_seeded_scenario(seeded.yaml, file);
  const Engine engine = Engine::load(file);
  const Scenario& s = engine.scenario();
  ASSERT_EQ(s.donors.size(), 2u);  // the base's Japan, and the recorded one
  EXPECT_EQ(s.donors[1].id, "japan_recorded");
  EXPECT_EQ(s.donors[1].budget.initial.at(2025), 4.0e6);
  const auto& peace = *s.donors[1].lines[0].deliver[static_cast<int>(Pillar::peace)];
  ASSERT_EQ(peace.size(), 2u);
  RunOptions run;
  run.replicas = 2;
  EXPECT_NO_THROW(engine.run(run));
  EXPECT_THROW(seed_scenario(iati, "Atlantis"), InputError);  // nothing recorded from it
}

}  // namespace
}  // namespace pbflow::testing
