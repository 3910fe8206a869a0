// Progress and stopping (SIGINT, SIGTERM, RunOptions::stop): a stopped run
// keeps the replicas that finished, marked partial, and they are the very
// replicas a shorter run would give; a stopped sweep keeps every finished
// point; a stopped comparison writes nothing and says so. The signals are
// sent from the test to the command, as a user's Ctrl-C would be.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <signal.h>
#include <sqlite3.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <sstream>
#include <thread>

#include "pbflow/engine.h"
#include "pbflow/errors.h"
#include "pbflow/results_io.h"
#include "support/test_files.h"

namespace pbflow::testing {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

// Timing bounds hold for the Release build; under the sanitizers every
// month runs several times slower, and the bound with it.
#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define PBFLOW_SANITIZED 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__)
#define PBFLOW_SANITIZED 1
#endif
#ifdef PBFLOW_SANITIZED
constexpr double kSlowdown = 5.0;
#else
constexpr double kSlowdown = 1.0;
#endif

TEST(Stop, AStoppedRunKeepsTheFinishedReplicasWhichAShorterRunWouldGive) {
  const Engine engine = Engine::load(source_path("scenarios/japan_baseline.yaml"), {"horizon.months=24"});
  std::atomic<bool> stop{false};
  RunOptions o;
  o.replicas = 160;
  o.threads = 1;  // blocks run in order, so the finished replicas are the first ones
  o.block_size = 16;
  std::vector<long long> seen;
  o.progress = [&](long long done, long long total) {
    EXPECT_EQ(total, 160);
    seen.push_back(done);
    if (done >= 48) stop = true;
  };
  o.stop = &stop;
  const RunResult partial = engine.run(o);
  EXPECT_TRUE(partial.partial);
  EXPECT_EQ(partial.replicas, 48);
  EXPECT_EQ(partial.replicas_requested, 160);
  EXPECT_EQ(seen, (std::vector<long long>{16, 32, 48}));
  RunOptions shorter;
  shorter.replicas = 48;
  shorter.threads = 1;
  std::ostringstream a, b;
  write_outcomes_csv(partial, a);
  write_outcomes_csv(engine.run(shorter), b);
  EXPECT_EQ(a.str(), b.str());
  std::ostringstream summary;
  write_summary_json(partial, summary);
  EXPECT_EQ(nlohmann::json::parse(summary.str())["partial"]["replicas_requested"], 160);
  // Stopped before anything finished: nothing to show, said so.
  stop = true;
  EXPECT_THROW(engine.run(o), Interrupted);
}

// Blocks check the flag every month, so even a run of a few huge blocks
// stops at once, not at its next block: two blocks of 8,192 replicas (some
// seconds each, one a thread), stopped a second and a half in, give up at
// their next month; nothing finished, so the run throws Interrupted, with
// no gathering to wait for.
TEST(Stop, AStopTakesEffectWithinASecondEvenInsideHugeBlocks) {
  const Engine engine = Engine::load(source_path("scenarios/japan_baseline.yaml"));
  std::atomic<bool> stop{false};
  RunOptions o;
  o.replicas = 16384;
  o.block_size = 8192;
  o.threads = 2;
  o.stop = &stop;
  Clock::time_point asked;
  std::thread stopper([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(1500));
    asked = Clock::now();
    stop = true;
  });
  const auto began = Clock::now();
  EXPECT_THROW(engine.run(o), Interrupted);
  const auto ended = Clock::now();
  stopper.join();
  const double latency = std::chrono::duration<double>(ended - std::max(asked, began)).count();
  EXPECT_LT(latency, 1.0 * kSlowdown);
}

// Waits until `file` holds `text` (the command's first progress line).
bool wait_for(const std::string& file, const std::string& text, double seconds) {
  const auto until = Clock::now() + std::chrono::duration<double>(seconds);
  while (Clock::now() < until) {
    if (fs::exists(file) && read_text(file).find(text) != std::string::npos) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return false;
}

TEST(Stop, CtrlCStopsARunWithinAboutASecondAndWritesWhatFinished) {
  TempDir dir;
  const std::string out = dir.path() + "/run", log = dir.path() + "/log";
  const int pid = spawn_pbflow({"run", source_path("scenarios/japan_baseline.yaml"), "-n", "400000", "--out", out}, log);
  ASSERT_TRUE(wait_for(log, "progress:", 60)) << read_text(log);  // a line a few seconds apart off a terminal
  const auto sent = Clock::now();
  kill(pid, SIGINT);
  const int code = wait_pbflow(pid);
  const double seconds = std::chrono::duration<double>(Clock::now() - sent).count();
  EXPECT_EQ(code, 130) << read_text(log);
  EXPECT_LT(seconds, 15.0 * kSlowdown);  // stopping takes about a second; writing what finished takes the rest
  const std::string said = read_text(log);
  EXPECT_NE(said.find("stopped by signal 2"), std::string::npos) << said;
  EXPECT_NE(said.find("marked partial"), std::string::npos) << said;
  const auto summary = nlohmann::json::parse(read_text(out + "/summary.json"));
  EXPECT_EQ(summary["partial"]["replicas_requested"], 400000);
  EXPECT_GT(summary["replicas"].get<int>(), 0);
  EXPECT_LT(summary["replicas"].get<int>(), 400000);
  EXPECT_NE(read_text(out + "/report.html").find("Partial result"), std::string::npos);
}

TEST(Stop, SigtermStopsASweepThatKeepsEveryFinishedPoint) {
  TempDir dir;
  const std::string out = dir.path() + "/sweep", db = dir.path() + "/sweep.sqlite", log = dir.path() + "/log";
  const int pid = spawn_pbflow({"sweep", source_path("scenarios/sweep_lhs.yaml"), "-n", "20", "--set",
                                "sweep.design.samples=100000", "--db", db, "--out", out},
                               log);
  ASSERT_TRUE(wait_for(log, "progress:", 60)) << read_text(log);
  kill(pid, SIGTERM);
  EXPECT_EQ(wait_pbflow(pid), 143) << read_text(log);
  EXPECT_NE(read_text(log).find("--resume runs the rest"), std::string::npos) << read_text(log);
  // Every point in sweep.csv is in the store, and the other way round.
  const std::string csv = read_text(out + "/sweep.csv");
  const long rows = std::count(csv.begin(), csv.end(), '\n') - 1;
  sqlite3* handle = nullptr;
  ASSERT_EQ(sqlite3_open(db.c_str(), &handle), SQLITE_OK);
  sqlite3_stmt* q = nullptr;
  sqlite3_prepare_v2(handle, "SELECT count(*) FROM outputs", -1, &q, nullptr);
  ASSERT_EQ(sqlite3_step(q), SQLITE_ROW);
  const long stored = sqlite3_column_int64(q, 0);
  sqlite3_finalize(q);
  sqlite3_close(handle);
  EXPECT_GT(rows, 0);
  EXPECT_LT(rows, 100000);
  EXPECT_EQ(rows, stored);
  const auto meta = nlohmann::json::parse(read_text(out + "/sweep.json"));
  EXPECT_EQ(meta["partial"]["points_planned"], 100000);
}

TEST(Stop, AStoppedComparisonWritesNothingAndSaysSo) {
  TempDir dir;
  const std::string out = dir.path() + "/compare", log = dir.path() + "/log";
  const int pid =
      spawn_pbflow({"compare", source_path("scenarios/compare/hdp_strategies.yaml"), "-n", "200000", "--out", out}, log);
  ASSERT_TRUE(wait_for(log, "progress:", 60)) << read_text(log);
  kill(pid, SIGINT);
  EXPECT_EQ(wait_pbflow(pid), 130) << read_text(log);
  EXPECT_NE(read_text(log).find("nothing was written"), std::string::npos) << read_text(log);
  EXPECT_FALSE(fs::exists(out));
}

}  // namespace
}  // namespace pbflow::testing
