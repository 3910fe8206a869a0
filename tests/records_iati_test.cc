// IATI activity files (docs/guide-real-data.md): every transaction kept,
// with what it lacks flagged at its line; chains linked hop by hop and
// broken where the files say so; the shared real files imported with their
// exact transaction counts; hostile files refused with their place.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <algorithm>
#include <regex>
#include <set>

#include "pbflow/engine.h"
#include "pbflow/errors.h"
#include "pbflow/records.h"
#include "support/test_files.h"

namespace pbflow::testing {
namespace {

// Two activities of one chain (a ministry's programme paying an NGO's
// project, both sides recorded), and one with what real files lack.
const char* kChain = R"(<?xml version="1.0" encoding="UTF-8"?>
<iati-activities version="2.03">
 <iati-activity default-currency="JPY" humanitarian="1">
  <iati-identifier>XM-DAC-701-2-PROG</iati-identifier>
  <reporting-org ref="XM-DAC-701-2"/>
  <sector code="15250" percentage="60"/>
  <sector code="72010" percentage="40"/>
  <recipient-country code="AF"/>
  <transaction>
   <transaction-type code="3"/>
   <transaction-date iso-date="2020-06-01"/>
   <value value-date="2020-06-01">1000000</value>
   <provider-org ref="XM-DAC-701-2" provider-activity-id="XM-DAC-701-2-PROG"/>
   <receiver-org ref="XM-DAC-41114" receiver-activity-id="XM-DAC-41114-PROJ"><narrative>UNDP</narrative></receiver-org>
  </transaction>
  <transaction>
   <transaction-type code="3"/>
   <value value-date="2020-07-01">500000</value>
   <receiver-org ref="XM-DAC-41122" receiver-activity-id="XM-DAC-41122-PROJ"/>
  </transaction>
 </iati-activity>
 <iati-activity default-currency="JPY">
  <iati-identifier>XM-DAC-41114-PROJ</iati-identifier>
  <transaction>
   <transaction-type code="1"/>
   <value value-date="2020-06-03">1000000</value>
   <provider-org ref="JP-8" provider-activity-id="XM-DAC-701-2-PROG"/>
  </transaction>
 </iati-activity>
 <iati-activity default-currency="JPY">
  <iati-identifier>XM-DAC-41122-PROJ</iati-identifier>
  <transaction>
   <transaction-type code="1"/>
   <value value-date="2020-07-05">400000</value>
   <provider-org provider-activity-id="XM-DAC-701-2-PROG"/>
  </transaction>
 </iati-activity>
 <iati-activity>
  <iati-identifier>XX-ODD</iati-identifier>
  <transaction><transaction-type code="99"/><value>5</value></transaction>
  <transaction><transaction-type code="D"/><value currency="USD">7</value></transaction>
  <transaction><transaction-type code="3"/></transaction>
 </iati-activity>
</iati-activities>
)";

TEST(IatiImport, EveryTransactionIsKeptWithWhatItLacksFlaggedAtItsLine) {
  TempDir dir;
  const IatiImport r = import_iati({dir.write("chain.xml", kChain)});
  ASSERT_EQ(r.activities.size(), 4u);
  ASSERT_EQ(r.transactions.size(), 7u);
  const IatiTransaction& first = r.transactions[0];
  EXPECT_EQ(first.activity, "XM-DAC-701-2-PROG");
  EXPECT_EQ(first.line, 9);
  EXPECT_EQ(first.currency, "JPY");  // the activity's default
  EXPECT_EQ(first.sectors, "15250:60; 72010:40");
  EXPECT_EQ(first.pillar, "peace");
  EXPECT_EQ(first.countries, "AF:100");
  EXPECT_TRUE(first.humanitarian);
  EXPECT_EQ(first.receiver_name, "UNDP");
  EXPECT_TRUE(first.problems.empty());
  // The odd activity: an undeclared type, no currency anywhere, no value-date,
  // a 1.0x letter (D: disbursement), and no value at all.
  const IatiTransaction &odd = r.transactions[4], &letter = r.transactions[5], &empty = r.transactions[6];
  EXPECT_EQ(odd.activity, "XX-ODD");
  EXPECT_EQ(odd.type, "99");
  EXPECT_EQ(odd.problems.size(), 3u);  // type, currency, value-date
  EXPECT_EQ(letter.type, "3");
  EXPECT_EQ(letter.currency, "USD");
  EXPECT_FALSE(empty.has_value);
  EXPECT_EQ(r.problems.at("undeclared transaction type code"), 1);
  EXPECT_EQ(r.problems.at("value without currency"), 2);
  EXPECT_EQ(r.problems.at("transaction without a value"), 1);
  EXPECT_EQ(r.problems.at("legacy organisation id"), 1);  // JP-8 is JICA's old id
  bool placed = false;
  for (const std::string& p : r.problem_list) placed = placed || p.find("chain.xml:40: XX-ODD: ") != std::string::npos;
  EXPECT_TRUE(placed) << "a problem names its file, line and activity";
}

TEST(IatiImport, ChainsAreLinkedHopByHopAndBreakWhereTheFilesSay) {
  TempDir dir;
  const IatiImport r = import_iati({dir.write("chain.xml", kChain)});
  ASSERT_EQ(r.links.size(), 2u);
  EXPECT_EQ(r.links[0].from_activity, "XM-DAC-701-2-PROG");
  EXPECT_EQ(r.links[0].to_activity, "XM-DAC-41114-PROJ");
  EXPECT_EQ(r.links[0].status, "linked");
  EXPECT_EQ(r.links[0].disbursed, 1e6);
  EXPECT_EQ(r.links[0].incoming_funds, 1e6);
  EXPECT_NE(r.links[1].status.find("amounts differ"), std::string::npos) << r.links[1].status;
  const std::vector<IatiLink> chain = iati_chain(r, "XM-DAC-41114-PROJ");
  ASSERT_EQ(chain.size(), 2u);  // from the ministry's programme to both projects
  EXPECT_EQ(chain[0].from_activity, "XM-DAC-701-2-PROG");
}

int count_transactions(const std::string& file) {
  std::ifstream in(file);
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const std::regex element("<transaction[\\s>]");
  return static_cast<int>(std::distance(std::sregex_iterator(text.begin(), text.end(), element), std::sregex_iterator()));
}

TEST(IatiImport, TheSharedRealFilesImportWithTheirExactCounts) {
  const std::string data = shared_data_dir();
  if (data.empty()) GTEST_SKIP() << "../shared/data is not beside the checkout";
  int files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(data + "/iati")) {
    if (entry.path().extension() != ".xml") continue;
    ++files;
    const IatiImport r = import_iati({entry.path().string()});
    EXPECT_EQ(static_cast<int>(r.transactions.size()), count_transactions(entry.path().string())) << entry.path();
    EXPECT_GT(r.activities.size(), 0u) << entry.path();
    for (const IatiTransaction& t : r.transactions) EXPECT_GT(t.line, 0) << entry.path();
  }
  EXPECT_EQ(files, 2);
}

// The food-security file's chain: the Dutch foreign ministry's programme
// pays PAX's project, which passes money on to Amnesty International's;
// the ministry's and Amnesty's activities are not in the file, so each hop
// is recorded by one side only, and the import says which.
TEST(IatiImport, TheFoodSecurityChainIsFollowedHopByHop) {
  const std::string data = shared_data_dir();
  if (data.empty()) GTEST_SKIP() << "../shared/data is not beside the checkout";
  const IatiImport r = import_iati({data + "/iati/foodsecurity-dportal.xml"});
  EXPECT_EQ(r.transactions.size(), 63u);
  const std::vector<IatiLink> chain = iati_chain(r, "NL-KVK-30214009-C380");
  ASSERT_GE(chain.size(), 2u);
  EXPECT_EQ(chain[0].from_activity, "XM-DAC-7-PPR-4000004336");
  EXPECT_EQ(chain[0].to_activity, "NL-KVK-30214009-C380");
  EXPECT_NE(chain[0].status.find("provider activity not in these files"), std::string::npos);
  EXPECT_NEAR(chain[0].incoming_funds, 5000000 + 6461986 + 10943917, 0.5);
  bool amnesty = false;
  for (const IatiLink& l : chain)
    if (l.to_activity == "NL-KVK-40530953-SCC1") {
      amnesty = true;
      EXPECT_EQ(l.from_activity, "NL-KVK-30214009-C380");
      EXPECT_NE(l.status.find("receiver activity not in these files"), std::string::npos);
      EXPECT_NEAR(l.disbursed, 200000 + 277654 + 400000 + 217319 + 1182686, 0.5);
    }
  EXPECT_TRUE(amnesty);
  EXPECT_GT(r.problems.at("language code not in the codelist (lower case)"), 0);  // xml:lang="EN"
}

void expect_refused(const std::string& file, const std::string& says, int line = -1) {
  try {
    import_iati({file});
    ADD_FAILURE() << "accepted; expected: " << says;
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find(says), std::string::npos) << e.what();
    if (line > 0) EXPECT_EQ(e.where().line, line) << e.what();
  }
}

TEST(IatiImport, HostileFilesAreRefusedWithTheirPlace) {
  TempDir dir;
  const std::string bomb = R"(<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<iati-activities><iati-activity><iati-identifier>&lol3;</iati-identifier></iati-activity></iati-activities>)";
  expect_refused(dir.write("bomb.xml", bomb), "entity declarations are refused", 2);
  const std::string text(kChain);
  expect_refused(dir.write("cut.xml", text.substr(0, text.size() / 2)), "truncated");
  expect_refused(dir.write("latin1.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<iati-activities>\n"
                                         "<iati-activity><iati-identifier>Caf\xE9</iati-identifier></iati-activity>"
                                         "</iati-activities>"),
                 "not well-formed", 3);
  expect_refused(dir.write("other.xml", "<html><body/></html>"), "not an IATI activity file");
  expect_refused(dir.write("empty.xml", ""), "not well-formed");
  const std::string big = dir.path() + "/big.xml";
  { std::ofstream(big) << "<"; }
  std::filesystem::resize_file(big, 100LL << 20);
  expect_refused(big, "more than the 64 MB");
  // Deep nesting is parsed without recursion: no crash.
  std::string deep = "<iati-activities>";
  for (int i = 0; i < 100000; ++i) deep += "<a>";
  for (int i = 0; i < 100000; ++i) deep += "</a>";
  deep += "</iati-activities>";
  EXPECT_EQ(import_iati({dir.write("deep.xml", deep)}).transactions.size(), 0u);
}

}  // namespace
}  // namespace pbflow::testing

namespace pbflow::testing {
namespace {

TEST(ImportCommand, WritesItsTablesAndRefusesBadFilesWithExitTwo) {
  TempDir dir;
  const std::string chain = dir.write("chain.xml", kChain);
  CommandResult ok = run_pbflow({"import", "iati", chain, "--out", dir.path() + "/out"});
  ASSERT_EQ(ok.exit_code, 0) << ok.out;
  EXPECT_NE(ok.out.find("4 activities, 7 transactions"), std::string::npos) << ok.out;
  for (const char* name : {"iati_transactions.csv", "iati_chains.csv", "iati_summary.json"})
    EXPECT_TRUE(std::filesystem::exists(dir.path() + "/out/" + name)) << name;
  const std::string csv = read_text(dir.path() + "/out/iati_transactions.csv");
  EXPECT_EQ(std::count(csv.begin(), csv.end(), '\n'), 8);  // a header and a row per transaction
  CommandResult bad = run_pbflow({"import", "iati", dir.write("bad.xml", "<iati-activities>\n<oops></iati-activities>")});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.out.find("bad.xml:2:"), std::string::npos) << bad.out;
  CommandResult fts = run_pbflow({"import", "fts", dir.write("p.json", "{\"data\": {\"flows\": []}}"), "--out",
                                  dir.path() + "/fts"});
  EXPECT_EQ(fts.exit_code, 0) << fts.out;
  EXPECT_TRUE(std::filesystem::exists(dir.path() + "/fts/fts_summary.json"));
}

}  // namespace
}  // namespace pbflow::testing

namespace pbflow::testing {
namespace {

// A run's flows exported in IATI's shape and read back: every edge's two
// transactions, every hop linked with both sides equal, and no problem.
TEST(IatiExport, ARunsFlowsRoundTripThroughIati) {
  RunOptions o;
  o.replicas = 8;
  const RunResult r = Engine::load(source_path("tests/data/purposes.yaml")).run(o);
  TempDir dir;
  const std::string file = dir.path() + "/sim.xml";
  write_iati_export(r, file);
  const IatiImport back = import_iati({file});
  std::set<std::pair<std::string, std::string>> edges;
  double total = 0.0;
  int rows = 0;
  for (const FlowRow& f : r.flows)
    if (f.amount != 0.0) {
      ++rows;
      edges.insert({f.from, f.to});
      total += f.amount;
    }
  EXPECT_EQ(static_cast<int>(back.transactions.size()), 2 * rows);
  EXPECT_EQ(back.links.size(), edges.size());
  double disbursed = 0.0;
  for (const IatiLink& l : back.links) {
    EXPECT_EQ(l.status, "linked") << l.from_activity << " -> " << l.to_activity;
    EXPECT_EQ(l.disbursed, l.incoming_funds);
    disbursed += l.disbursed;
  }
  EXPECT_NEAR(disbursed, total, 0.005 * rows + 1e-6 * total);  // each value to the cent
  EXPECT_TRUE(back.problems.empty()) << back.problem_list.front();
  // Earmarks carry their purpose code and country.
  bool mine_action = false;
  for (const IatiTransaction& t : back.transactions)
    if (t.sectors == "15250:100" && t.countries == "AF:100") mine_action = true;
  EXPECT_TRUE(mine_action);
  // A file pbflow did not write is never overwritten; its own is.
  const std::string mine = dir.write("mine.xml", "<my-notes/>");
  EXPECT_THROW(write_iati_export(r, mine), InputError);
  EXPECT_EQ(read_text(mine), "<my-notes/>");
  EXPECT_NO_THROW(write_iati_export(r, file));
}

}  // namespace
}  // namespace pbflow::testing
