// `pbflow check` (docs/guide-real-data.md): the simulated money it sets
// beside records is the money the kernel's own flows ledger says the
// donor's lines sent (an independent path), bands are the replicas' 5-95%,
// years without a simulated twin are mapped and said, and recorded
// organisations no channel stands for are listed.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <sstream>

#include "pbflow/engine.h"
#include "pbflow/errors.h"
#include "pbflow/records.h"
#include "pbflow/results_io.h"
#include "support/test_files.h"

namespace pbflow::testing {
namespace {

RecordedPayment paid(int year, const std::string& org, const std::string& country, const std::string& pillar,
                     double usd) {
  RecordedPayment r;
  r.year = year;
  r.org_name = org;
  r.country = country;
  r.pillar = pillar;
  r.amount_usd = usd;
  return r;
}

TEST(Check, SimulatedMoneyIsWhatTheFlowsLedgerSaysTheLinesSent) {
  // The horizon is the calendar year 2026 exactly, so the run's flows are 2026's.
  const Engine engine = Engine::load(source_path("tests/data/purposes.yaml"),
                                     {"horizon.start=2026-01", "horizon.months=12",
                                      "donors.japan.lines.programmes.deliver.humanitarian={agency: 0.6, ngo: 0.4}"});
  RunOptions o;
  o.replicas = 40;
  const RunResult run = engine.run(o);
  std::map<std::string, double> by_channel;  // AFG humanitarian and peace money from Japan's lines, by first channel
  double afg = 0.0;
  for (const FlowRow& f : run.flows)
    if (f.from.rfind("japan/", 0) == 0 && f.country == "AFG" && f.pillar != "development") {
      by_channel[f.to] += f.amount;
      afg += f.amount;
    }
  ASSERT_GT(afg, 0.0);
  const std::vector<RecordedPayment> records = {paid(2026, "agency", "AFG", "humanitarian", 1.0e6),
                                                paid(2026, "fund", "AFG", "peace", 2.0e6),
                                                paid(2026, "Nobody We Know", "AFG", "humanitarian", 5.0)};
  const CheckResult c = engine.check_against(o, records, "test records", "Japan");
  EXPECT_EQ(c.donor, "japan");
  ASSERT_EQ(c.unmatched, std::vector<std::string>{"Nobody We Know"});
  int countries = 0, channels = 0;
  for (const CheckRow& r : c.rows) {
    EXPECT_EQ(r.simulated_year, 2026);
    if (r.level == "country") {
      ++countries;
      EXPECT_EQ(r.recorded, 3.0e6 + 5.0);
      EXPECT_NEAR(r.simulated.mean, afg, 1e-9 * afg);
    }
    if (r.level == "channel" && !r.channel.empty()) {
      ++channels;
      EXPECT_NEAR(r.simulated.mean, by_channel[r.channel], 1e-9 * afg) << r.channel;
      EXPECT_EQ(r.inside, r.recorded >= r.simulated.p05 && r.recorded <= r.simulated.p95);
      EXPECT_LE(r.simulated.p05, r.simulated.p95);
    }
  }
  EXPECT_EQ(countries, 1);
  EXPECT_GE(channels, 2);
  // Written out: the table, the JSON and a report, each row once.
  TempDir dir;
  write_check_outputs(c, dir.path() + "/check");
  const std::string csv = read_text(dir.path() + "/check/check.csv");
  EXPECT_EQ(static_cast<std::size_t>(std::count(csv.begin(), csv.end(), '\n')), c.rows.size() + 1);
  const std::string html = read_text(dir.path() + "/check/report.html");
  EXPECT_NE(html.find("Nobody We Know"), std::string::npos);
  bool outside = false;
  for (const CheckRow& r : c.rows) outside = outside || (!r.inside && r.note.empty());
  EXPECT_EQ(html.find("outside the band") != std::string::npos, outside);
  // The results module's report_html says what the folder is, rather than missing a run's summary...
  try {
    report_html(dir.path() + "/check");
    ADD_FAILURE() << "a check folder was reported as a run";
  } catch (const RuntimeFailure& e) {
    EXPECT_NE(std::string(e.what()).find("write_check_report"), std::string::npos) << e.what();
  }
  // ... and `pbflow report` rebuilds its report.html from check.json, byte for byte.
  std::filesystem::remove(dir.path() + "/check/report.html");
  const CommandResult rebuilt = run_pbflow({"report", dir.path() + "/check"});
  ASSERT_EQ(rebuilt.exit_code, 0) << rebuilt.out;
  EXPECT_EQ(read_text(dir.path() + "/check/report.html"), html);
  // A damaged check.json is named with its key.
  const std::string json = read_text(dir.path() + "/check/check.json");
  dir.write("check/check.json", with_json_value(json, "inside", "7"));
  const CommandResult refused = run_pbflow({"report", dir.path() + "/check"});
  EXPECT_EQ(refused.exit_code, 1) << refused.out;
  EXPECT_NE(refused.out.find("rows[0]: `inside` should be true or false"), std::string::npos) << refused.out;
  // A count beyond an int is an error, not a cast out of range (undefined behaviour).
  dir.write("check/check.json", with_json_value(json, "replicas", "1e300"));
  const CommandResult too_many = run_pbflow({"report", dir.path() + "/check"});
  EXPECT_EQ(too_many.exit_code, 1) << too_many.out;
  EXPECT_NE(too_many.out.find("`replicas` should be a whole number"), std::string::npos) << too_many.out;
  dir.write("check/check.json", with_json_value(json, "unmatched", "7"));
  const CommandResult not_a_list = run_pbflow({"report", dir.path() + "/check"});
  EXPECT_EQ(not_a_list.exit_code, 1) << not_a_list.out;
  EXPECT_NE(not_a_list.out.find("`unmatched` should be a list"), std::string::npos) << not_a_list.out;
}

TEST(Check, ARecordedYearOutsideTheHorizonIsMappedAndSaid) {
  const Engine engine = Engine::load(source_path("tests/data/purposes.yaml"));  // 2025-04, 24 months
  RunOptions o;
  o.replicas = 4;
  const CheckResult c = engine.check_against(o, {paid(2020, "agency", "SDN", "humanitarian", 1.0)}, "r", "Japan");
  ASSERT_FALSE(c.rows.empty());
  EXPECT_EQ(c.rows[0].recorded_year, 2020);
  EXPECT_EQ(c.rows[0].simulated_year, 2026);  // the horizon's first whole calendar year
  EXPECT_NE(c.notes[0].find("compared with the scenario's calendar year 2026"), std::string::npos) << c.notes[0];
  CheckOptions late;
  late.year = 2030;
  EXPECT_THROW(engine.check_against(o, {paid(2020, "agency", "SDN", "humanitarian", 1.0)}, "r", "Japan", late),
               InputError);
}

// Published figures (--against-figures): a channel's figure without a
// country is everything the donor's lines sent it, core money included;
// without a year, the mean of the horizon's whole calendar years. Checked
// against the flows ledger, an independent path.
TEST(Check, APublishedFigureIsTheChannelsWholeReceiptsInATypicalYear) {
  // Three whole calendar years, so the ledger's total over three is the typical year.
  const Engine engine = Engine::load(source_path("tests/data/purposes.yaml"),
                                     {"horizon.start=2026-01", "horizon.months=36"});
  RunOptions o;
  o.replicas = 40;
  const RunResult run = engine.run(o);
  std::map<std::string, double> sent;  // by first channel, every line, every country, core money too
  for (const FlowRow& f : run.flows)
    if (f.from.rfind("japan/", 0) == 0) sent[f.to] += f.amount;
  ASSERT_GT(sent["fund"], 0.0);
  TempDir dir;
  const std::string figures = dir.write("figures.csv",
      "organisation,country,year,low_usd,high_usd,source\n"
      "fund,,,1.0e6,2.0e6,\"a band, quoted\"\n"
      "agency,,,5.0e6,5.0e6,one figure\n"
      "Nobody We Know,,2027,1,1,\n");
  CheckRequest request;
  request.figure_files = {figures};
  const CheckResult c = check_records(engine, o, request);
  ASSERT_EQ(c.rows.size(), 3u);
  for (const CheckRow& r : c.rows) {
    if (r.organisation == "Nobody We Know") {
      EXPECT_EQ(r.recorded_year, 2027);
      EXPECT_EQ(r.note, "no channel of the scenario stands for this organisation");
      continue;
    }
    EXPECT_EQ(r.recorded_year, 0);
    EXPECT_TRUE(r.country.empty());
    EXPECT_NEAR(r.simulated.mean, sent[r.channel] / 3.0, 1e-9 * sent[r.channel]) << r.channel;
    EXPECT_EQ(r.inside, r.recorded_high >= r.simulated.p05 && r.recorded_low <= r.simulated.p95);
  }
  EXPECT_EQ(c.rows[0].recorded_low, 1.0e6);
  EXPECT_EQ(c.rows[0].recorded_high, 2.0e6);
  EXPECT_EQ(c.rows[0].source, "a band, quoted");
  write_check_outputs(c, dir.path() + "/out");
  EXPECT_NE(read_text(dir.path() + "/out/report.html").find("<b>fund</b>: a band, quoted"), std::string::npos);
  EXPECT_EQ(c.unmatched, std::vector<std::string>{"Nobody We Know"});
}

// Determinism: the same bytes for any thread count and block size.
TEST(Check, TheSameBytesForAnyThreadsAndBlocks) {
  const Engine engine = Engine::load(source_path("tests/data/purposes.yaml"), {"horizon.start=2026-01", "horizon.months=24"});
  TempDir dir;
  CheckRequest request;
  request.figure_files = {dir.write("f.csv", "organisation,country,amount_usd\nfund,,1.0e6\nagency,SDN,2.0e6\n")};
  std::string first;
  for (const auto& [threads, block] : std::vector<std::pair<int, int>>{{1, 64}, {2, 8}, {2, 3}}) {
    RunOptions o;
    o.replicas = 37;
    o.threads = threads;
    o.block_size = block;
    std::ostringstream csv;
    write_check_csv(check_records(engine, o, request), csv);
    if (first.empty()) first = csv.str();
    EXPECT_EQ(csv.str(), first) << threads << " threads, blocks of " << block;
  }
}

TEST(Check, ATypicalYearNeedsAWholeCalendarYearInTheHorizon) {
  const Engine engine = Engine::load(source_path("tests/data/purposes.yaml"), {"horizon.months=9"});  // 2025-04 to 2025-12
  TempDir dir;
  CheckRequest request;
  request.figure_files = {dir.write("f.csv", "organisation,amount_usd\nfund,1.0e6\n")};
  RunOptions o;
  o.replicas = 2;
  try {
    check_records(engine, o, request);
    ADD_FAILURE() << "a typical year was set beside a horizon without one";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("needs a horizon with a whole calendar year"), std::string::npos) << e.what();
  }
}

TEST(Check, AFigureFileThatIsWrongSaysWhereAndWhat) {
  TempDir dir;
  auto refused = [&](const std::string& text, const std::string& where, const std::string& what) {
    const std::string path = dir.write("bad.csv", text);
    try {
      read_published_figures({path});
      ADD_FAILURE() << "read: " << text;
    } catch (const InputError& e) {
      EXPECT_NE(std::string(e.what()).find(path + ":" + where), std::string::npos) << e.what();
      EXPECT_NE(std::string(e.what()).find(what), std::string::npos) << e.what();
    }
  };
  refused("organisation,amount\n", "1:14", "unknown column `amount`");
  refused("organisation,low_usd\nWFP,1\n", "1", "either low_usd and high_usd, or amount_usd");
  refused("organisation,amount_usd\nWFP,1\nUNHCR,-3\n", "3:7", "not an amount");
  refused("organisation,amount_usd\nWFP,12 million\n", "2", "not an amount");
  refused("organisation,amount_usd\nWFP,\"12,34\"\n", "2:5", "not an amount");  // a decimal comma: ambiguous
  refused("organisation,amount_usd\nWFP,\"1,000,00\"\n", "2:5", "not an amount");
  refused("organisation,low_usd,high_usd\nWFP,5,1\n", "2:5", "low end is above its high end");
  refused("organisation,country,amount_usd\nWFP,Afghanistan,1\n", "2:5", "not an ISO 3166-1 alpha-3 code");
  refused("organisation,year,amount_usd\nWFP,FY2023,1\n", "2", "not a calendar year");
  refused("organisation,amount_usd\nWFP,1,2\n", "2", "3 cells where the header has 2");
  refused("organisation,amount_usd\n\"WFP,1\n", "2:1", "never closes");
  refused("organisation,amount_usd\n,1\n", "2", "names an organisation, a country or both");
  refused("organisation,amount_usd\nW\xff,1\n", "2", "not UTF-8");
  refused("organisation,amount_usd\n", "", "no figures");
  // What a spreadsheet writes: a BOM, CRLF, a quoted comma, a blank line.
  const std::string ok = dir.write("ok.csv", "\xEF\xBB\xBForganisation,amount_usd,source\r\n\"WFP, Rome\",2.5e6,\"x \"\"y\"\"\"\r\n\r\n");
  const std::vector<RecordedPayment> f = read_published_figures({ok});
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].org_name, "WFP, Rome");
  EXPECT_EQ(f[0].amount_usd, 2.5e6);
  EXPECT_EQ(f[0].source, "x \"y\"");
  // Thousands separators, as a spreadsheet writes a formatted number.
  const std::vector<RecordedPayment> grouped =
      read_published_figures({dir.write("grouped.csv", "organisation,low_usd,high_usd\nWFP,\"1,234,567.5\",\"150,800,000\"\n")});
  ASSERT_EQ(grouped.size(), 1u);
  EXPECT_EQ(grouped[0].band->first, 1234567.5);
  EXPECT_EQ(grouped[0].band->second, 150800000.0);
}

}  // namespace
}  // namespace pbflow::testing
