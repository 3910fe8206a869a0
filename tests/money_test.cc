// Analytic checks of the money kernel (MODEL.md section 1) against numbers
// worked out by hand or in closed form.
#include <gtest/gtest.h>

#include <cmath>

#include "support/run_helpers.h"

namespace pbflow::testing {
namespace {

std::string one_channel_line(const std::string& release = "upfront") {
  return "      main: {share: 1.0, release: " + release +
         ", allocate: strategy, pillars: [humanitarian], deliver: {humanitarian: {ch: 1.0}}}\n";
}

double binomial(int n, int k) {
  double r = 1;
  for (int i = 1; i <= k; ++i) r = r * (n - k + i) / i;
  return r;
}

// Money entering a k-stage pipeline in month 0 leaves it in month t >= k with
// probability C(t-1, k-1) q^k (1-q)^(t-k), q = min(1, k/L): a negative
// binomial, the discrete Erlang.
void expect_pipeline_response(int stages, double lag, double overhead) {
  std::string channel = "  ch: {overhead: " + std::to_string(overhead) + ", lag: {months: " + std::to_string(lag) +
                        ", stages: " + std::to_string(stages) + "}}\n";
  RunResult r = run_text(minimal_scenario(one_channel_line(), channel, 48));
  const double q = std::min(1.0, stages / lag);
  const double net = 1.0e6 * (1.0 - overhead);
  for (int t = 0; t < 48; ++t) {
    double expected = t < stages ? 0.0 : net * binomial(t - 1, stages - 1) * std::pow(q, stages) * std::pow(1 - q, t - stages);
    EXPECT_NEAR(r.timeseries[t][MonthSeries::spent_humanitarian].mean, expected, 1e-6 * net) << "k=" << stages << " L=" << lag << " month " << t;
  }
}

TEST(Pipeline, ErlangResponseMatchesClosedForm) {
  expect_pipeline_response(1, 4.0, 0.0);   // first-order delay, q = 1/4
  expect_pipeline_response(3, 6.0, 0.1);   // q = 1/2
  expect_pipeline_response(2, 7.0, 0.05);  // q = 2/7
  expect_pipeline_response(2, 1.0, 0.0);   // q capped at 1: exactly k months
}

TEST(Pipeline, ZeroLagPassesMoneyOnInTheSameMonth) {
  RunResult r = run_text(minimal_scenario(one_channel_line(), "  ch: {overhead: 0.2, lag: {months: 0}}\n", 12));
  EXPECT_NEAR(r.timeseries[0][MonthSeries::spent_humanitarian].mean, 0.8e6, 1e-6);
  EXPECT_NEAR(r.timeseries[1][MonthSeries::spent_humanitarian].mean, 0.0, 1e-9);
}

TEST(Pipeline, MeanDelayIsTheLag) {
  // Sum over t of t x spending / total = L + 0 (entry in month 0), with q < 1.
  RunResult r = run_text(minimal_scenario(one_channel_line(), "  ch: {lag: {months: 5, stages: 2}}\n", 200));
  double weighted = 0, total = 0;
  for (int t = 0; t < 200; ++t) {
    weighted += t * r.timeseries[t][MonthSeries::spent_humanitarian].mean;
    total += r.timeseries[t][MonthSeries::spent_humanitarian].mean;
  }
  EXPECT_NEAR(weighted / total, 5.0, 1e-6);
}

// Quarterly releases in an April fiscal year, from a horizon starting in
// January: the first (partial) fiscal year contributes only its January slice.
TEST(Release, QuarterlyFollowsTheAprilFiscalYear) {
  std::string yaml =
      "pbflow: 1\nhorizon: {start: 2025-01, months: 24}\n"
      "donors:\n  d:\n    fiscal_year_start: 4\n    budget: {initial: {2024: 1200, 2025: 2400}}\n"
      "    lines:\n" + std::string("      main: {share: 1.0, release: quarterly, allocate: strategy, deliver: "
      "{humanitarian: {ch: 1}, development: {ch: 1}, peace: {ch: 1}}}\n") +
      "channels:\n  ch: {}\ncountries:\n  SDN: {population: 1.0e6, phase: conflict}\n";
  RunResult r = run_text(yaml);
  for (int t = 0; t < 24; ++t) {
    YearMonth m = r.timeseries[t].month;
    double expected = 0;
    if (m == YearMonth::of(2025, 1)) expected = 300;
    if (m.year() >= 2025 && (m.month() == 4 || m.month() == 7 || m.month() == 10)) expected = 600;
    if (m == YearMonth::of(2026, 1)) expected = 600;
    EXPECT_NEAR(r.timeseries[t][MonthSeries::released].mean, expected, 1e-9) << m.str();
  }
  EXPECT_NEAR(mean_total(r, &ReplicaTotals::appropriated), 300 + 2400 + 2400, 1e-9);
  EXPECT_NEAR(mean_total(r, &ReplicaTotals::released), 300 + 2400 + 1800, 1e-9);
  EXPECT_NEAR(mean_total(r, &ReplicaTotals::unreleased), 600, 1e-9);
}

TEST(Release, UpfrontMonthlyAndVectorSchedules) {
  auto released = [](const std::string& release) {
    std::string yaml = "pbflow: 1\nhorizon: {start: 2025-04, months: 12}\n"
                       "donors:\n  d:\n    fiscal_year_start: 4\n    budget: {initial: {2025: 1200}}\n"
                       "    lines:\n      main: {share: 1.0, release: " + release +
                       ", to: {ch: 1}}\nchannels:\n  ch: {core: {allocate: equal}}\n"
                       "countries:\n  SDN: {population: 1.0e6, phase: conflict}\n";
    std::vector<double> out;
    for (const auto& m : run_text(yaml).timeseries) out.push_back(m[MonthSeries::released].mean);
    return out;
  };
  std::vector<double> upfront = released("upfront"), monthly = released("monthly");
  std::vector<double> vector = released("[0.5, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0.5]");
  for (int t = 0; t < 12; ++t) {
    EXPECT_NEAR(upfront[t], t == 0 ? 1200 : 0, 1e-9);
    EXPECT_NEAR(monthly[t], 100, 1e-9);
    EXPECT_NEAR(vector[t], (t == 0 || t == 11) ? 600 : 0, 1e-9);
  }
}

TEST(ExchangeRate, ConvertsAtTheMonthOfRelease) {
  std::string yaml =
      "pbflow: 1\nhorizon: {start: 2025-04, months: 12}\n"
      "currency: {base: USD, fx: {JPY: {per_base: 150, path: {2025-10: 100}}}}\n"
      "donors:\n  d:\n    currency: JPY\n    fiscal_year_start: 4\n    budget: {initial: {2025: 1200}}\n"
      "    lines:\n      main: {share: 1.0, release: monthly, to: {ch: 1}}\n"
      "channels:\n  ch: {core: {allocate: equal}}\ncountries:\n  SDN: {population: 1.0e6, phase: conflict}\n";
  RunResult r = run_text(yaml);
  for (int t = 0; t < 12; ++t) EXPECT_NEAR(r.timeseries[t][MonthSeries::released].mean, t < 6 ? 100.0 / 150 : 1.0, 1e-12) << t;
  EXPECT_NEAR(max_conservation_error(r), 0.0, 1e-12);
}

TEST(Overhead, CompoundsAlongAChain) {
  const double o1 = 0.07, o2 = 0.01, o3 = 0.2;
  std::string channels = "  a: {overhead: 0.07, lag: {months: 2}, to: {b: 1}}\n"
                         "  b: {overhead: 0.01, lag: {months: 3, stages: 2}, to: {c: 1}}\n"
                         "  c: {overhead: 0.2, core: {allocate: equal}}\n";
  RunResult r = run_text(minimal_scenario("      main: {share: 1.0, release: upfront, to: {a: 1}}\n", channels, 240));
  EXPECT_NEAR(mean_total(r, &ReplicaTotals::spent), 1.0e6 * (1 - o1) * (1 - o2) * (1 - o3), 1e-3);
  EXPECT_NEAR(mean_total(r, &ReplicaTotals::overhead), 1.0e6 * (1 - (1 - o1) * (1 - o2) * (1 - o3)), 1e-3);
}

// Earmarked and core money over two countries and three pillars, by hand.
TEST(Allocation, EarmarkAndCoreTotalsMatchHandComputation) {
  std::string yaml =
      "pbflow: 1\nhorizon: {start: 2025-01, months: 12}\n"
      "donors:\n  d:\n    budget: {initial: {2025: 1000}}\n    lines:\n"
      "      bilateral: {share: 0.6, release: upfront, allocate: strategy, pillars: [humanitarian, development],\n"
      "                  deliver: {humanitarian: {x: 1}, development: {y: 0.5, x: 0.5}}}\n"
      "      core: {share: 0.4, release: upfront, to: {z: 1}}\n"
      "channels:\n"
      "  x: {overhead: 0.1, mandate: {pillars: [humanitarian, development]}}\n"
      "  y: {passes: {x: 0.2}}\n"
      "  z: {overhead: 0.05, core: {allocate: needs, pillars: {peace: 3, development: 1}}}\n"
      "countries:\n"
      "  SDN: {population: 1.0e6, phase: conflict, people_in_need: 2.0e5}\n"
      "  AFG: {population: 3.0e6, phase: fragile, people_in_need: 6.0e5}\n"
      "strategy: {kind: fixed, countries: population, pillar_split: {humanitarian: 1, development: 1, peace: 2}}\n"
      "model:\n  absorption: {usd_per_person_month: {humanitarian: 1.0e9, development: 1.0e9, peace: 1.0e9}}\n" +
      kFrozenPhases;
  RunResult r = run_text(yaml);
  const double line = 600, core = 400;
  const double share[2] = {0.25, 0.75};  // population, and needs, both 1:3
  for (int c = 0; c < 2; ++c) {
    const CountryOutcome& o = r.outcome(0, c);
    // The strategy's peace weight is outside this line's pillars: h and d split 1:1.
    double h = line * share[c] * 0.5, d = line * share[c] * 0.5;
    EXPECT_NEAR(o.spent[0], h * 0.9, 1e-9);
    // Development: half via x (10%), half via y which sub-grants 20% to x.
    double d_direct = d * 0.5 * 0.9 + d * 0.5 * 0.8 + d * 0.5 * 0.2 * 0.9;
    double d_core = core * 0.95 * share[c] * 0.25;
    EXPECT_NEAR(o.spent[1], d_direct + d_core, 1e-9);
    EXPECT_NEAR(o.spent[2], core * 0.95 * share[c] * 0.75, 1e-9);
  }
}

TEST(Capacity, BacklogDisbursesAtCapacityProRata) {
  std::string lines =
      "      main: {share: 1.0, release: upfront, allocate: strategy, deliver: {humanitarian: {ch: 1}, "
      "development: {ch: 1}, peace: {ch: 1}}}\n";
  std::string yaml = minimal_scenario(lines, "  ch: {capacity: 3.0e5}\n", 12);
  yaml.replace(yaml.find("pillar_split: {humanitarian: 1}"), 31, "pillar_split: {humanitarian: 1, development: 3}");
  RunResult r = run_text(yaml);
  for (int t = 0; t < 12; ++t) {
    double month_total = r.timeseries[t][MonthSeries::spent_humanitarian].mean + r.timeseries[t][MonthSeries::spent_development].mean;
    EXPECT_NEAR(month_total, t < 3 ? 3.0e5 : (t == 3 ? 1.0e5 : 0.0), 1e-6) << t;
    if (month_total > 0) {
      EXPECT_NEAR(r.timeseries[t][MonthSeries::spent_development].mean / month_total, 0.75, 1e-12);
    }
  }
}

TEST(Reserve, ConflictOnsetReleasesShareOfReserveAndLapsesAtYearEnd) {
  auto run_reserve = [](const std::string& year_end) {
    std::string lines =
        "      main: {share: 0.5, release: upfront, allocate: strategy, pillars: [humanitarian], deliver: "
        "{humanitarian: {ch: 1}}}\n"
        "      reserve: {share: 0.5, release: {reserve: {on: [conflict_onset], share_per_event: 0.25, at_year_end: " +
        year_end + "}}, deliver: {humanitarian: {ch: 1}}}\n";
    std::string yaml = minimal_scenario(lines, "  ch: {}\n", 24, "shocks:\n  - {kind: conflict_onset, country: KHM, at: 2025-06}\n");
    yaml.replace(yaml.find("countries: equal"), 16, "countries: {SDN: 1}");
    yaml.replace(yaml.find("countries:\n"), 11,
                 "countries:\n  KHM: {population: 1.0e6, phase: stable, people_in_need: 1.0e4}\n");
    return run_text(yaml);
  };
  for (const std::string rule : {"carry", "lapse"}) {
    RunResult r = run_reserve(rule);
    const int khm = 0;
    // Only KHM's onset (SDN is already in conflict) releases 25% of 500,000.
    EXPECT_NEAR(r.outcome(0, khm).spent[0], 0.25 * 5.0e5, 1e-6) << rule;
    EXPECT_NEAR(r.timeseries[5][MonthSeries::released].mean, 0.25 * 5.0e5, 1e-6);
    EXPECT_NEAR(mean_total(r, &ReplicaTotals::lapsed), rule == "lapse" ? 0.75 * 5.0e5 : 0.0, 1e-6);
    EXPECT_NEAR(mean_total(r, &ReplicaTotals::reserves), rule == "lapse" ? 0.0 : 0.75 * 5.0e5, 1e-6);
    EXPECT_EQ(r.outcome(0, khm).conflict_months, 24 - 5);
  }
}

TEST(Budget, SupplementaryAndShocksFollowTheConventions) {
  std::string yaml =
      "pbflow: 1\nhorizon: {start: 2025-04, months: 24}\n"
      "donors:\n  d:\n    fiscal_year_start: 4\n"
      "    budget: {initial: {2025: 1200}, growth: 0.5, supplementary: {month: 12, share_of_initial: 0.5}}\n"
      "    lines:\n      main: {share: 1.0, release: monthly, to: {ch: 1}}\n"
      "channels:\n  ch: {core: {allocate: equal}}\ncountries:\n  SDN: {population: 1.0e6, phase: conflict}\n"
      "shocks:\n  - {kind: budget, donor: d, from: 2026-01, scale: 0.5}\n"
      "  - {kind: supplementary, donor: d, at: 2025-05, amount: 70}\n";
  RunResult r = run_text(yaml);
  auto at = [&](int y, int m) { return r.timeseries[YearMonth::of(y, m).index - YearMonth::of(2025, 4).index][MonthSeries::released].mean; };
  EXPECT_NEAR(at(2025, 4), 100, 1e-9);
  EXPECT_NEAR(at(2025, 5), 170, 1e-9);              // one-off supplementary
  EXPECT_NEAR(at(2025, 12), 100 + 600, 1e-9);       // December supplementary, half of 1,200
  EXPECT_NEAR(at(2026, 1), 50, 1e-9);               // budget cut from January
  EXPECT_NEAR(at(2026, 4), 1800.0 / 12 * 0.5, 1e-9);  // FY2026 grown by half, still cut
  EXPECT_NEAR(at(2026, 12), 1800.0 / 12 * 0.5 + 900 * 0.5, 1e-9);
}

TEST(Mandate, CoreMoneyWaitsWhenNoProgrammeIsEligible) {
  std::string lines = "      main: {share: 1.0, release: upfront, to: {pbf: 1}}\n";
  std::string channels = "  pbf: {mandate: {pillars: [peace], phases: [fragile], within_months: 3}, core: {allocate: equal}}\n";
  std::string yaml = minimal_scenario(lines, channels, 12);
  yaml.replace(yaml.find("phase: conflict"), 15, "phase: fragile, months_in_phase: 1");
  // Upfront at month 0 with the window open (months 1 and 2): all disbursed.
  RunResult open = run_text(yaml);
  EXPECT_NEAR(mean_total(open, &ReplicaTotals::spent), 1.0e6, 1e-6);
  // The window already closed: the money waits in the channel.
  yaml.replace(yaml.find("months_in_phase: 1"), 18, "months_in_phase: 5");
  RunResult closed = run_text(yaml);
  EXPECT_NEAR(mean_total(closed, &ReplicaTotals::spent), 0.0, 1e-9);
  EXPECT_NEAR(mean_total(closed, &ReplicaTotals::in_pipeline), 1.0e6, 1e-6);
}

TEST(Drain, ABudgetThatStopsAfterOneYearDrainsCompletely) {
  TempDir dir;
  Engine engine = Engine::load(source_path("tests/data/small.yaml"),
                               {"horizon.months=360", "donors.japan.budget.initial.2026=0"});
  RunOptions options;
  options.replicas = 2;
  RunResult r = engine.run(options);
  const double appropriated = mean_total(r, &ReplicaTotals::appropriated);
  EXPECT_NEAR(appropriated, 1.5e10 / 150, 1e-3);
  EXPECT_LT(mean_total(r, &ReplicaTotals::in_pipeline) / appropriated, 1e-9);
  EXPECT_NEAR((mean_total(r, &ReplicaTotals::spent) + mean_total(r, &ReplicaTotals::overhead)) / appropriated, 1.0, 1e-9);
}

TEST(Invariants, ZeroBudgetGivesZeroSpendingAndAllNeedUnmet) {
  Engine engine = Engine::load(source_path("scenarios/japan_baseline.yaml"),
                               {"donors.japan.budget.initial.2025=0", "donors.japan.budget.initial.2026=0",
                                "horizon.months=24"});
  RunOptions options;
  options.replicas = 3;
  options.trajectories = true;
  RunResult r = engine.run(options);
  EXPECT_EQ(mean_total(r, &ReplicaTotals::spent), 0.0);
  EXPECT_EQ(mean_total(r, &ReplicaTotals::released), 0.0);
  // Unmet need is all the need there was, month by month.
  std::vector<double> need(r.replicas * r.countries.size(), 0.0);
  for (const auto& row : r.trajectories) need[row.replica * r.countries.size() + row.country] += row.need;
  for (int i = 0; i < r.replicas; ++i)
    for (std::size_t c = 0; c < r.countries.size(); ++c) {
      EXPECT_DOUBLE_EQ(r.outcome(i, c).unmet_need_person_months, need[i * r.countries.size() + c]);
      EXPECT_EQ(r.outcome(i, c).people_reached, 0.0);
    }
}

}  // namespace
}  // namespace pbflow::testing

namespace pbflow::testing {
namespace {

// Scheduled overhead and lag changes act from their month on, and only there.
TEST(Shocks, OverheadAndLagChangesActFromTheirMonth) {
  const std::string line =
      "      main: {share: 1.0, release: monthly, allocate: strategy, pillars: [humanitarian], deliver: "
      "{humanitarian: {ch: 1.0}}}\n";
  RunResult r = run_text(minimal_scenario(line, "  ch: {overhead: 0.1}\n", 12,
                                          "shocks:\n  - {kind: overhead, channel: ch, from: 2025-07, value: 0.3}\n"));
  const double monthly = 1.0e6 / 12;
  for (int t = 0; t < 12; ++t)
    EXPECT_NEAR(r.timeseries[t][MonthSeries::overhead].mean, (t < 6 ? 0.1 : 0.3) * monthly, 1e-6) << t;
  RunResult lagged = run_text(minimal_scenario(line, "  ch: {}\n", 12,
                                               "shocks:\n  - {kind: lag, channel: ch, from: 2025-07, value: 3}\n"));
  for (int t = 0; t < 6; ++t) EXPECT_NEAR(lagged.timeseries[t][MonthSeries::spent_humanitarian].mean, monthly, 1e-6) << t;
  EXPECT_NEAR(lagged.timeseries[6][MonthSeries::spent_humanitarian].mean, 0.0, 1e-9);  // a first-order delay now
  EXPECT_NEAR(lagged.timeseries[7][MonthSeries::spent_humanitarian].mean, monthly / 3, 1e-6);
}

}  // namespace
}  // namespace pbflow::testing
