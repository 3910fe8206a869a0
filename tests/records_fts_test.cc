// FTS flow-search pages (docs/guide-real-data.md): FTS's counting rule on
// pages written here, the real Afghanistan 2020 search reproduced to the
// dollar in any page order, a donor found by any name it is known by, and
// hostile files refused with their place.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "pbflow/errors.h"
#include "pbflow/records.h"
#include "support/test_files.h"

namespace pbflow::testing {
namespace {

std::string flow(const std::string& id, double usd, const std::string& status, const std::string& boundary,
                 const std::string& on_boundary, const std::string& extra = "") {
  return R"({"id": ")" + id + R"(", "amountUSD": )" + std::to_string(usd) + R"(, "status": ")" + status +
         R"(", "boundary": ")" + boundary + R"(", "onBoundary": ")" + on_boundary + R"(", "flowType": "Standard",)" +
         R"( "sourceObjects": [{"type": "Organization", "name": "Japan, Government of"}],)" +
         R"( "destinationObjects": [{"type": "Organization", "name": "World Food Programme"},)" +
         R"( {"type": "GlobalCluster", "name": "Food Security"}])" + extra + "}";
}

std::string page(const std::vector<std::string>& flows, double reported = -1) {
  std::string list;
  for (const std::string& f : flows) list += (list.empty() ? "" : ", ") + f;
  std::string incoming = reported >= 0 ? R"("incoming": {"fundingTotal": )" + std::to_string(reported) + "}, " : "";
  return R"({"status": "ok", "data": {)" + incoming + R"("flows": [)" + list + "]}}";
}

TEST(FtsImport, CountsByFtsRule) {
  TempDir dir;
  const std::string a = dir.write(
      "a.json", page({flow("1", 100, "paid", "incoming", "single"), flow("2", 20, "commitment", "incoming", "single"),
                      flow("3", 4000, "paid", "incoming", "shared"), flow("4", 500, "pledge", "incoming", "single"),
                      flow("5", 60000, "paid", "internal", "single")},
                     120));
  const std::string b = dir.write("b.json", page({flow("2", 20, "commitment", "incoming", "single"),
                                                  flow("6", 7, "paid", "outgoing", "single")}));
  const FtsImport r = import_fts({a, b});
  EXPECT_EQ(r.flows.size(), 6u);
  EXPECT_EQ(r.duplicates, 1);  // flow 2 on both pages, counted once
  EXPECT_DOUBLE_EQ(r.funding_total_usd, 120.0);
  EXPECT_DOUBLE_EQ(r.pledge_total_usd, 500.0);
  EXPECT_TRUE(r.reported);
  EXPECT_DOUBLE_EQ(r.reported_funding_total_usd, 120.0);
  for (const FtsFlow& f : r.flows) {
    EXPECT_EQ(f.counted, f.id == "1" || f.id == "2") << f.id;
    EXPECT_FALSE(f.why.empty()) << f.id;
    EXPECT_EQ(f.pillar, "humanitarian");
  }
}

TEST(FtsImport, FlagsWhatRealPagesHoldAndKeepsIt) {
  TempDir dir;
  const std::string p = dir.write(
      "p.json",
      page({flow("1", 1000, "paid", "incoming", "single", R"(, "originalCurrency": "JPY", "originalAmount": null)"),
            flow("2", 1000, "paid", "incoming", "single",
                 R"(, "originalCurrency": "JPY", "originalAmount": 200000, "exchangeRate": 100)"),
            flow("3", 1000, "paid", "incoming", "single",
                 R"(, "originalCurrency": "JPY", "originalAmount": 100000, "exchangeRate": 100)"),
            R"({"id": "4", "status": "paid", "boundary": "incoming", "onBoundary": "single", "flowType": "Parked",
                "destinationObjects": [{"type": "GlobalCluster", "name": "Mine Action"}]})"}));
  const FtsImport r = import_fts({p});
  ASSERT_EQ(r.flows.size(), 4u);
  EXPECT_EQ(r.flows[0].problems.size(), 1u);  // JPY without amount or rate
  EXPECT_EQ(r.flows[1].problems.size(), 1u);  // 200000 / 100 is not 1000
  EXPECT_TRUE(r.flows[2].problems.empty());
  EXPECT_DOUBLE_EQ(r.flows[1].amount_usd, 1000.0);  // amountUSD kept
  EXPECT_EQ(r.flows[3].problems.size(), 1u);         // no amountUSD
  EXPECT_EQ(r.flows[3].pillar, "peace");             // mine action
  EXPECT_NE(r.flows[3].why.find("Parked"), std::string::npos);
  EXPECT_DOUBLE_EQ(r.funding_total_usd, 3000.0);
  EXPECT_EQ(r.problems.size(), 3u);
}

std::vector<std::string> afghanistan_pages() {
  const std::string data = shared_data_dir();
  if (data.empty()) return {};
  return {data + "/fts/afghanistan-2020-page1.json", data + "/fts/afghanistan-2020-page2.json",
          data + "/fts/afghanistan-2020-page3.json"};
}

TEST(FtsImport, Afghanistan2020IsReproducedToTheDollarInAnyOrder) {
  std::vector<std::string> pages = afghanistan_pages();
  if (pages.empty()) GTEST_SKIP() << "../shared/data is not beside the checkout";
  std::sort(pages.begin(), pages.end());
  do {
    const FtsImport r = import_fts(pages);
    ASSERT_TRUE(r.reported);
    EXPECT_EQ(r.funding_total_usd, r.reported_funding_total_usd);  // to the dollar (exactly)
    EXPECT_EQ(r.reported_funding_total_usd, 725591299.0);
    EXPECT_EQ(r.flows.size(), 484u);
    EXPECT_EQ(r.reported_flow_count, 484);
  } while (std::next_permutation(pages.begin(), pages.end()));
  // A page given twice changes nothing but the duplicates.
  pages.push_back(pages.front());
  const FtsImport twice = import_fts(pages);
  EXPECT_EQ(twice.funding_total_usd, 725591299.0);
  EXPECT_GT(twice.duplicates, 0);
}

// CALIBRATION.md: Japan's counted flows to Afghanistan in 2020, 21.8 million.
TEST(FtsImport, JapanIsFoundByAnyNameItIsKnownBy) {
  const std::vector<std::string> pages = afghanistan_pages();
  if (pages.empty()) GTEST_SKIP() << "../shared/data is not beside the checkout";
  for (const char* name : {"Japan", "Government of Japan", "japan, government of", "XM-DAC-701-2", "MOFA"}) {
    FtsOptions o;
    o.donor = name;
    const FtsImport r = import_fts(pages, o);
    EXPECT_EQ(r.donor, "Japan, Government of") << name;
    EXPECT_EQ(r.flows.size(), 26u) << name;
    EXPECT_NEAR(r.funding_total_usd, 21.8e6, 0.05e6) << name;
  }
  FtsOptions nobody;
  nobody.donor = "Atlantis";
  try {
    import_fts(pages, nobody);
    ADD_FAILURE() << "an unknown donor was accepted";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("Afghanistan Humanitarian Fund"), std::string::npos) << e.what();
  }
}

void expect_refused(const std::vector<std::string>& files, const std::string& says, int line = -1) {
  try {
    import_fts(files);
    ADD_FAILURE() << "accepted; expected: " << says;
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find(says), std::string::npos) << e.what();
    if (line > 0) EXPECT_EQ(e.where().line, line) << e.what();
  }
}

TEST(FtsImport, HostileFilesAreRefusedWithTheirPlace) {
  TempDir dir;
  const std::string whole = page({flow("1", 100, "paid", "incoming", "single")});
  expect_refused({dir.write("cut.json", whole.substr(0, whole.size() / 2))}, "truncated");
  expect_refused({dir.write("bad.json", "{\"data\": {\"flows\": [\n  {\"id\": 1,,}]}}")}, "not valid JSON", 2);
  expect_refused({dir.write("other.json", "{\"results\": []}")}, "not an FTS flow-search page");
  // A number beyond a double (found by the fuzzer): refused at its place, not thrown past the reader.
  expect_refused({dir.write("huge.json", "{\"data\": {\"flows\": [\n{\"id\": 1, \"amountUSD\": 6e12011}]}}")},
                 "the number 6e12011 is out of range", 2);
  // UTF-16, as a spreadsheet might save it.
  std::string utf16 = "\xFF\xFE";
  for (char c : whole) utf16 += std::string(1, c) + '\0';
  expect_refused({dir.write("utf16.json", utf16)}, "not UTF-8");
  expect_refused({dir.write("latin1.json", "{\"data\": {\"flows\": [{\"id\": \"Caf\xE9\"}]}}")}, "not UTF-8", 1);
  // A file over the limit is refused before it is read (a sparse file: no disk used).
  const std::string big = dir.path() + "/big.json";
  { std::ofstream(big) << "{"; }
  std::filesystem::resize_file(big, 100LL << 20);
  expect_refused({big}, "more than the 64 MB");
  expect_refused({dir.path() + "/missing.json"}, "no such file");
  expect_refused({dir.path()}, "a folder");
  // Deep nesting is an error, not a crash.
  expect_refused({dir.write("deep.json", std::string(200000, '[') + std::string(200000, ']'))},
                 "not an FTS flow-search page");
}

}  // namespace
}  // namespace pbflow::testing
