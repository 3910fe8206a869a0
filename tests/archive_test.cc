// Results as bytes and back (pbflow/archive.h, how Python pickles them):
// every field comes back exact, and damaged bytes are refused, never read.
#include <gtest/gtest.h>

#include <sstream>

#include "pbflow/archive.h"
#include "pbflow/engine.h"
#include "pbflow/errors.h"
#include "pbflow/results_io.h"
#include "pbflow/scenario_io.h"
#include "support/test_files.h"

namespace pbflow::testing {
namespace {

const Engine& small() {
  static const Engine engine = Engine::load(source_path("tests/data/small.yaml"));
  return engine;
}

RunOptions few(int replicas = 5) {
  RunOptions o;
  o.replicas = replicas;
  o.threads = 2;
  o.trajectories = true;
  return o;
}

template <typename T>
T round_trip(const T& value) {
  T back;
  from_bytes(to_bytes(value), back);
  return back;
}

// What the writers make of a run: every file's text.
std::string files_of(const RunResult& r) {
  std::ostringstream out;
  write_summary_json(r, out);
  write_outcomes_csv(r, out);
  write_flows_csv(r, out);
  write_timeseries_csv(r, out);
  write_countries_monthly_csv(r, out);
  write_trajectories_csv(r, out);
  return out.str();
}

TEST(Archive, ARunComesBackFieldByField) {
  const RunResult run = small().run(few());
  const RunResult back = round_trip(run);
  EXPECT_EQ(files_of(back), files_of(run));
  EXPECT_EQ(to_bytes(back), to_bytes(run));  // and every field the files do not show
  EXPECT_EQ(back.started_at, run.started_at);
  EXPECT_EQ(back.assumptions.size(), run.assumptions.size());
  EXPECT_EQ(back.channel_delivered, run.channel_delivered);
  EXPECT_FALSE(back.trajectories.empty());
}

TEST(Archive, ARunsLoansComeBack) {
  RunOptions o = few(3);
  const RunResult run = Engine::load(source_path("scenarios/cases/iraq_2003.yaml")).run(o);
  ASSERT_FALSE(run.loans.empty());
  const RunResult back = round_trip(run);
  std::ostringstream a, b;
  write_loans_csv(run, a);
  write_loans_csv(back, b);
  EXPECT_EQ(a.str(), b.str());
  EXPECT_EQ(back.loans.front().grant_element, run.loans.front().grant_element);
}

TEST(Archive, EveryKindOfResultComesBack) {
  const Engine compare = Engine::load(source_path("tests/data/small_compare.yaml"));
  const CompareResult c = compare.compare(few(4));
  const CompareResult c2 = round_trip(c);
  std::ostringstream a, b;
  write_compare_json(c, a);
  write_compare_json(c2, b);
  EXPECT_EQ(a.str(), b.str());
  EXPECT_EQ(to_bytes(c2), to_bytes(c));

  const TraceResult t = small().trace(few(3), TraceOptions{{"SDN"}, std::nullopt});
  const TraceResult t2 = round_trip(t);
  std::ostringstream ta, tb;
  write_trace_csv(t, ta);
  write_trace_csv(t2, tb);
  EXPECT_EQ(ta.str(), tb.str());
  EXPECT_FALSE(t2.routes.empty());

  const RunResult w = Engine::load(source_path("tests/data/small.yaml"), {"donors.japan.budget.growth=0.1"}).run(few());
  const DifferenceResult d = paired_difference(w, small().run(few()));
  std::ostringstream da, db;
  write_diff_csv(d, da);
  write_diff_csv(round_trip(d), db);
  EXPECT_EQ(da.str(), db.str());
}

TEST(Archive, ASweepItsIndicesAndItsBoxComeBack) {
  const Engine sweep = Engine(load_scenario_text(
      "pbflow: 1\nextends: small.yaml\nname: g\nsweep:\n  test_function: sobol_g\n  design: {kind: sobol, samples: 16}\n"
      "  parameters:\n    x1: {min: 0, max: 1}\n    x2: {min: 0, max: 1}\n    x3: {min: 0, max: 1}\n",
      source_path("tests/data/g.yaml")));
  const SweepResult r = sweep.sweep();
  const SweepResult r2 = round_trip(r);
  std::ostringstream a, b;
  write_sweep_csv(r, a);
  write_sweep_csv(r2, b);
  EXPECT_EQ(a.str(), b.str());
  const SensitivityResult s = sensitivity(r);
  EXPECT_EQ(sensitivity_table(round_trip(s)), sensitivity_table(s));
  DiscoveryOptions o;
  o.output = "test_function";
  o.threshold = 1.0;
  const DiscoveryResult found = discover(r, o);
  EXPECT_EQ(discovery_table(round_trip(found)), discovery_table(found));
}

TEST(Archive, DamagedBytesAreRefusedNeverRead) {
  const std::string bytes = to_bytes(small().run(few(2)));
  RunResult out;
  for (std::size_t cut = 0; cut < bytes.size(); cut += 1 + cut / 16)
    EXPECT_THROW(from_bytes(bytes.substr(0, cut), out), RuntimeFailure) << "cut at " << cut;
  EXPECT_THROW(from_bytes(bytes + "x", out), RuntimeFailure);
  // A length made huge must not allocate it.
  std::string huge = bytes;
  for (int i = 0; i < 8; ++i) huge[16 + i] = '\xff';
  EXPECT_THROW(from_bytes(huge, out), RuntimeFailure);
  // Another kind of result, and no result at all.
  SweepResult sweep;
  EXPECT_THROW(from_bytes(bytes, sweep), RuntimeFailure);
  EXPECT_THROW(from_bytes(std::string("not a result at all"), out), RuntimeFailure);
}

TEST(ScenarioText, LoadsAsItsFileWouldWithMessagesNamingIt) {
  const std::string text = read_text(source_path("tests/data/small.yaml"));
  const Scenario from_text = load_scenario_text(text, source_path("tests/data/small.yaml"));
  const Scenario from_file = load_scenario(source_path("tests/data/small.yaml"));
  EXPECT_EQ(from_text.composed_text, from_file.composed_text);
  // Its canonical text reads back to itself.
  EXPECT_EQ(load_scenario_text(from_text.composed_text, "again.yaml").composed_text, from_text.composed_text);
  try {
    load_scenario_text("pbflow: 1\nname: x\nchannels:\n  a: {kind: un_agncy}\n", "mine.yaml");
    FAIL() << "an unknown channel kind was accepted";
  } catch (const InputError& e) {
    EXPECT_EQ(e.where().file, "mine.yaml");
    EXPECT_EQ(e.where().line, 4);
    EXPECT_EQ(e.key_path(), "channels.a.kind");
  }
  // extends: is relative to the name's folder.
  const Scenario extended =
      load_scenario_text("pbflow: 1\nextends: small.yaml\nname: more\n", source_path("tests/data/more.yaml"));
  EXPECT_EQ(extended.countries.size(), from_file.countries.size());
  EXPECT_EQ(extended.name, "more");
  // A variant made from it (as compare and sweep make theirs) keeps its text.
  const Scenario variant = reload_scenario(extended, {"horizon.months=6"});
  EXPECT_EQ(variant.horizon.months, 6);
  EXPECT_EQ(variant.name, "more");
}

}  // namespace
}  // namespace pbflow::testing
