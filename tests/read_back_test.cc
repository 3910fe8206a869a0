// Reading back what pbflow wrote: `pbflow report DIR` on a damaged results
// folder fails with exit 1 naming the file, the key or line and column, and
// what was expected. Never a crash, a hang or a library's jargon.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <sys/stat.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <functional>

#include "support/test_files.h"

namespace pbflow::testing {
namespace {

namespace fs = std::filesystem;
using json = nlohmann::ordered_json;

// One good results folder, made once for the whole suite.
const std::string& good_results() {
  static TempDir dir;
  static const std::string out = [] {
    const std::string path = dir.path() + "/good";
    CommandResult r = run_pbflow({"run", source_path("tests/data/small.yaml"), "-n", "3", "--quiet", "--out", path});
    if (r.exit_code != 0) ADD_FAILURE() << r.out;
    return path;
  }();
  return out;
}

void write(const std::string& path, const std::string& text) { std::ofstream(path, std::ios::binary) << text; }

void edit_summary(const std::string& dir, const std::function<void(json&)>& change) {
  json j = json::parse(read_text(dir + "/summary.json"));
  change(j);
  write(dir + "/summary.json", j.dump(2));
}

struct Damage {
  const char* name;
  std::function<void(const std::string& dir)> apply;
  const char* file;     // the message names this file
  const char* message;  // and says this
};
void PrintTo(const Damage& d, std::ostream* out) { *out << d.name; }

class DamagedResults : public ::testing::TestWithParam<Damage> {};

TEST_P(DamagedResults, ReportFailsWithExitOneNamingFileAndPlace) {
  const Damage& d = GetParam();
  TempDir dir;
  const std::string copy = dir.path() + "/results";
  fs::copy(good_results(), copy);
  d.apply(copy);
  const auto start = std::chrono::steady_clock::now();
  CommandResult r = run_pbflow({"report", copy});
  EXPECT_LT(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(), 20.0);
  EXPECT_EQ(r.exit_code, 1) << r.out;
  EXPECT_NE(r.out.find(copy + "/" + d.file), std::string::npos) << r.out;
  EXPECT_NE(r.out.find(d.message), std::string::npos) << "expected `" << d.message << "` in: " << r.out;
  for (const char* jargon : {"internal error", "json.exception", "stod", "basic_string", "terminate"})
    EXPECT_EQ(r.out.find(jargon), std::string::npos) << r.out;
}

const Damage kDamages[] = {
    {"countries_missing", [](const std::string& d) { edit_summary(d, [](json& j) { j.erase("countries"); }); },
     "summary.json", "`countries` is missing"},
    {"country_key_missing",
     [](const std::string& d) { edit_summary(d, [](json& j) { j["countries"]["SDN"]["spent"].erase("peace"); }); },
     "summary.json", "`countries.SDN.spent.peace` is missing"},
    {"total_as_text", [](const std::string& d) { edit_summary(d, [](json& j) { j["totals"]["spent"] = "lots"; }); },
     "summary.json", "`totals.spent` should be a number, found text"},
    {"country_not_an_object",
     [](const std::string& d) { edit_summary(d, [](json& j) { j["countries"]["SDN"] = 3; }); }, "summary.json",
     "`countries.SDN` should be an object holding `"},
    {"number_too_large",
     [](const std::string& d) {
       std::string text = read_text(d + "/summary.json");
       const std::size_t at = text.find("\"spent\": ") + 9;
       text.replace(at, text.find_first_of(",\n", at) - at, "1e999");
       write(d + "/summary.json", text);
     },
     "summary.json", "is not JSON pbflow can read (a number out of range?)"},
    {"null_percentile",
     [](const std::string& d) { edit_summary(d, [](json& j) { j["countries"]["AFG"]["conflict_months"]["p95"] = nullptr; }); },
     "summary.json", "`countries.AFG.conflict_months.p95` should be a number, found null"},
    {"summary_truncated",
     [](const std::string& d) {
       const std::string text = read_text(d + "/summary.json");
       write(d + "/summary.json", text.substr(0, text.size() / 2));
     },
     "summary.json", "is not valid JSON"},
    {"summary_a_list", [](const std::string& d) { write(d + "/summary.json", "[1, 2]"); }, "summary.json",
     "is not a pbflow summary"},
    {"summary_a_fifo",
     [](const std::string& d) {
       fs::remove(d + "/summary.json");
       mkfifo((d + "/summary.json").c_str(), 0600);
     },
     "summary.json", "is not a regular file"},
    {"summary_a_folder",
     [](const std::string& d) {
       fs::remove(d + "/summary.json");
       fs::create_directory(d + "/summary.json");
     },
     "summary.json", "is not a regular file"},
    {"summary_missing", [](const std::string& d) { fs::remove(d + "/summary.json"); }, "summary.json",
     "No such file"},
    {"timeseries_truncated_mid_row",
     [](const std::string& d) {
       const std::string text = read_text(d + "/timeseries.csv");
       write(d + "/timeseries.csv", text.substr(0, text.find('\n', text.find('\n') + 1) + 30));
     },
     "timeseries.csv", "line 3 has"},
    {"timeseries_text_in_a_number",
     [](const std::string& d) {
       std::string text = read_text(d + "/timeseries.csv");
       const std::size_t row = text.find('\n') + 1;
       const std::size_t cell = text.find(',', row) + 1;
       text.replace(cell, text.find(',', cell) - cell, "abc");
       write(d + "/timeseries.csv", text);
     },
     "timeseries.csv", "line 2, column `released_mean`: expected a number, found `abc`"},
    {"timeseries_empty", [](const std::string& d) { write(d + "/timeseries.csv", ""); }, "timeseries.csv",
     "is empty"},
    {"timeseries_column_missing",
     [](const std::string& d) {
       std::string text = read_text(d + "/timeseries.csv");
       const std::size_t at = text.find("unmet_need_p50");
       text.replace(at, 14, "unmet_need_p51");
       write(d + "/timeseries.csv", text);
     },
     "timeseries.csv", "no column `unmet_need_p50`"},
    {"timeseries_open_quote", [](const std::string& d) { write(d + "/timeseries.csv", "month,\"released_mean\n1,2\n"); },
     "timeseries.csv", "never closes"},
};
INSTANTIATE_TEST_SUITE_P(Catalogue, DamagedResults, ::testing::ValuesIn(kDamages),
                         [](const ::testing::TestParamInfo<Damage>& info) { return std::string(info.param.name); });

TEST(DamagedResults, AGoodFolderStillMakesItsReport) {
  TempDir dir;
  const std::string copy = dir.path() + "/results";
  fs::copy(good_results(), copy);
  fs::remove(copy + "/report.html");
  CommandResult r = run_pbflow({"report", copy});
  EXPECT_EQ(r.exit_code, 0) << r.out;
  EXPECT_NE(read_text(copy + "/report.html").find("<h1>small</h1>"), std::string::npos);
}

}  // namespace
}  // namespace pbflow::testing
