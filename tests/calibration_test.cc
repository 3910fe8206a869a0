// Calibration targets (CALIBRATION.md) on the shipped cohort scenarios, with
// tolerances from the Monte Carlo standard error: z = 4 standard errors, so a
// correct model fails by chance about once in 16,000 runs.
#include <gtest/gtest.h>

#include <cmath>

#include "support/run_helpers.h"

namespace pbflow::testing {
namespace {

constexpr double kZ = 4.0;

RunResult run_file(const std::string& relative, int replicas, bool trajectories = false) {
  Engine engine = Engine::load(source_path(relative));
  RunOptions o;
  o.replicas = replicas;
  o.trajectories = trajectories;
  return engine.run(o);
}

// Share of country-replicas with at least one relapse over the horizon.
double relapse_share(const RunResult& r) {
  double hits = 0;
  for (const auto& o : r.outcomes) hits += o.relapses > 0 ? 1 : 0;
  return hits / r.outcomes.size();
}

void expect_share(double observed, double target, std::size_t n, const char* what) {
  const double se = std::sqrt(target * (1 - target) / n);
  EXPECT_NEAR(observed, target, kZ * se) << what << " (n = " << n << ", se = " << se << ")";
}

// The defaults reproduce both targets in closed form: with stocks at steady
// state, P(relapse in months 0-119) = 1 - exp(-sum of monthly hazards).
TEST(Calibration, DefaultsHitBothTargetsInClosedForm) {
  const ModelParameters m;
  const PhaseParameters& h = m.phases;
  auto ten_year_relapse = [&](double spending_per_head) {
    const double stock = spending_per_head / m.effects.decay[2];
    const double f = std::log1p(stock / m.effects.scale[2]);
    double K = 0.5, total = 0.0;
    for (int tau = 0; tau < 120; ++tau) {
      const double psi = h.relapse_floor + (1 - h.relapse_floor) * std::exp(-tau / h.relapse_decay_months);
      total += h.relapse_hazard * psi * std::exp(-h.relapse_peace_effect * f - h.relapse_capacity_effect * K);
      K -= m.capacity.erosion[1] * K;  // no development effect: capacity only erodes
    }
    return 1 - std::exp(-total);
  };
  EXPECT_NEAR(ten_year_relapse(0.35), 0.40, 5e-4);
  EXPECT_NEAR(ten_year_relapse(0.70), 0.31, 5e-4);
}

TEST(Calibration, RelapseWithinTenYearsAtReferenceSpendingIsAbout40Percent) {
  RunResult r = run_file("scenarios/calibration/relapse_reference.yaml", 400);
  expect_share(relapse_share(r), 0.40, r.outcomes.size(), "reference cohort");
}

TEST(Calibration, RelapseWithinTenYearsWithSpendingDoubledIsAbout31Percent) {
  RunResult r = run_file("scenarios/calibration/relapse_doubled.yaml", 400);
  expect_share(relapse_share(r), 0.31, r.outcomes.size(), "doubled cohort");
}

// Geometric war length with monthly probability p = 1 - exp(-h_CF0),
// truncated at the horizon T: E[min(D, T)] = (1 - (1 - p)^T) / p.
TEST(Calibration, AverageCivilWarLastsAboutSevenYears) {
  RunResult r = run_file("scenarios/calibration/conflict_duration.yaml", 100);
  const double p = 1 - std::exp(-ModelParameters{}.phases.conflict_end_hazard);
  const double expected = (1 - std::pow(1 - p, r.months)) / p;
  EXPECT_NEAR(expected / 12, 7.0, 0.1);  // the documented band: 7 years
  double sum = 0;
  for (const auto& o : r.outcomes) sum += o.conflict_months;
  const double mean = sum / r.outcomes.size();
  const double se = std::sqrt((1 - p) / (p * p) / r.outcomes.size());
  EXPECT_NEAR(mean, expected, kZ * se);
}

// Consolidation: m_min months, then a geometric wait with p = 1 - exp(-h_FS0 K).
TEST(Calibration, ConsolidationTakesDecades) {
  RunResult r = run_file("scenarios/calibration/consolidation.yaml", 50, /*trajectories=*/true);
  const PhaseParameters h;
  const double p = 1 - std::exp(-h.consolidation_hazard * 0.5);
  const double expected = h.consolidation_min_months + 1 / p;  // months until the first stable month
  EXPECT_GT(expected / 12, 17.0);  // WDR 2011: 17 to 41 years for the fastest reformers
  EXPECT_LT(expected / 12, 41.0);
  // First stable month of each country in each replica.
  const int C = static_cast<int>(r.countries.size());
  std::vector<int> first(r.replicas * C, -1);
  for (const auto& row : r.trajectories) {
    int& f = first[row.replica * C + row.country];
    if (f < 0 && row.phase == Phase::stable) f = row.month.index - r.start.index;
  }
  // Countries still fragile at the horizon are censored there: compare the
  // mean of min(F, T) with its expectation m_min + (1 - (1 - p)^(T - m_min)) / p.
  const int T = r.months;
  double sum = 0;
  int n = 0;
  for (int f : first) {
    if (f >= 0) {
      ASSERT_GE(f, h.consolidation_min_months + 1) << "consolidated before m_min";
    }
    sum += f < 0 ? T : f;
    ++n;
  }
  const double censored = h.consolidation_min_months + (1 - std::pow(1 - p, T - h.consolidation_min_months)) / p;
  const double se = std::sqrt((1 - p) / (p * p) / n);
  EXPECT_NEAR(sum / n, censored, kZ * se);
}

}  // namespace
}  // namespace pbflow::testing
