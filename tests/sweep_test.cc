// `pbflow sweep`: designs, determinism across jobs, the SQLite store and
// resuming, and outputs checked before the work starts.
#include <gtest/gtest.h>

#include <sqlite3.h>

#include <signal.h>
#include <sys/stat.h>

#include <chrono>
#include <cstdlib>
#include <sstream>
#include <thread>

#include "experiment/sampling.h"
#include "pbflow/results_io.h"
#include "support/run_helpers.h"

namespace pbflow::testing {
namespace {

std::string csv(const SweepResult& r) {
  std::ostringstream out;
  write_sweep_csv(r, out);
  return out.str();
}

// Points of any run in a store.
int stored_points(const std::string& db_path) {
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(db_path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
    sqlite3_close(db);
    return -1;
  }
  sqlite3_busy_timeout(db, 5000);
  sqlite3_stmt* q = nullptr;
  int n = -1;
  if (sqlite3_prepare_v2(db, "SELECT count(*) FROM outputs", -1, &q, nullptr) == SQLITE_OK &&
      sqlite3_step(q) == SQLITE_ROW)
    n = sqlite3_column_int(q, 0);
  sqlite3_finalize(q);
  sqlite3_close(db);
  return n;
}

void sql(const std::string& db_path, const std::string& statement) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(db_path.c_str(), &db), SQLITE_OK);
  char* error = nullptr;
  EXPECT_EQ(sqlite3_exec(db, statement.c_str(), nullptr, nullptr, &error), SQLITE_OK) << (error ? error : "");
  sqlite3_free(error);
  sqlite3_close(db);
}

SweepOptions small(int jobs = 1) {
  SweepOptions o;
  o.replicas = 6;
  o.jobs = jobs;
  return o;
}

const std::vector<std::string> kShort = {"horizon.months=24", "sweep.design.samples=8"};

TEST(Sweep, TheDesignExampleRunsAsItStands) {
  Engine engine = Engine::load(source_path("scenarios/examples/sweep_lhs.yaml"), {"horizon.months=12"});
  SweepOptions o;
  o.replicas = 3;
  SweepResult r = engine.sweep(o);
  EXPECT_EQ(r.points.size(), 64u);
  EXPECT_EQ(r.outputs, (std::vector<std::string>{"totals.overhead", "countries.SDN.unmet_need_person_months.mean",
                                                 "countries.AFG.relapses.mean", "objective.mean"}));
  for (const auto& p : r.points) {
    ASSERT_EQ(p.outputs.size(), 4u);
    EXPECT_GT(p.outputs[0], 0.0);
  }
}

TEST(Sweep, LatinHypercubeUsesEveryStratumOnce) {
  ParameterRange a{"x", 0.0, 10.0, {}}, b{"y", -1.0, 1.0, {}};
  auto points = experiment::latin_hypercube({a, b}, 20, 99);
  for (int axis = 0; axis < 2; ++axis) {
    std::vector<int> strata;
    for (const auto& p : points) {
      const double v = std::stod(p[axis].second);
      strata.push_back(static_cast<int>(axis == 0 ? v / 10.0 * 20 : (v + 1) / 2 * 20));
    }
    std::sort(strata.begin(), strata.end());
    for (int i = 0; i < 20; ++i) EXPECT_EQ(strata[i], i);
  }
  EXPECT_EQ(experiment::full_grid({ParameterRange{"x", 0.0, 1.0, {}}, ParameterRange{"y", {}, {}, {"a", "b"}}}, 3).size(), 6u);
}

TEST(Sweep, SameResultsForAnyNumberOfJobs) {
  Engine engine = Engine::load(source_path("scenarios/sweep_lhs.yaml"), kShort);
  EXPECT_EQ(csv(engine.sweep(small(1))), csv(engine.sweep(small(2))));
}

TEST(Sweep, ResumeReusesStoredPointsAndRunsOnlyTheRest) {
  TempDir dir;
  Engine engine = Engine::load(source_path("scenarios/sweep_lhs.yaml"), kShort);
  SweepOptions o = small();
  o.db = dir.path() + "/sweep.sqlite";
  SweepResult first = engine.sweep(o);
  EXPECT_EQ(first.computed, 8);
  // Forget three points, as if the sweep had been stopped.
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(o.db.c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db, "DELETE FROM outputs WHERE id IN (SELECT id FROM outputs LIMIT 3)", nullptr, nullptr,
                         nullptr),
            SQLITE_OK);
  sqlite3_close(db);
  o.resume = true;
  SweepResult resumed = engine.sweep(o);
  EXPECT_EQ(resumed.reused, 5);
  EXPECT_EQ(resumed.computed, 3);
  EXPECT_EQ(csv(resumed), csv(first));
}

TEST(Sweep, AnOutputThatIsNotInTheSummaryIsRefusedFirst) {
  Engine engine = Engine::load(source_path("scenarios/sweep_lhs.yaml"), {"sweep.outputs.0=totals.overhed"});
  try {
    engine.sweep(small());
    FAIL() << "accepted";
  } catch (const InputError& e) {
    EXPECT_EQ(e.key_path(), "sweep.outputs[0]");
    EXPECT_NE(std::string(e.what()).find("overhead"), std::string::npos) << e.what();
  }
}

TEST(Sweep, CommandLine) {
  TempDir dir;
  CommandResult r = run_pbflow({"sweep", source_path("scenarios/sweep_lhs.yaml"), "--replicas", "3", "--set",
                                "horizon.months=12", "--jobs", "2", "--out", dir.path()});
  ASSERT_EQ(r.exit_code, 0) << r.out;
  EXPECT_EQ(read_text(dir.path() + "/sweep.csv").rfind("point,channels.untfhs.lag.months,", 0), 0u);
  EXPECT_EQ(run_pbflow({"sweep", source_path("scenarios/sweep_lhs.yaml"), "--resume"}).exit_code, 2);
  EXPECT_EQ(run_pbflow({"sweep", source_path("tests/data/small.yaml")}).exit_code, 2);
}

// A store's points and outputs as text, without the row ids (which differ
// between stores that hold the same points).
std::string store_rows(const std::string& db) {
  sqlite3* handle = nullptr;
  EXPECT_EQ(sqlite3_open_v2(db.c_str(), &handle, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
  sqlite3_stmt* q = nullptr;
  sqlite3_prepare_v2(handle, "SELECT p.point, p.key, o.* FROM points p JOIN outputs o ON o.id = p.id ORDER BY p.point", -1, &q, nullptr);
  std::string rows;
  while (sqlite3_step(q) == SQLITE_ROW) {
    for (int c = 0; c < sqlite3_column_count(q); ++c)
      if (std::string(sqlite3_column_name(q, c)) != "id")  // row ids differ between stores; the rest must not
        rows += std::string(reinterpret_cast<const char*>(sqlite3_column_text(q, c))) + "|";
    rows += "\n";
  }
  EXPECT_FALSE(rows.empty()) << db;
  sqlite3_finalize(q);
  sqlite3_close(handle);
  return rows;
}

// The same sweep under mpirun with two ranks writes the same bytes, and its
// leader commits every rank's points to the store.
TEST(Sweep, SameResultsUnderMpirun) {
#ifndef PBFLOW_MPIEXEC
  GTEST_SKIP() << "pbflow was built without MPI (no mpiexec found): nothing to compare";
#else
  TempDir dir;
  const std::vector<std::string> args = {source_path("scenarios/sweep_lhs.yaml"), "--replicas", "3", "--set",
                                         "horizon.months=12", "--set", "sweep.design.samples=10", "-q"};
  std::vector<std::string> single = {"sweep", "--out", dir.path() + "/one", "--db", dir.path() + "/one.sqlite"};
  single.insert(single.end(), args.begin(), args.end());
  ASSERT_EQ(run_pbflow(single).exit_code, 0);
  std::string command = std::string(PBFLOW_MPIEXEC) + " --allow-run-as-root --oversubscribe -np 2";
  // Under the sanitizers, ranks unwind slowly so OpenMPI's own leaks are
  // recognised through its plug-ins (tests/sanitizers/lsan.supp).
  if (const char* asan = std::getenv("ASAN_OPTIONS"))
    command += std::string(" -x 'ASAN_OPTIONS=") + asan + ":fast_unwind_on_malloc=0' -x LSAN_OPTIONS";
  command += " '" + std::string(PBFLOW_CLI) + "' sweep --out '" + dir.path() + "/two' --db '" + dir.path() + "/two.sqlite'";
  for (const auto& a : args) command += " '" + a + "'";
  ASSERT_EQ(std::system((command + " > /dev/null 2>&1").c_str()), 0) << command;
  EXPECT_EQ(read_text(dir.path() + "/one/sweep.csv"), read_text(dir.path() + "/two/sweep.csv"));
  EXPECT_EQ(stored_points(dir.path() + "/two.sqlite"), 10);
  EXPECT_EQ(store_rows(dir.path() + "/two.sqlite"), store_rows(dir.path() + "/one.sqlite"));
#endif
}

// A sweep killed part-way keeps every point it finished, and resuming it
// gives exactly the results of a sweep never interrupted.
TEST(Sweep, KilledPartWayKeepsFinishedPointsAndResumesToTheSameResults) {
  TempDir dir;
  const std::vector<std::string> args = {"sweep", source_path("scenarios/sweep_lhs.yaml"), "--replicas", "20", "--set",
                                         "horizon.months=60", "--threads", "1", "-q"};
  auto with = [&](std::vector<std::string> extra) {
    std::vector<std::string> all = args;
    all.insert(all.end(), extra.begin(), extra.end());
    return all;
  };
  ASSERT_EQ(run_pbflow(with({"--out", dir.path() + "/whole"})).exit_code, 0);
  const std::string db = dir.path() + "/killed.sqlite";
  const int pid = spawn_pbflow(with({"--db", db}));
  int kept = 0;
  for (int wait = 0; wait < 6000 && kept < 3; wait += 5) {  // until three points are in, at most 30 s
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
    kept = std::max(kept, stored_points(db));
  }
  kill(pid, SIGKILL);
  EXPECT_EQ(wait_pbflow(pid), -SIGKILL) << "the sweep finished before it could be killed";
  kept = stored_points(db);
  EXPECT_GE(kept, 3);
  EXPECT_LT(kept, 64);
  CommandResult resumed = run_pbflow(with({"--db", db, "--resume", "--out", dir.path() + "/resumed"}));
  ASSERT_EQ(resumed.exit_code, 0) << resumed.out;
  EXPECT_EQ(read_text(dir.path() + "/resumed/sweep.csv"), read_text(dir.path() + "/whole/sweep.csv"));
  EXPECT_EQ(stored_points(db), 64);
}

// A point is reused only by the very sweep that made it: a changed --set, an
// edited parent scenario, another seed or other replicas are refused.
TEST(Sweep, ResumingAfterTheScenarioChangedIsRefused) {
  TempDir dir;
  dir.write("base.yaml", read_text(source_path("scenarios/japan_baseline.yaml")));
  const std::string file = dir.write(
      "sweep.yaml", "pbflow: 1\nextends: base.yaml\nname: s\nsweep:\n  design: {kind: lhs, samples: 3}\n  replicas: 2\n"
                    "  parameters:\n    channels.untfhs.overhead: {min: 0.01, max: 0.1}\n  outputs: [totals.spent]\n");
  const std::string db = dir.path() + "/s.sqlite";
  auto sweep = [&](std::vector<std::string> extra) {
    std::vector<std::string> all = {"sweep", file, "--set", "horizon.months=12", "-q", "--db", db};
    all.insert(all.end(), extra.begin(), extra.end());
    return run_pbflow(all);
  };
  ASSERT_EQ(sweep({}).exit_code, 0);
  CommandResult same = sweep({"--resume"});
  EXPECT_EQ(same.exit_code, 0) << same.out;
  // The sweep block only chooses points: more samples reuse what was run.
  CommandResult more = sweep({"--resume", "--set", "sweep.design.samples=4", "--set", "sweep.design.kind=grid"});
  EXPECT_EQ(more.exit_code, 0) << more.out;

  CommandResult horizon = run_pbflow({"sweep", file, "--set", "horizon.months=24", "-q", "--db", db, "--resume"});
  EXPECT_EQ(horizon.exit_code, 2) << horizon.out;
  EXPECT_NE(horizon.out.find("different sweep"), std::string::npos) << horizon.out;
  EXPECT_NE(horizon.out.find("months: 12`, is now `  months: 24`"), std::string::npos) << horizon.out;

  CommandResult seed = sweep({"--resume", "--seed", "99"});
  EXPECT_EQ(seed.exit_code, 2) << seed.out;
  EXPECT_NE(seed.out.find("its seed was"), std::string::npos) << seed.out;
  CommandResult replicas = sweep({"--resume", "--replicas", "3"});
  EXPECT_EQ(replicas.exit_code, 2) << replicas.out;
  EXPECT_NE(replicas.out.find("its replicas were 2, now 3"), std::string::npos) << replicas.out;

  // The parent edited: the composed scenario differs though the sweep file did not.
  std::string base = read_text(dir.path() + "/base.yaml");
  const std::size_t at = base.find("overhead: ") + 10;
  ASSERT_NE(at, std::string::npos + 10);
  base.replace(at, base.find_first_of(",}\n #", at) - at, "0.0312");
  dir.write("base.yaml", base);
  CommandResult edited = sweep({"--resume"});
  EXPECT_EQ(edited.exit_code, 2) << edited.out;
  EXPECT_NE(edited.out.find("the scenario changed since: line"), std::string::npos) << edited.out;
}

// A store of the first layout (points as JSON text) is refused, not misread.
TEST(Sweep, AStoreOfAnOlderLayoutIsRefused) {
  TempDir dir;
  const std::string db = dir.path() + "/old.sqlite";
  sql(db, "CREATE TABLE sweep_runs (run_key TEXT PRIMARY KEY); CREATE TABLE sweep_points (run_key, point, parameters, outputs);");
  const CommandResult r = run_pbflow({"sweep", source_path("scenarios/sweep_lhs.yaml"), "-n", "2", "--set",
                                      "horizon.months=12", "--set", "sweep.design.samples=3", "-q", "--db", db});
  EXPECT_EQ(r.exit_code, 2) << r.out;
  EXPECT_NE(r.out.find("made by an older pbflow (layout 1"), std::string::npos) << r.out;
  EXPECT_EQ(run_pbflow({"sensitivity", db}).exit_code, 2);
}

TEST(Sweep, ADamagedStoreCellIsNamedNotACrash) {
  TempDir dir;
  const std::string db = dir.path() + "/s.sqlite";
  const std::vector<std::string> args = {"sweep", source_path("scenarios/sweep_lhs.yaml"), "--replicas", "2", "--set",
                                         "horizon.months=12", "--set", "sweep.design.samples=3", "-q", "--db", db};
  ASSERT_EQ(run_pbflow(args).exit_code, 0);
  auto resume = args;
  resume.push_back("--resume");
  // Cells another tool damaged: a missing number, a blob, text, infinity.
  for (const char* damage : {"UPDATE outputs SET \"totals.overhead\" = NULL WHERE id = (SELECT id FROM points WHERE point = 1)",
                             "UPDATE outputs SET \"totals.overhead\" = X'00ff' WHERE id = (SELECT id FROM points WHERE point = 1)",
                             "UPDATE outputs SET \"totals.overhead\" = 'x' WHERE id = (SELECT id FROM points WHERE point = 1)",
                             "UPDATE outputs SET \"totals.overhead\" = 9e999 WHERE id = (SELECT id FROM points WHERE point = 1)"}) {
    sql(db, damage);
    CommandResult r = run_pbflow(resume);
    EXPECT_EQ(r.exit_code, 1) << damage << ": " << r.out;
    EXPECT_NE(r.out.find("sweep store " + db + ": "), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("of outputs has no number for `totals.overhead`"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("damaged store"), std::string::npos) << r.out;
  }
  // Not a file: a FIFO would block a reader, a folder cannot hold a store.
  const std::string fifo = dir.path() + "/fifo.sqlite";
  ASSERT_EQ(mkfifo(fifo.c_str(), 0600), 0);
  CommandResult f = run_pbflow({"sweep", source_path("scenarios/sweep_lhs.yaml"), "-q", "--db", fifo});
  EXPECT_EQ(f.exit_code, 1) << f.out;
  EXPECT_NE(f.out.find(fifo + " is not a regular file"), std::string::npos) << f.out;
  // Not a store at all.
  const std::string scenario = dir.write("not.sqlite", "pbflow: 1\n");
  CommandResult r = run_pbflow({"sweep", source_path("scenarios/sweep_lhs.yaml"), "-q", "--db", scenario});
  EXPECT_EQ(r.exit_code, 1) << r.out;
  EXPECT_NE(r.out.find("not.sqlite: file is not a database"), std::string::npos) << r.out;
}

}  // namespace
}  // namespace pbflow::testing

namespace pbflow::testing {
namespace {


// Shards of a job array, merged, give the one-process sweep byte for byte.
TEST(Shards, MergedShardsGiveTheSweepOfOneProcess) {
  TempDir dir;
  const std::string file = source_path("scenarios/sweep_lhs.yaml");
  const std::vector<std::string> common = {"-n", "2", "--set", "horizon.months=12", "--set", "sweep.design.samples=7", "-q"};
  auto sweep = [&](std::vector<std::string> args) {
    args.insert(args.begin(), {"sweep", file});
    args.insert(args.end(), common.begin(), common.end());
    const CommandResult r = run_pbflow(args);
    EXPECT_EQ(r.exit_code, 0) << r.out;
  };
  const std::string d = dir.path();
  sweep({"--db", d + "/one.sqlite", "--out", d + "/one"});
  sweep({"--shard", "0/2", "--db", d + "/a.sqlite"});
  sweep({"--shard", "1/2", "--db", d + "/b.sqlite", "--out", d + "/b"});
  // Only a: points are missing, and said so.
  const CommandResult partial = run_pbflow({"merge", d + "/a.sqlite", "--db", d + "/half.sqlite"});
  EXPECT_EQ(partial.exit_code, 0) << partial.out;
  EXPECT_NE(partial.out.find("3 missing (points 1 3 5)"), std::string::npos) << partial.out;
  const CommandResult merged = run_pbflow({"merge", d + "/a.sqlite", d + "/b.sqlite", "--db", d + "/all.sqlite"});
  ASSERT_EQ(merged.exit_code, 0) << merged.out;
  EXPECT_NE(merged.out.find("7 of 7 points, none missing"), std::string::npos) << merged.out;
  EXPECT_EQ(store_rows(d + "/all.sqlite"), store_rows(d + "/one.sqlite"));
  // The merged store resumed: nothing runs, and sweep.csv is the same bytes.
  sweep({"--db", d + "/all.sqlite", "--resume", "--out", d + "/merged"});
  EXPECT_EQ(read_text(d + "/merged/sweep.csv"), read_text(d + "/one/sweep.csv"));
  EXPECT_NE(read_text(d + "/merged/sweep.json").find("\"computed\": 0"), std::string::npos);
  // --shard auto reads a Slurm job array's task (here task 3 of 2..3: shard 1 of 2).
  const std::string command = "SLURM_ARRAY_TASK_ID=3 SLURM_ARRAY_TASK_MIN=2 SLURM_ARRAY_TASK_COUNT=2 '" +
                              std::string(PBFLOW_CLI) + "' sweep '" + file +
                              "' -n 2 --set horizon.months=12 --set sweep.design.samples=7 -q --shard auto --out '" + d +
                              "/auto'";
  ASSERT_EQ(std::system(command.c_str()), 0);
  EXPECT_EQ(read_text(d + "/auto/sweep.csv"), read_text(d + "/b/sweep.csv"));
  // A store of another sweep is refused, saying how it differs.
  sweep({"--db", d + "/other.sqlite", "--seed", "99"});
  const CommandResult wrong = run_pbflow({"merge", d + "/a.sqlite", d + "/other.sqlite", "--db", d + "/bad.sqlite"});
  EXPECT_EQ(wrong.exit_code, 2) << wrong.out;
  EXPECT_NE(wrong.out.find("holds another sweep"), std::string::npos) << wrong.out;
  EXPECT_EQ(run_pbflow({"sweep", file, "--shard", "2/2"}).exit_code, 2);
}

}  // namespace
}  // namespace pbflow::testing

namespace pbflow::testing {
namespace {

// A combination of values that makes the scenario invalid fails its point
// alone: recorded with its reason (sweep.json, the store) and the sweep goes
// on; --fail-fast stops at it instead.
TEST(SweepFailures, AnInvalidCombinationIsRecordedAndTheSweepGoesOn) {
  TempDir dir;
  const std::string file = dir.write(
      "s.yaml", "pbflow: 1\nextends: " + source_path("scenarios/japan_baseline.yaml") +
                    "\nname: combos\nhorizon: {start: 2025-04, months: 6}\nchannels:\n  unhcr:\n    passes: {local_partners: 0.2, iom: 0.2}\n"
                    "sweep:\n  design: {kind: grid, samples: 2}\n  parameters:\n"
                    "    channels.unhcr.passes.local_partners: {values: [0.2, 0.7]}\n"
                    "    channels.unhcr.passes.iom: {values: [0.2, 0.7]}\n");
  const std::string d = dir.path();
  const CommandResult r = run_pbflow({"sweep", file, "-n", "2", "--db", d + "/s.sqlite", "--out", d + "/out"});
  ASSERT_EQ(r.exit_code, 0) << r.out;
  EXPECT_NE(r.out.find("3 points run, 0 reused from the store, 1 failed"), std::string::npos) << r.out;
  const std::string json = read_text(d + "/out/sweep.json");
  EXPECT_NE(json.find("\"point\": 3"), std::string::npos) << json;
  EXPECT_NE(json.find("sum to"), std::string::npos) << json;
  const std::string csv = read_text(d + "/out/sweep.csv");
  EXPECT_EQ(std::count(csv.begin(), csv.end(), '\n'), 4);  // the header and the three that ran
  sqlite3* handle = nullptr;
  ASSERT_EQ(sqlite3_open_v2((d + "/s.sqlite").c_str(), &handle, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
  sqlite3_stmt* q = nullptr;
  sqlite3_prepare_v2(handle, "SELECT point, error FROM failures", -1, &q, nullptr);
  ASSERT_EQ(sqlite3_step(q), SQLITE_ROW);
  EXPECT_EQ(sqlite3_column_int(q, 0), 3);
  sqlite3_finalize(q);
  sqlite3_close(handle);
  EXPECT_NE(run_pbflow({"sweep", file, "-n", "2", "--fail-fast"}).exit_code, 0);
}

}  // namespace
}  // namespace pbflow::testing
