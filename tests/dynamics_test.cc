// Country dynamics and shocks (MODEL.md sections 2 and 4): common random
// numbers, what each shock changes, and invariants.
#include <gtest/gtest.h>

#include <cmath>

#include "pbflow/results_io.h"
#include "support/run_helpers.h"

namespace pbflow::testing {
namespace {

RunResult run_engine(const Engine& engine, int replicas, bool trajectories = true) {
  RunOptions o;
  o.replicas = replicas;
  o.trajectories = trajectories;
  o.threads = 1;
  return engine.run(o);
}

// Hazards that no spending changes: phase paths then depend on the random
// numbers alone, and must be the same under any budget or strategy.
const std::vector<std::string> kSpendingBlindHazards = {
    "model.phases.conflict_end_peace_effect=0", "model.phases.relapse_peace_effect=0",
    "model.phases.relapse_development_effect=0", "model.phases.relapse_capacity_effect=0",
    "model.phases.onset_capacity_effect=0", "model.phases.onset_hazard=0.01"};

std::vector<std::string> with(std::vector<std::string> base, const std::vector<std::string>& more) {
  base.insert(base.end(), more.begin(), more.end());
  return base;
}

TEST(CommonRandomNumbers, SameDisastersAndOnsetsUnderAnotherBudgetOrStrategy) {
  const std::string file = source_path("scenarios/japan_baseline.yaml");
  Engine a = Engine::load(file, kSpendingBlindHazards);
  Engine b = Engine::load(file, with(kSpendingBlindHazards, {"donors.japan.budget.initial.2025=40e9",
                                                             "donors.japan.budget.initial.2026=300e9"}));
  Engine c = Engine::load(file, with(kSpendingBlindHazards, {"strategy.kind=fixed", "strategy.countries=population"}));
  RunResult ra = run_engine(a, 20), rb = run_engine(b, 20), rc = run_engine(c, 20);
  ASSERT_EQ(ra.trajectories.size(), rb.trajectories.size());
  int disasters = 0, onsets = 0;
  for (std::size_t i = 0; i < ra.trajectories.size(); ++i) {
    for (const RunResult* other : {&rb, &rc}) {
      EXPECT_EQ(ra.trajectories[i].disasters, other->trajectories[i].disasters) << i;
      EXPECT_EQ(ra.trajectories[i].onsets, other->trajectories[i].onsets) << i;
      EXPECT_EQ(ra.trajectories[i].phase, other->trajectories[i].phase) << i;
    }
    disasters += ra.trajectories[i].disasters;
    onsets += ra.trajectories[i].onsets;
  }
  EXPECT_GT(disasters, 100);  // the check saw plenty of both
  EXPECT_GT(onsets, 20);
  // ... while the money, and so need met, did differ.
  EXPECT_NE(mean_total(ra, &ReplicaTotals::spent), mean_total(rb, &ReplicaTotals::spent));
}

TEST(CommonRandomNumbers, ReplicaFuturesDoNotDependOnHowManyReplicasRun) {
  Engine engine = Engine::load(source_path("scenarios/japan_baseline.yaml"), {"horizon.months=48"});
  RunResult small = run_engine(engine, 7), large = run_engine(engine, 30);
  for (int r = 0; r < 7; ++r)
    for (std::size_t c = 0; c < small.countries.size(); ++c) {
      EXPECT_EQ(small.outcome(r, c).conflict_months, large.outcome(r, c).conflict_months);
      EXPECT_EQ(small.outcome(r, c).unmet_need_person_months, large.outcome(r, c).unmet_need_person_months);
    }
}

// Random streams are keyed by a country's identity, not its place in the
// file: a what-if that adds a country (here before the others) leaves every
// other country's disasters, onsets and phases as they were.
std::string three_countries(const std::string& first) {
  return "pbflow: 1\nname: crn\nhorizon: {start: 2025-01, months: 120}\n"
         "donors:\n  d:\n    fiscal_year_start: 1\n    budget:\n      initial: {2025: 1.0e6, 2026: 1.0e6}\n"
         "    lines:\n      main: {share: 1.0, release: monthly, allocate: strategy, deliver: {humanitarian: {ch: 1}, "
         "development: {ch: 1}, peace: {ch: 1}}}\n"
         "channels:\n  ch: {lag: {months: 2}}\n"
         "countries:\n" + first +
         "  KHM: {population: 2.0e6, phase: fragile, people_in_need: 1.0e4}\n"
         "  SDN: {population: 1.0e6, phase: conflict, people_in_need: 2.0e5}\n"
         "strategy: {kind: fixed, countries: equal}\n"
         "shocks:\n  - {kind: disaster, rate_per_year: 2, people: {median: 1.0e4}}\n"
         "model:\n  capacity: {growth: 0}\n"
         "  phases: {conflict_end_peace_effect: 0, relapse_peace_effect: 0, relapse_development_effect: 0, "
         "relapse_capacity_effect: 0, onset_capacity_effect: 0, onset_hazard: 0.01, conflict_end_hazard: 0.05}\n";
}

TEST(CommonRandomNumbers, AddingACountryChangesNoOtherCountrysDraws) {
  TempDir dir;
  Engine two = Engine::load(dir.write("two.yaml", three_countries("")));
  Engine three = Engine::load(dir.write("three.yaml", three_countries("  AFG: {population: 4.0e6, phase: stable}\n")));
  RunResult a = run_engine(two, 20), b = run_engine(three, 20);
  ASSERT_EQ(b.countries.front(), "AFG");
  int disasters = 0, onsets = 0, phase_changes = 0;
  // Trajectories run replica, month, country: match KHM and SDN by code.
  for (int r = 0; r < 20; ++r)
    for (int t = 0; t < a.months; ++t)
      for (int c = 0; c < 2; ++c) {
        const TrajectoryRow& x = a.trajectories[(static_cast<std::size_t>(r) * a.months + t) * 2 + c];
        const TrajectoryRow& y = b.trajectories[(static_cast<std::size_t>(r) * b.months + t) * 3 + c + 1];
        ASSERT_EQ(a.countries[x.country], b.countries[y.country]);
        EXPECT_EQ(x.disasters, y.disasters) << a.countries[c] << " replica " << r << " month " << t;
        EXPECT_EQ(x.onsets, y.onsets) << a.countries[c] << " replica " << r << " month " << t;
        EXPECT_EQ(x.phase, y.phase) << a.countries[c] << " replica " << r << " month " << t;
        disasters += x.disasters;
        onsets += x.onsets;
        phase_changes += t > 0 && x.phase != a.trajectories[(static_cast<std::size_t>(r) * a.months + t - 1) * 2 + c].phase;
      }
  EXPECT_GT(disasters, 200);  // the check saw plenty of each
  EXPECT_GT(onsets, 10);
  EXPECT_GT(phase_changes, 20);
}

// A scenario frozen in its phases, for shocks whose effect must be exact.
std::string frozen_two_countries(const std::string& shocks) {
  std::string yaml = minimal_scenario(
      "      main: {share: 1.0, release: monthly, allocate: strategy, deliver: {humanitarian: {ch: 1}, "
      "development: {ch: 1}, peace: {ch: 1}}}\n",
      "  ch: {lag: {months: 2}}\n", 24, shocks);
  yaml.replace(yaml.find("countries:\n"), 11,
               "countries:\n  KHM: {population: 2.0e6, phase: stable, people_in_need: 1.0e4}\n");
  return yaml;
}

TEST(Shocks, ADisasterRaisesNeedInThatCountryOnlyFromThatMonth) {
  TempDir dir;
  Engine calm = Engine::load(dir.write("calm.yaml", frozen_two_countries("")));
  Engine hit = Engine::load(dir.write(
      "hit.yaml", frozen_two_countries("shocks:\n  - {kind: disaster, country: KHM, at: 2025-07, people: {median: 3.0e5, sigma: 0}}\n")));
  RunResult a = run_engine(calm, 3), b = run_engine(hit, 3);
  ASSERT_EQ(a.trajectories.size(), b.trajectories.size());
  // The disaster strikes in July; its people are in need from August (MODEL.md 2.3).
  const int khm = 0, july = 6;
  for (std::size_t i = 0; i < a.trajectories.size(); ++i) {
    const TrajectoryRow& x = a.trajectories[i];
    const TrajectoryRow& y = b.trajectories[i];
    const int t = x.month.index - a.start.index;
    if (x.country != khm || t <= july) {
      EXPECT_DOUBLE_EQ(x.need, y.need) << x.country << " month " << t;
    } else {
      EXPECT_GT(y.need, x.need) << "month " << t;
    }
    EXPECT_EQ(y.disasters, x.country == khm && t == july ? 1 : 0);
    if (x.country == khm && t == july + 1) {
      EXPECT_NEAR(y.need - x.need, 3.0e5, 1e-6);
    }
  }
}

// A country's own need level (docs/model.md 2.3): its need tends to that
// share of its people, month by month by the same adjustment; the other
// country, and a level equal to the model's, change nothing.
TEST(Need, ACountrysOwnLevelReplacesTheModelsForItAlone) {
  TempDir dir;
  std::string own = frozen_two_countries("");
  own.replace(own.find("people_in_need: 1.0e4}"), 22, "people_in_need: 1.0e4, need_level: {stable: 0.10, conflict: 0.30}}");
  std::string same = frozen_two_countries("");
  same.replace(same.find("people_in_need: 1.0e4}"), 22, "people_in_need: 1.0e4, need_level: {stable: 0.02}}");
  RunResult a = run_engine(Engine::load(dir.write("plain.yaml", frozen_two_countries(""))), 3);
  RunResult b = run_engine(Engine::load(dir.write("own.yaml", own)), 3);
  RunResult c = run_engine(Engine::load(dir.write("same.yaml", same)), 3);
  ASSERT_EQ(a.trajectories.size(), b.trajectories.size());
  const double khm_people = 2.0e6, rho = 1.0 / 12.0;
  int checked = 0;
  for (std::size_t i = 0; i < a.trajectories.size(); ++i) {
    const TrajectoryRow& x = a.trajectories[i];
    const TrajectoryRow& y = b.trajectories[i];
    EXPECT_EQ(c.trajectories[i].need, x.need) << i;  // the model's level, named: the same bits
    if (x.country != 0) {
      EXPECT_EQ(y.need, x.need) << i;
      continue;
    }
    const int t = x.month.index - a.start.index;
    if (t == 0 || y.phase != Phase::stable) continue;
    const TrajectoryRow& before = b.trajectories[i - 2];  // two countries a month
    ASSERT_EQ(before.country, 0);
    if (before.phase != Phase::stable) continue;
    EXPECT_NEAR(y.need, before.need + rho * (0.10 * khm_people - before.need), 1e-6) << "month " << t;
    ++checked;
  }
  EXPECT_GT(checked, 30);
  const std::size_t last_khm = a.trajectories.size() - 2;  // the last month: KHM, then SDN
  ASSERT_EQ(a.trajectories[last_khm].country, 0);
  EXPECT_GT(b.trajectories[last_khm].need, 3 * a.trajectories[last_khm].need);
}

TEST(Need, ACountrysLevelOutsideZeroToOneIsRefused) {
  TempDir dir;
  std::string bad = frozen_two_countries("");
  bad.replace(bad.find("people_in_need: 1.0e4}"), 22, "people_in_need: 1.0e4, need_level: {conflict: 1.5}}");
  try {
    Engine::load(dir.write("bad.yaml", bad));
    FAIL() << "a need level of 1.5 loaded";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("countries.KHM.need_level.conflict"), std::string::npos) << e.what();
  }
}

TEST(Shocks, ConflictOnsetChangesThatCountrysPhaseFromThatMonth) {
  TempDir dir;
  Engine calm = Engine::load(dir.write("calm.yaml", frozen_two_countries("")));
  Engine war = Engine::load(dir.write("war.yaml", frozen_two_countries("shocks:\n  - {kind: conflict_onset, country: KHM, at: 2025-04}\n")));
  RunResult a = run_engine(calm, 2), b = run_engine(war, 2);
  for (std::size_t i = 0; i < a.trajectories.size(); ++i) {
    const int t = a.trajectories[i].month.index - a.start.index;
    const bool changed = a.trajectories[i].country == 0 && t >= 3;
    EXPECT_EQ(b.trajectories[i].phase, changed ? Phase::conflict : a.trajectories[i].phase) << i;
    EXPECT_EQ(b.trajectories[i].onsets, changed && t == 3 ? 1 : 0);
  }
}

TEST(Shocks, DisplacementSurgeFollowsEveryOnset) {
  TempDir dir;
  Engine engine = Engine::load(dir.write(
      "surge.yaml", frozen_two_countries("shocks:\n  - {kind: conflict_onset, country: KHM, at: 2025-04}\n"
                                         "  - {kind: displacement_surge, people: {median: 1.0e5, sigma: 0}}\n")));
  Engine plain = Engine::load(dir.write("plain.yaml", frozen_two_countries("shocks:\n  - {kind: conflict_onset, country: KHM, at: 2025-04}\n")));
  RunResult a = run_engine(plain, 1), b = run_engine(engine, 1);
  for (std::size_t i = 0; i < a.trajectories.size(); ++i) {
    const int t = a.trajectories[i].month.index - a.start.index;
    if (a.trajectories[i].country == 0 && t == 4) {  // onset in April, displaced in need from May
      EXPECT_NEAR(b.trajectories[i].need - a.trajectories[i].need, 1.0e5, 1e-6);
    }
    if (t <= 3 || a.trajectories[i].country != 0) {
      EXPECT_DOUBLE_EQ(b.trajectories[i].need, a.trajectories[i].need);
    }
  }
}

TEST(Shocks, ReserveReleasesOnStochasticDisasters) {
  std::string lines =
      "      main: {share: 0.5, release: upfront, allocate: strategy, pillars: [humanitarian], deliver: "
      "{humanitarian: {ch: 1}}}\n"
      "      reserve: {share: 0.5, release: {reserve: {on: [disaster], share_per_event: 0.5}}, deliver: "
      "{humanitarian: {ch: 1}}}\n";
  TempDir dir;
  Engine engine = Engine::load(dir.write("r.yaml", minimal_scenario(lines, "  ch: {}\n", 12,
      "shocks:\n  - {kind: disaster, rate_per_year: 6, people: {median: 1.0e4, sigma: 0.5}}\n")));
  RunResult r = run_engine(engine, 10);
  for (int i = 0; i < r.replicas; ++i) {
    int events = 0;
    for (const auto& row : r.trajectories)
      if (row.replica == i) events += row.disasters;
    // Each disaster releases half of what is left: 5e5 x (1 - 0.5^events) in all.
    EXPECT_NEAR(r.totals[i].released - 5.0e5, 5.0e5 * (1 - std::pow(0.5, events)), 1e-6) << i;
  }
}

TEST(ExchangeRate, RandomWalkVariesByReplicaAndConservesMoney) {
  std::string yaml =
      "pbflow: 1\nhorizon: {start: 2025-04, months: 36}\n"
      "currency: {base: USD, fx: {JPY: {per_base: 150, volatility: 0.03}}}\n"
      "donors:\n  d:\n    currency: JPY\n    fiscal_year_start: 4\n    budget: {initial: {2025: 1.2e9}}\n"
      "    lines:\n      main: {share: 1.0, release: monthly, to: {ch: 1}}\n"
      "channels:\n  ch: {lag: {months: 3}, core: {allocate: equal}}\ncountries:\n  SDN: {population: 1.0e6, phase: conflict}\n";
  RunResult r = run_text(yaml, 50, 2, 7);
  Stats released = describe([&] {
    std::vector<double> v;
    for (const auto& t : r.totals) v.push_back(t.released);
    return v;
  }());
  EXPECT_GT(released.sd, 0.0);
  EXPECT_NEAR(released.mean / 2.4e7, 1.0, 0.05);  // about 3.6e9 yen / 150, give or take the walk
  EXPECT_LT(max_conservation_error(r), 1e-9);
}

// More peace spending never raises relapse: with common random numbers the
// coupling is monotone, so this holds replica by replica, country by country.
TEST(Invariants, MorePeaceSpendingNeverRaisesRelapse) {
  const std::string file = source_path("scenarios/calibration/relapse_reference.yaml");
  std::vector<RunResult> runs;
  for (double scale : {0.0, 1.0, 2.0, 4.0}) {
    Engine engine = Engine::load(file, {"donors.cohort.budget.initial.2025=" + std::to_string(8.4e8 * scale)});
    runs.push_back(run_engine(engine, 100, false));
  }
  auto relapse_share = [](const RunResult& r) {
    double share = 0;
    for (const auto& o : r.outcomes) share += (o.relapses > 0) / static_cast<double>(r.outcomes.size());
    return share;
  };
  // Without money some countries relapse, or the comparisons below prove nothing.
  EXPECT_GT(relapse_share(runs[0]), 0.1);
  for (std::size_t k = 1; k < runs.size(); ++k) {
    for (std::size_t i = 0; i < runs[k].outcomes.size(); ++i)
      EXPECT_LE(runs[k].outcomes[i].relapses > 0, runs[k - 1].outcomes[i].relapses > 0) << "scale step " << k << ", " << i;
    EXPECT_LT(relapse_share(runs[k]), relapse_share(runs[k - 1])) << "scale step " << k;
  }
}

TEST(Invariants, DeliveryLagIsZeroForImmediateChainsAndGrowsWithLags) {
  auto lag_of = [](const std::string& channel) {
    RunResult r = run_text(minimal_scenario("      main: {share: 1.0, release: upfront, allocate: strategy, "
                                            "pillars: [humanitarian], deliver: {humanitarian: {ch: 1.0}}}\n",
                                            channel, 120));
    return r.totals[0].delivery_lag;
  };
  EXPECT_NEAR(lag_of("  ch: {}\n"), 0.0, 1e-12);
  EXPECT_NEAR(lag_of("  ch: {lag: {months: 6, stages: 3}}\n"), 6.0, 1e-6);
}

}  // namespace
}  // namespace pbflow::testing
