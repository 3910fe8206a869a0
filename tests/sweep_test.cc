// `pbflow sweep`: designs, determinism across jobs, the SQLite store and
// resuming, and outputs checked before the work starts.
#include <gtest/gtest.h>

#include <sqlite3.h>

#include <sstream>

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
  ASSERT_EQ(sqlite3_exec(db, "DELETE FROM sweep_points WHERE rowid IN (SELECT rowid FROM sweep_points LIMIT 3)", nullptr, nullptr,
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

#ifdef PBFLOW_MPIEXEC
// The same sweep under mpirun with two ranks writes the same bytes.
TEST(Sweep, SameResultsUnderMpirun) {
  TempDir dir;
  const std::vector<std::string> args = {source_path("scenarios/sweep_lhs.yaml"), "--replicas", "3", "--set",
                                         "horizon.months=12", "--set", "sweep.design.samples=10", "-q"};
  std::vector<std::string> single = {"sweep", "--out", dir.path() + "/one"};
  single.insert(single.end(), args.begin(), args.end());
  ASSERT_EQ(run_pbflow(single).exit_code, 0);
  std::string command = std::string(PBFLOW_MPIEXEC) + " --allow-run-as-root --oversubscribe -np 2 '" + PBFLOW_CLI +
                        "' sweep --out '" + dir.path() + "/two'";
  for (const auto& a : args) command += " '" + a + "'";
  ASSERT_EQ(std::system((command + " > /dev/null 2>&1").c_str()), 0) << command;
  EXPECT_EQ(read_text(dir.path() + "/one/sweep.csv"), read_text(dir.path() + "/two/sweep.csv"));
}
#endif

}  // namespace
}  // namespace pbflow::testing
