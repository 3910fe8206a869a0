// `pbflow trace`: route amounts add up exactly (to 1e-9) to what the run
// says each programme spent, and every route's money entered is its overhead
// plus what it holds plus what it spent; with every programme traced, the
// routes and the core money not yet earmarked account for the run's whole
// overhead and pipelines. On every shipped scenario and on random networks;
// one network worked out by hand; the same bytes for any threads or blocks.
#include <gtest/gtest.h>

#include <cmath>
#include <sstream>

#include "pbflow/results_io.h"
#include "support/random_scenario.h"
#include "support/run_helpers.h"

namespace pbflow::testing {
namespace {

constexpr double kTolerance = 1e-9;

// |a - b| within kTolerance of the larger of them and of `scale`.
::testing::AssertionResult Close(double a, double b, double scale) {
  const double bound = kTolerance * std::max({std::abs(a), std::abs(b), scale});
  if (std::abs(a - b) <= bound) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << a << " and " << b << " differ by " << a - b << " (allowed " << bound << ")";
}

TraceResult trace_all(const Engine& engine, int replicas, int threads = 1, int block = 16) {
  RunOptions options;
  options.replicas = replicas;
  options.threads = threads;
  options.block_size = block;
  return engine.trace(options, TraceOptions{});
}

// The identities a trace of every programme must satisfy; `what` names the case.
void expect_adds_up(const TraceResult& t, const std::string& what) {
  const RunResult& run = t.run;
  const double released = mean_total(run, &ReplicaTotals::released);
  for (const TraceProgramme& p : t.programmes)
    EXPECT_TRUE(Close(p.routes_spent, p.spent, released * 1e-6)) << what << " " << p.country << " " << to_string(p.pillar);
  double spent = 0.0, overhead = 0.0, in_pipeline = 0.0;
  for (const TraceRoute& r : t.routes) {
    EXPECT_TRUE(Close(r.entered, r.overhead() + r.in_pipeline + r.spent, released * 1e-6))
        << what << " route " << r.line << ": " << r.country << " " << to_string(r.pillar);
    EXPECT_GE(r.spent, 0.0);
    EXPECT_GE(r.in_pipeline, -kTolerance * released);
    spent += r.spent;
    overhead += r.overhead();
    in_pipeline += r.in_pipeline;
  }
  EXPECT_TRUE(Close(spent, mean_total(run, &ReplicaTotals::spent), released)) << what << ": spending";
  EXPECT_TRUE(Close(overhead + t.pending_core_overhead, mean_total(run, &ReplicaTotals::overhead), released))
      << what << ": overhead";
  EXPECT_TRUE(Close(in_pipeline + t.pending_core, mean_total(run, &ReplicaTotals::in_pipeline), released))
      << what << ": pipelines";
}

TEST(Trace, RoutesAddUpOnEveryShippedScenario) {
  std::vector<std::string> files = shipped_scenarios();
  if (std::string ex = shared_examples_dir(); !ex.empty()) files.push_back(ex + "/japan_baseline.yaml");
  for (const auto& file : files) {
    const Engine engine = Engine::load(file);
    const TraceResult t = trace_all(engine, 4);
    expect_adds_up(t, file);
    if (mean_total(t.run, &ReplicaTotals::spent) > 0.0) {
      EXPECT_FALSE(t.routes.empty()) << file;
    }
  }
}

TEST(Trace, RoutesAddUpOnRandomNetworks) {
  for (int seed = 0; seed < 60; ++seed) {
    RandomScenarioOptions o;
    o.channels = 3 + seed % 9;
    o.countries = 1 + seed % 5;
    o.lines = 1 + seed % 4;
    TempDir dir;
    const std::string yaml = random_scenario_yaml(seed, o);
    try {
      expect_adds_up(trace_all(Engine::load(dir.write("random.yaml", yaml)), 3), "seed " + std::to_string(seed));
    } catch (const std::exception& e) {
      FAIL() << "seed " << seed << ": " << e.what() << "\n" << yaml;
    }
  }
}

// One release of 1.0e6 to a trust fund (10% overhead) passing its untagged
// money to an agency (5% overhead) whose core money goes to two countries
// equally; the agency sub-grants 20% of each disbursement to a local partner
// (4% overhead). No lags, unlimited capacity: everything is spent in month 0.
TEST(Trace, CoreMoneyAndSubGrantsWorkedOutByHand) {
  const std::string yaml =
      "pbflow: 1\nname: by hand\nhorizon: {start: 2025-01, months: 12}\n"
      "donors:\n  d:\n    fiscal_year_start: 1\n    budget:\n      initial: {2025: 1.0e6, 2026: 0}\n"
      "    lines:\n      core: {share: 1, release: upfront, to: {tf: 1}}\n"
      "channels:\n"
      "  tf: {overhead: 0.10, to: {agency: 1}}\n"
      "  agency: {overhead: 0.05, core: {allocate: equal, pillars: {humanitarian: 1}}, passes: {partner: 0.2}}\n"
      "  partner: {overhead: 0.04, local: true}\n"
      "countries:\n"
      "  SDN: {population: 1.0e6, phase: conflict, people_in_need: 2.0e5}\n"
      "  SSD: {population: 1.0e6, phase: conflict, people_in_need: 2.0e5}\n"
      "strategy: {kind: fixed, countries: equal, pillar_split: {humanitarian: 1}}\n"
      "model:\n  absorption: {usd_per_person_month: {humanitarian: 1.0e9, development: 1.0e9, peace: 1.0e9}}\n" +
      kFrozenPhases;
  TempDir dir;
  const Engine engine = Engine::load(dir.write("hand.yaml", yaml));
  RunOptions options;
  options.replicas = 2;
  TraceOptions sudan;
  sudan.countries = {"sdn"};
  sudan.pillar = Pillar::humanitarian;
  const TraceResult t = engine.trace(options, sudan);
  ASSERT_EQ(t.programmes.size(), 1u);
  ASSERT_EQ(t.routes.size(), 2u);
  // Sudan's half of the release: 500,000. The trust fund takes 50,000 of it
  // and the agency 5% of the 450,000 left: 22,500; 427,500 is earmarked.
  const double earmarked = 427500.0;
  const TraceRoute& direct = t.routes[0].hops.size() == 2 ? t.routes[0] : t.routes[1];
  const TraceRoute& partner = t.routes[0].hops.size() == 3 ? t.routes[0] : t.routes[1];
  ASSERT_EQ(direct.hops.size(), 2u);
  ASSERT_EQ(partner.hops.size(), 3u);
  EXPECT_EQ(direct.line, "d/core");
  EXPECT_EQ(direct.hops[0].channel, "tf");
  EXPECT_TRUE(direct.hops[0].core);
  EXPECT_TRUE(direct.hops[1].core);  // the agency earmarked it
  EXPECT_FALSE(partner.hops[2].core);
  EXPECT_TRUE(partner.hops[2].local);
  EXPECT_FALSE(direct.reaches_local());
  // 80% stays with the agency's programme; 20% goes to the partner, which keeps 4%.
  EXPECT_NEAR(direct.entered, 0.8 * 500000.0, 1e-6);
  EXPECT_NEAR(direct.hops[0].overhead, 0.8 * 50000.0, 1e-6);
  EXPECT_NEAR(direct.hops[1].overhead, 0.8 * 22500.0, 1e-6);
  EXPECT_NEAR(direct.spent, 0.8 * earmarked, 1e-6);
  EXPECT_NEAR(partner.entered, 0.2 * 500000.0, 1e-6);
  EXPECT_NEAR(partner.hops[2].overhead, 0.04 * 0.2 * earmarked, 1e-6);
  EXPECT_NEAR(partner.spent, 0.96 * 0.2 * earmarked, 1e-6);
  EXPECT_NEAR(partner.lag_months, 0.0, 1e-12);
  const TraceProgramme& p = t.programmes[0];
  EXPECT_NEAR(p.spent, 0.8 * earmarked + 0.96 * 0.2 * earmarked, 1e-6);
  EXPECT_NEAR(p.spent_via_local / p.routes_spent, 0.96 * 0.2 / (0.8 + 0.96 * 0.2), 1e-12);
  ASSERT_EQ(p.spent_by_intermediaries.size(), 4u);
  EXPECT_NEAR(p.spent_by_intermediaries[2], direct.spent, 1e-9);
  EXPECT_NEAR(p.spent_by_intermediaries[3], partner.spent, 1e-9);
  EXPECT_TRUE(t.local_channels);
}

std::string trace_bytes(const TraceResult& t) {
  std::ostringstream out;
  write_trace_json(t, out);
  write_trace_csv(t, out);
  return out.str();
}

TEST(Trace, SameBytesForAnyThreadCountAndBlockSize) {
  const Engine engine = Engine::load(source_path("scenarios/japan_baseline.yaml"), {"horizon.months=36"});
  const std::string reference = trace_bytes(trace_all(engine, 21, 1, 16));
  EXPECT_EQ(reference, trace_bytes(trace_all(engine, 21, 2, 16)));
  EXPECT_EQ(reference, trace_bytes(trace_all(engine, 21, 2, 3)));
}

TEST(Trace, TheRunItFollowsIsTheRunItself) {
  const Engine engine = Engine::load(source_path("scenarios/japan_baseline.yaml"), {"horizon.months=24"});
  RunOptions options;
  options.replicas = 9;
  std::ostringstream traced, plain;
  write_outcomes_csv(trace_all(engine, 9).run, traced);
  write_outcomes_csv(engine.run(options), plain);
  EXPECT_EQ(traced.str(), plain.str());
}

TEST(Trace, CountryCodesInAnyCaseAndNamesSuggestCodes) {
  const Engine engine = Engine::load(source_path("scenarios/japan_baseline.yaml"), {"horizon.months=12"});
  RunOptions options;
  options.replicas = 2;
  TraceOptions o;
  o.countries = {"sdn"};
  EXPECT_EQ(engine.trace(options, o).programmes.front().country, "SDN");
  o.countries = {"Sudan"};
  try {
    engine.trace(options, o);
    FAIL() << "a country name was accepted";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("did you mean `SDN`"), std::string::npos) << e.what();
  }
  o.countries = {"Ethiopia"};  // by its ISO 3166 name
  try {
    engine.trace(options, o);
    FAIL() << "a country name was accepted";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("`ETH`"), std::string::npos) << e.what();
  }
}

TEST(Trace, CommandWritesTraceFilesThatAddUp) {
  TempDir dir;
  const std::string out = dir.path() + "/trace";
  CommandResult r = run_pbflow({"trace", source_path("scenarios/japan_baseline.yaml"), "--country", "ssd", "-n", "8",
                                "--set", "horizon.months=24", "--out", out, "--top", "3"});
  ASSERT_EQ(r.exit_code, 0) << r.out;
  EXPECT_NE(r.out.find("SSD humanitarian: spent"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("more route"), std::string::npos) << r.out;  // --top 3 leaves some out
  const std::string csv = read_text(out + "/trace.csv");
  const std::string json = read_text(out + "/trace.json");
  EXPECT_EQ(csv.rfind("country,pillar,purpose,line,route,intermediaries,reaches_local,core_hops,entered_USD", 0), 0u) << csv;
  EXPECT_NE(json.find("\"routes\""), std::string::npos);
  // Every route is in the CSV, whatever --top shows.
  int rows = 0;
  for (char c : csv) rows += c == '\n';
  EXPECT_GT(rows - 1, 3);
}

}  // namespace
}  // namespace pbflow::testing
