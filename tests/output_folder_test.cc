// Writing results safely: a results folder appears whole (a kill at any
// moment leaves the old set or the new one), temporaries are private and
// never followed through links, concurrent writers are serialised, and a
// folder holding the user's own files is never replaced.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <signal.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <map>
#include <thread>

#include "support/test_files.h"

namespace pbflow::testing {
namespace {

namespace fs = std::filesystem;

// The deterministic files of a results folder (the workbook carries a
// creation time, summary.json a `run` block of timings and the command, and
// report.html shows them in its provenance box).
std::map<std::string, std::string> contents(const std::string& dir) {
  std::map<std::string, std::string> out;
  for (const char* name : {"outcomes.csv", "flows.csv", "timeseries.csv", "trajectories.csv", "report.html"})
    out[name] = fs::exists(dir + "/" + name) ? read_text(dir + "/" + name) : "<missing>";
  std::string& report = out["report.html"];
  if (const auto from = report.find("<section class=\"provenance\">"); from != std::string::npos)
    report.erase(from, report.find("</section>", from) - from);
  auto summary = nlohmann::json::parse(read_text(dir + "/summary.json"));
  summary.erase("run");
  out["summary.json"] = summary.dump();
  out["results.xlsx"] = fs::exists(dir + "/results.xlsx") ? "present" : "<missing>";
  return out;
}

// (Without the trace: what is checked is how the folder is written, and a
// trace would only make every run slower.)
std::vector<std::string> run_args(const std::string& out, int seed) {
  return {"run", source_path("tests/data/small.yaml"), "-n", "3000", "--trajectories", "--no-trace", "--quiet",
          "--seed", std::to_string(seed), "--out", out};
}

class OutputFolderTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    sets_ = new TempDir;
    for (int seed : {1, 2}) {
      const std::string dir = sets_->path() + "/seed" + std::to_string(seed);
      CommandResult r = run_pbflow(run_args(dir, seed));
      ASSERT_EQ(r.exit_code, 0) << r.out;
      reference_[seed] = contents(dir);
    }
  }
  static void TearDownTestSuite() {
    delete sets_;
    sets_ = nullptr;
  }
  // The folder holds exactly one of the reference sets, whole.
  static int which_set(const std::string& dir) {
    const auto now = contents(dir);
    for (const auto& [seed, set] : reference_)
      if (now == set) return seed;
    return 0;
  }
  static TempDir* sets_;
  static std::map<int, std::map<std::string, std::string>> reference_;
};
TempDir* OutputFolderTest::sets_ = nullptr;
std::map<int, std::map<std::string, std::string>> OutputFolderTest::reference_;

TEST_F(OutputFolderTest, AKillAtAnyMomentLeavesTheOldSetOrTheNewOneWhole) {
  TempDir dir;
  const std::string out = dir.path() + "/out";
  ASSERT_EQ(run_pbflow(run_args(out, 1)).exit_code, 0);
  // Kill times spread over a whole run's duration, however fast this build is.
  const auto start = std::chrono::steady_clock::now();
  ASSERT_EQ(run_pbflow(run_args(dir.path() + "/timed", 2)).exit_code, 0);
  const double run_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  int old_seen = 0, new_seen = 0;
  // Fourteen kills spread over the run; on a loaded machine a run can take
  // longer than the timed one, so later kills follow until one lands after
  // the swap (the property checked is the same for every kill).
  for (int k = 0; k < 14 || (new_seen == 0 && k < 20); ++k) {
    const int delay_ms = static_cast<int>(run_ms * (k < 14 ? 0.1 + 1.1 * k / 13.0 : 1.5 * (k - 12)));
    // Back to the old set, then a new run killed part-way.
    if (which_set(out) != 1) {
      ASSERT_EQ(run_pbflow(run_args(out, 1)).exit_code, 0);
    }
    const int pid = spawn_pbflow(run_args(out, 2));
    std::this_thread::sleep_for(std::chrono::milliseconds(delay_ms));
    kill(pid, SIGKILL);
    wait_pbflow(pid);
    const int seen = which_set(out);
    ASSERT_NE(seen, 0) << "a mixture of two runs after a kill at " << delay_ms << " ms";
    (seen == 1 ? old_seen : new_seen)++;
  }
  EXPECT_GT(old_seen, 0);  // some kills came before the swap...
  EXPECT_GT(new_seen, 0);  // ...and some after it
  // The next run removes what killed runs left behind.
  ASSERT_EQ(run_pbflow(run_args(out, 1)).exit_code, 0);
  for (const auto& e : fs::directory_iterator(dir.path()))
    EXPECT_EQ(e.path().filename().string().find(".out.pbflow-"), std::string::npos) << e.path();
}

TEST_F(OutputFolderTest, ConcurrentWritersLeaveOneWholeSet) {
  TempDir dir;
  const std::string out = dir.path() + "/out";
  std::vector<int> pids;
  for (int k = 0; k < 6; ++k) pids.push_back(spawn_pbflow(run_args(out, 1 + k % 2)));
  for (int pid : pids) EXPECT_EQ(wait_pbflow(pid), 0);
  EXPECT_NE(which_set(out), 0);
  // Nothing is left behind but the folder itself.
  for (const auto& e : fs::directory_iterator(dir.path())) EXPECT_EQ(e.path().filename(), "out");
}

TEST(OutputFolder, LinksPlantedInTheFolderAreRefusedAndTheirTargetsUntouched) {
  TempDir dir;
  const std::string victim = dir.write("victim.txt", "precious\n");
  const std::string out = dir.path() + "/out";
  ASSERT_EQ(run_pbflow({"run", source_path("tests/data/small.yaml"), "-n", "2", "--quiet", "--out", out}).exit_code, 0);
  for (const char* name : {"summary.json.partial", "report.html"}) {
    fs::remove(out + "/" + name);
    fs::create_symlink(victim, out + "/" + name);
    CommandResult r = run_pbflow({"run", source_path("tests/data/small.yaml"), "-n", "2", "--quiet", "--out", out});
    EXPECT_EQ(r.exit_code, 2) << r.out;
    EXPECT_NE(r.out.find("holds files pbflow does not write (" + std::string(name) + ")"), std::string::npos) << r.out;
    EXPECT_EQ(read_text(victim), "precious\n");
    fs::remove(out + "/" + name);
  }
  // The folder itself as a link.
  const std::string link = dir.path() + "/link";
  fs::create_directory_symlink(out, link);
  CommandResult r = run_pbflow({"run", source_path("tests/data/small.yaml"), "-n", "2", "--quiet", "--out", link});
  EXPECT_EQ(r.exit_code, 2) << r.out;
  EXPECT_NE(r.out.find("is a symbolic link"), std::string::npos) << r.out;
}

TEST(OutputFolder, AFolderOfTheUsersOwnFilesIsNeverReplaced) {
  TempDir dir;
  const std::string notes = dir.write("mine/notes.txt", "my notes\n");
  const auto start = std::chrono::steady_clock::now();
  CommandResult r = run_pbflow({"run", source_path("scenarios/japan_baseline.yaml"), "--quiet", "--out", dir.path() + "/mine"});
  EXPECT_LT(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(), 5.0)
      << "refused before the run, not after";
  EXPECT_EQ(r.exit_code, 2) << r.out;
  EXPECT_NE(r.out.find("holds files pbflow does not write (notes.txt)"), std::string::npos) << r.out;
  EXPECT_EQ(read_text(notes), "my notes\n");
  EXPECT_FALSE(fs::exists(dir.path() + "/mine/summary.json"));
  // A file where the folder should be.
  const std::string file = dir.write("afile", "x");
  r = run_pbflow({"compare", source_path("scenarios/compare/hdp_strategies.yaml"), "--quiet", "--out", file});
  EXPECT_EQ(r.exit_code, 2) << r.out;
  EXPECT_NE(r.out.find("exists and is not a folder"), std::string::npos) << r.out;
}

TEST(OutputFolder, TemporariesArePrivateAndUnpredictable) {
  // Two runs' staging folders are never the same name, and a run leaves none behind.
  TempDir dir;
  for (int k = 0; k < 2; ++k)
    ASSERT_EQ(run_pbflow({"run", source_path("tests/data/small.yaml"), "-n", "2", "--quiet", "--out", dir.path() + "/out"})
                  .exit_code,
              0);
  std::vector<std::string> names;
  for (const auto& e : fs::directory_iterator(dir.path())) names.push_back(e.path().filename().string());
  EXPECT_EQ(names, std::vector<std::string>{"out"});
  // A report rebuilt in place leaves no temporary either.
  ASSERT_EQ(run_pbflow({"report", dir.path() + "/out"}).exit_code, 0);
  for (const auto& e : fs::directory_iterator(dir.path() + "/out"))
    EXPECT_EQ(e.path().filename().string().find(".pbflow-"), std::string::npos) << e.path();
}

}  // namespace
}  // namespace pbflow::testing
