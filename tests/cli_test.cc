// The command-line contract: subcommands, exit codes, files written.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>

#include "support/test_files.h"

namespace pbflow::testing {
namespace {

TEST(Cli, RunWritesTheFourFilesWithTheContractKeys) {
  TempDir dir;
  CommandResult r = run_pbflow({"run", source_path("scenarios/japan_baseline.yaml"), "--replicas", "5", "--threads",
                                "2", "--out", dir.path() + "/out", "--set", "horizon.months=24"});
  ASSERT_EQ(r.exit_code, 0) << r.out;
  EXPECT_NE(r.out.find("USD m"), std::string::npos);
  EXPECT_NE(r.out.find("JPY m"), std::string::npos);
  EXPECT_NE(r.out.find("SDN"), std::string::npos);
  auto summary = nlohmann::json::parse(read_text(dir.path() + "/out/summary.json"));
  EXPECT_EQ(summary["pbflow"], 1);
  EXPECT_EQ(summary["scenario"], "japan-baseline");
  EXPECT_EQ(summary["replicas"], 5);
  EXPECT_EQ(summary["months"], 24);
  for (const char* k : {"appropriated", "released", "overhead", "spent", "in_pipeline"})
    EXPECT_TRUE(summary["totals"].contains(k)) << k;
  EXPECT_LT(summary["conservation_error"].get<double>(), 1e-9);
  auto sdn = summary["countries"]["SDN"];
  for (const char* k : {"humanitarian", "development", "peace"}) EXPECT_TRUE(sdn["spent"].contains(k));
  for (const char* k : {"mean", "sd", "p05", "p50", "p95"}) EXPECT_TRUE(sdn["conflict_months"].contains(k));
  EXPECT_TRUE(sdn.contains("peace_at_horizon"));
  EXPECT_EQ(read_text(dir.path() + "/out/flows.csv").rfind("from,to,earmark_country,earmark_pillar,earmark_purpose,amount\n", 0), 0u);
  EXPECT_EQ(read_text(dir.path() + "/out/outcomes.csv")
                .rfind("replica,country,conflict_months,relapses,peace_at_horizon,unmet_need_person_months", 0),
            0u);
  EXPECT_EQ(read_text(dir.path() + "/out/timeseries.csv").rfind("month,released_mean,released_p05,released_p50,", 0), 0u);
  EXPECT_EQ(read_text(dir.path() + "/out/results.xlsx").rfind("PK", 0), 0u);  // a workbook is a zip
  EXPECT_NE(read_text(dir.path() + "/out/timeseries.csv").find("share_in_conflict_p95,unmet_need_mean"), std::string::npos);
}

TEST(Cli, ValidateAcceptsEveryShippedScenario) {
  std::vector<std::string> args = {"validate"};
  for (const auto& f : shipped_scenarios()) args.push_back(f);
  CommandResult r = run_pbflow(args);
  EXPECT_EQ(r.exit_code, 0) << r.out;
}

TEST(Cli, ValidateAcceptsTheSharedExamplesAsTheyStand) {
  std::string ex = shared_examples_dir();
  if (ex.empty()) GTEST_SKIP() << "../shared/examples is not beside the checkout";
  CommandResult r = run_pbflow({"validate", ex + "/japan_baseline.yaml", ex + "/compare_hdp.yaml", ex + "/sweep_lhs.yaml"});
  EXPECT_EQ(r.exit_code, 0) << r.out;
}

TEST(Cli, SchemaPrintsJson) {
  CommandResult r = run_pbflow({"schema"});
  ASSERT_EQ(r.exit_code, 0);
  EXPECT_TRUE(nlohmann::json::accept(r.out)) << r.out;
}

TEST(Cli, UsageErrorsExitTwo) {
  EXPECT_EQ(run_pbflow({}).exit_code, 2);
  EXPECT_EQ(run_pbflow({"frobnicate"}).exit_code, 2);
  EXPECT_EQ(run_pbflow({"run"}).exit_code, 2);
  EXPECT_EQ(run_pbflow({"run", source_path("tests/data/small.yaml"), "--replicas", "0"}).exit_code, 2);
  EXPECT_EQ(run_pbflow({"run", "/no/such/file.yaml"}).exit_code, 2);
  EXPECT_EQ(run_pbflow({"--help"}).exit_code, 0);
}

TEST(Cli, UnwritableOutputIsARuntimeFailure) {
  CommandResult r = run_pbflow({"run", source_path("tests/data/small.yaml"), "--out", "/proc/pbflow-cannot", "--quiet"});
  EXPECT_EQ(r.exit_code, 1) << r.out;
}

}  // namespace
}  // namespace pbflow::testing

namespace pbflow::testing {
namespace {

TEST(Cli, CompareRunsTheDesignExampleAsItStands) {
  TempDir dir;
  CommandResult r = run_pbflow({"compare", source_path("scenarios/examples/compare_hdp.yaml"), "--replicas", "40",
                                "--out", dir.path() + "/cmp"});
  ASSERT_EQ(r.exit_code, 0) << r.out;
  EXPECT_NE(r.out.find("95% interval (paired)"), std::string::npos);
  auto j = nlohmann::json::parse(read_text(dir.path() + "/cmp/compare.json"));
  EXPECT_EQ(j["baseline"], "status_quo");
  EXPECT_EQ(j["replicas"], 40);
  for (const char* name : {"status_quo", "needs_first", "nexus_phase", "pba", "reserve_heavy"}) {
    const auto& s = j["strategies"][name];
    for (const char* k : {"mean", "sd", "p05", "p50", "p95"}) EXPECT_TRUE(s["objective"].contains(k)) << name;
    EXPECT_TRUE(s["vs_baseline"].contains("mean_diff"));
    EXPECT_EQ(s["vs_baseline"]["ci95"].size(), 2u);
    EXPECT_TRUE(s["vs_baseline"].contains("p_better"));
    EXPECT_TRUE(s["countries"].contains("SDN"));
  }
  EXPECT_EQ(read_text(dir.path() + "/cmp/compare.csv").rfind("strategy,kind,objective_mean,", 0), 0u);
}

TEST(Cli, CompareWithoutACompareBlockExitsTwo) {
  CommandResult r = run_pbflow({"compare", source_path("tests/data/small.yaml")});
  EXPECT_EQ(r.exit_code, 2) << r.out;
  EXPECT_NE(r.out.find("no `compare:` block"), std::string::npos) << r.out;
}

}  // namespace
}  // namespace pbflow::testing

namespace pbflow::testing {
namespace {

TEST(Cli, TraceShowsEachRouteWithItsMoney) {
  CommandResult r = run_pbflow({"trace", source_path("scenarios/japan_baseline.yaml"), "--country", "PSE", "--pillar",
                                "humanitarian", "--replicas", "20", "--set", "horizon.months=24"});
  ASSERT_EQ(r.exit_code, 0) << r.out;
  EXPECT_NE(r.out.find("Where the money for PSE (Palestine) went"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("PSE humanitarian: spent"), std::string::npos) << r.out;
  // Core contributions reach Palestine through UNRWA, which earmarks them (a star: core money).
  const auto core = r.out.find("  japan/core_contributions ");
  ASSERT_NE(core, std::string::npos) << r.out;
  EXPECT_NE(r.out.find("    unrwa* ", core), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("PSE development"), std::string::npos) << r.out;  // --pillar humanitarian
  EXPECT_EQ(run_pbflow({"trace", source_path("scenarios/japan_baseline.yaml"), "--country", "FRA"}).exit_code, 2);
}

}  // namespace
}  // namespace pbflow::testing

namespace pbflow::testing {
namespace {

TEST(Cli, RunWritesAReportThatReportRebuilds) {
  TempDir dir;
  const std::string out = dir.path() + "/run";
  ASSERT_EQ(run_pbflow({"run", source_path("scenarios/japan_baseline.yaml"), "-n", "10", "--set", "horizon.months=24",
                        "--out", out, "-q"})
                .exit_code,
            0);
  const std::string html = read_text(out + "/report.html");
  for (const char* part : {"<h1>japan-baseline</h1>", "Where the money went", "Spending on humanitarian",
                           "Share of countries at war", "People in need not reached", "<svg", "<td>SDN Sudan</td>",
                           "class=\"sankey\"", "scenario SHA-256"})
    EXPECT_NE(html.find(part), std::string::npos) << part;
  EXPECT_LT(html.find("<td>SDN Sudan</td>"), html.find("<td>KHM Cambodia</td>"));  // the scenario's order
  EXPECT_EQ(html.find("<script"), std::string::npos);               // self-contained, nothing to run
  std::filesystem::remove(out + "/report.html");
  CommandResult r = run_pbflow({"report", out});
  EXPECT_EQ(r.exit_code, 0) << r.out;
  EXPECT_EQ(read_text(out + "/report.html"), html);
  EXPECT_EQ(run_pbflow({"report", dir.path()}).exit_code, 1);  // no results there
}

}  // namespace
}  // namespace pbflow::testing

namespace pbflow::testing {
namespace {

TEST(Cli, TraceReadsCountryCodesInAnyCaseAndListsTheScenariosOwn) {
  CommandResult lower = run_pbflow({"trace", source_path("scenarios/japan_baseline.yaml"), "--country", "sdn",
                                    "--pillar", "humanitarian", "-n", "4", "--set", "horizon.months=12"});
  EXPECT_EQ(lower.exit_code, 0) << lower.out;
  EXPECT_NE(lower.out.find("SDN humanitarian: spent"), std::string::npos) << lower.out;
  CommandResult unknown = run_pbflow({"trace", source_path("scenarios/japan_baseline.yaml"), "--country", "FRA",
                                      "-n", "4", "--set", "horizon.months=12"});
  EXPECT_EQ(unknown.exit_code, 2);
  EXPECT_NE(unknown.out.find("no country `FRA`; its countries are SDN, SSD"), std::string::npos) << unknown.out;
}

}  // namespace
}  // namespace pbflow::testing
