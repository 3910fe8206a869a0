// Sensitivity analysis end to end: Saltelli's and Morris's designs through
// the sweep (points, store, folder) and the estimators, checked against the
// analytic indices of the Ishigami function and Sobol's G function (the
// sweep's `test_function` stands in for the model: docs/guide-sweeps.md).
// Tolerances are the estimators' own Monte Carlo error: each estimate lies
// within 3 standard errors (from its bootstrap interval) of the truth.
#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <set>
#include <sstream>

#include "experiment/sampling.h"
#include "experiment/sobol_sequence.h"
#include "experiment/test_functions.h"
#include "pbflow/engine.h"
#include "pbflow/errors.h"
#include "pbflow/results_io.h"
#include "pbflow/sensitivity.h"
#include "support/test_files.h"

namespace pbflow::testing {
namespace {

std::string sweep_yaml(const std::string& design, const std::string& function, int parameters, double lo, double hi) {
  std::string yaml = "pbflow: 1\nextends: " + source_path("scenarios/japan_baseline.yaml") +
                     "\nname: analytic\nsweep:\n  design: " + design + "\n  test_function: " + function +
                     "\n  parameters:\n";
  for (int i = 1; i <= parameters; ++i)
    yaml += std::string("    x") + std::to_string(i) + ": {min: " + std::to_string(lo) + ", max: " + std::to_string(hi) + "}\n";
  return yaml;
}

SweepResult run_sweep(const std::string& yaml, const std::string& db = "") {
  TempDir dir;
  const Engine engine = Engine::load(dir.write("sweep.yaml", yaml));
  SweepOptions o;
  o.replicas = 1;
  o.db = db;
  return engine.sweep(o);
}

const SensitivityIndex& find(const SensitivityResult& s, const std::string& parameter, const std::string& measure) {
  for (const auto& i : s.indices)
    if (i.parameter == parameter && i.measure == measure) return i;
  throw std::runtime_error("no " + measure + " for " + parameter);
}

// The estimate is within 3 standard errors of the truth (the 95% interval spans about 4).
void expect_near_truth(const SensitivityIndex& i, double truth) {
  const double se = std::max((i.high - i.low) / 3.92, 1e-12);
  EXPECT_LT(std::abs(i.value - truth), 3 * se) << i.measure << " " << i.parameter << ": " << i.value << " ["
                                               << i.low << ", " << i.high << "], truth " << truth;
}

TEST(Sensitivity, IshigamiIndicesMatchTheirAnalyticValues) {
  constexpr double pi = 3.14159265358979323846;
  const SweepResult sweep = run_sweep(sweep_yaml("{kind: sobol, samples: 1024}", "ishigami", 4, -pi, pi));
  EXPECT_EQ(sweep.points.size(), 1024u * 10);  // N (2k + 2)
  const SensitivityResult s = sensitivity(sweep);
  const auto truth = experiment::ishigami_indices(4);
  for (int i = 0; i < 4; ++i) {
    const std::string x = std::string("x") + std::to_string(i + 1);
    expect_near_truth(find(s, x, "S1"), truth.first[i]);
    expect_near_truth(find(s, x, "ST"), truth.total[i]);
  }
  // x4 has no effect: its total index's interval holds zero.
  const SensitivityIndex& none = find(s, "x4", "ST");
  EXPECT_LE(none.low, 0.0);
  EXPECT_GE(none.high, 0.0);
  // x3 acts only through its interaction with x1: no first-order effect, a clear total one.
  EXPECT_GT(find(s, "x3", "ST").low, 0.15);
}

TEST(Sensitivity, SobolGIndicesMatchTheirAnalyticValues) {
  const SweepResult sweep = run_sweep(sweep_yaml("{kind: sobol, samples: 2048}", "sobol_g", 6, 0.0, 1.0));
  const SensitivityResult s = sensitivity(sweep);
  const auto truth = experiment::sobol_g_indices(6);
  for (int i = 0; i < 6; ++i) {
    const std::string x = std::string("x") + std::to_string(i + 1);
    expect_near_truth(find(s, x, "S1"), truth.first[i]);
    expect_near_truth(find(s, x, "ST"), truth.total[i]);
  }
  // a = 0 matters most, a = 99 hardly at all.
  EXPECT_GT(find(s, "x1", "ST").low, find(s, "x3", "ST").high);
  EXPECT_LT(find(s, "x6", "ST").high, 0.01);
}

TEST(Sensitivity, SecondOrderIndexOfTheIshigamiInteraction) {
  constexpr double pi = 3.14159265358979323846;
  SensitivityOptions o;
  o.second_order = true;
  const SensitivityResult s = sensitivity(run_sweep(sweep_yaml("{kind: sobol, samples: 2048}", "ishigami", 3, -pi, pi)), o);
  // S13 = V13 / V = ST1 - S1 (x1 interacts with x3 alone); S12 = S23 = 0.
  const auto truth = experiment::ishigami_indices(3);
  expect_near_truth(find(s, "x1 x x3", "S2"), truth.total[0] - truth.first[0]);
  expect_near_truth(find(s, "x1 x x2", "S2"), 0.0);
}

TEST(Sensitivity, MorrisRanksTheIshigamiParametersAndGivesNoEffectToADummy) {
  constexpr double pi = 3.14159265358979323846;
  const SweepResult sweep = run_sweep(sweep_yaml("{kind: morris, samples: 40, levels: 4}", "ishigami", 4, -pi, pi));
  EXPECT_EQ(sweep.points.size(), 40u * 5);  // r (k + 1)
  const SensitivityResult s = sensitivity(sweep);
  EXPECT_EQ(s.method, "morris");
  EXPECT_EQ(find(s, "x4", "mu_star").value, 0.0);
  EXPECT_EQ(find(s, "x4", "sigma").value, 0.0);
  EXPECT_GT(find(s, "x1", "mu_star").low, 0.0);
  EXPECT_GT(find(s, "x3", "mu_star").low, 0.0);
  // x3 acts only with x1: its effects vary in sign (mu near 0), x2's do too (sin^2 is even).
  EXPECT_GT(find(s, "x3", "sigma").value, 0.0);
}

TEST(Sensitivity, FewRowsAreWarnedAboutWithTheRowsThatWouldDo) {
  constexpr double pi = 3.14159265358979323846;
  const SensitivityResult s = sensitivity(run_sweep(sweep_yaml("{kind: sobol, samples: 16}", "ishigami", 3, -pi, pi)));
  bool wide = false;
  for (const auto& w : s.warnings) wide = wide || w.find("too wide to rank") != std::string::npos;
  EXPECT_TRUE(wide);
}

TEST(Sensitivity, TheStoreAndTheFolderGiveTheSameIndices) {
  TempDir dir;
  const std::string db = dir.path() + "/sweep.sqlite";
  const SweepResult sweep = run_sweep(sweep_yaml("{kind: sobol, samples: 64}", "sobol_g", 3, 0.0, 1.0), db);
  write_sweep_outputs(sweep, dir.path() + "/out");
  std::ostringstream a, b, c;
  write_sensitivity_csv(sensitivity(sweep), a);
  write_sensitivity_csv(sensitivity(read_sweep_folder(dir.path() + "/out")), b);
  write_sensitivity_csv(sensitivity(read_sweep_store(db)), c);
  EXPECT_EQ(a.str(), b.str());
  EXPECT_EQ(a.str(), c.str());
}

TEST(Sensitivity, OtherDesignsHaveNoIndices) {
  EXPECT_THROW(sensitivity(run_sweep(sweep_yaml("{kind: lhs, samples: 8}", "ishigami", 3, 0, 1))), InputError);
}

// A scrambled Sobol' sequence keeps its balance: 2^m points put exactly one
// in each of the 2^m equal intervals of every coordinate.
TEST(SobolSequence, EveryCoordinateIsStratifiedExactly) {
  for (std::uint64_t seed : {1u, 2u, 99u}) {
    const auto points = experiment::SobolSequence(21, seed).first(256);
    for (int d = 0; d < 21; ++d) {
      std::set<int> cells;
      for (const auto& p : points) cells.insert(static_cast<int>(p[d] * 256));
      EXPECT_EQ(cells.size(), 256u) << "dimension " << d << ", seed " << seed;
    }
  }
  // Different seeds, different scramblings.
  EXPECT_NE(experiment::SobolSequence(2, 1).first(4)[1], experiment::SobolSequence(2, 2).first(4)[1]);
}

TEST(Designs, SaltelliBlocksChangeOneParameterAtATime) {
  std::vector<ParameterRange> ranges(3);
  for (int i = 0; i < 3; ++i) ranges[i] = {"x" + std::to_string(i), 0.0, 1.0, {}};
  const auto points = experiment::saltelli(ranges, 8, 7);
  ASSERT_EQ(points.size(), 8u * 8);
  for (int j = 0; j < 8; ++j) {
    const auto& a = points[j * 8];
    const auto& b = points[j * 8 + 7];
    for (int i = 0; i < 3; ++i) {
      const auto& ab = points[j * 8 + 1 + i];
      const auto& ba = points[j * 8 + 4 + i];
      for (int q = 0; q < 3; ++q) {
        EXPECT_EQ(ab[q].second, q == i ? b[q].second : a[q].second);
        EXPECT_EQ(ba[q].second, q == i ? a[q].second : b[q].second);
      }
    }
  }
  std::vector<ParameterRange> eleven(11, ParameterRange{"x", 0.0, 1.0, {}});
  EXPECT_THROW(experiment::saltelli(eleven, 4, 1), InputError);
}

TEST(Designs, AFileDesignRunsAsGivenAndRefusesStrangers) {
  TempDir dir;
  std::vector<ParameterRange> ranges = {{"a.b", 0.0, 1.0, {}}, {"c", 0.0, 1.0, {}}};
  const auto points = experiment::from_file(ranges, dir.write("d.csv", "c,a.b\n1,2\n3,4\n"));
  ASSERT_EQ(points.size(), 2u);
  EXPECT_EQ(points[1][0], (std::pair<std::string, std::string>{"a.b", "4"}));
  EXPECT_EQ(points[1][1], (std::pair<std::string, std::string>{"c", "3"}));
  try {
    experiment::from_file(ranges, dir.write("e.csv", "c,a.b,zz\n1,2,3\n"));
    FAIL() << "an unknown column was accepted";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("`zz` is not a swept key"), std::string::npos) << e.what();
  }
}

TEST(Designs, DesignOnlyPrintsThePointsWithoutRunningThem) {
  TempDir dir;
  const std::string file = dir.write("s.yaml", sweep_yaml("{kind: sobol, samples: 4}", "ishigami", 3, 0, 1));
  const CommandResult r = run_pbflow({"sweep", file, "--design-only"});
  ASSERT_EQ(r.exit_code, 0) << r.out;
  std::size_t lines = 0;
  for (char c : r.out) lines += c == '\n';
  EXPECT_EQ(lines, 1u + 4 * 8);
  EXPECT_EQ(r.out.rfind("point,x1,x2,x3\n", 0), 0u) << r.out;
}

}  // namespace
}  // namespace pbflow::testing

namespace pbflow::testing {
namespace {

TEST(Distributions, TheInverseNormalIsExact) {
  EXPECT_NEAR(inverse_normal_cdf(0.975), 1.959963984540054, 1e-14);
  EXPECT_NEAR(inverse_normal_cdf(0.5), 0.0, 1e-15);
  EXPECT_NEAR(inverse_normal_cdf(1e-10), -6.361340902404056, 1e-12);
  EXPECT_NEAR(inverse_normal_cdf(1 - 1e-10), 6.361340902404056, 1e-6);
}

// A Latin hypercube of each distribution has its moments (every stratum once).
TEST(Distributions, DesignsDrawTheirQuantiles) {
  ParameterRange normal{"n", std::nullopt, std::nullopt, {}, Distribution::normal, 10.0, 2.0};
  ParameterRange logn{"l", std::nullopt, std::nullopt, {}, Distribution::lognormal, 0, 0, 5.0, 0.5};
  ParameterRange tri{"t", 0.0, 3.0, {}, Distribution::triangular};
  tri.mode = 0.0;
  ParameterRange trunc{"u", 0.0, 1.0, {}, Distribution::truncated_normal, 0.0, 1.0};
  const auto points = experiment::latin_hypercube({normal, logn, tri, trunc}, 4000, 3);
  std::vector<std::vector<double>> x(4);
  for (const auto& p : points)
    for (int j = 0; j < 4; ++j) x[j].push_back(std::stod(p[j].second));
  auto mean = [](const std::vector<double>& v) {
    double s = 0;
    for (double a : v) s += a;
    return s / v.size();
  };
  EXPECT_NEAR(mean(x[0]), 10.0, 0.01);
  double var = 0;
  for (double a : x[0]) var += (a - 10.0) * (a - 10.0);
  EXPECT_NEAR(std::sqrt(var / x[0].size()), 2.0, 0.02);
  std::sort(x[1].begin(), x[1].end());
  EXPECT_NEAR(x[1][2000], 5.0, 0.01);       // the median
  EXPECT_NEAR(mean(x[2]), (0.0 + 3.0 + 0.0) / 3, 0.01);
  for (double a : x[3]) {
    EXPECT_GE(a, 0.0);
    EXPECT_LE(a, 1.0);
  }
  EXPECT_NEAR(mean(x[3]), (0.3989423 - 0.2419707) / 0.3413447, 0.005);  // (phi(0) - phi(1)) / (Phi(1) - Phi(0))
}

TEST(Distributions, KeysADistributionDoesNotReadAreRefused) {
  TempDir dir;
  auto load = [&](const std::string& parameter) {
    return Engine::load(dir.write("d.yaml", "pbflow: 1\nextends: " + source_path("scenarios/japan_baseline.yaml") +
                                                "\nname: d\nsweep:\n  design: {kind: lhs, samples: 4}\n  parameters:\n"
                                                "    donors.japan.budget.growth: " + parameter + "\n"));
  };
  EXPECT_NO_THROW(load("{distribution: normal, mean: 0, sd: 0.01}"));
  EXPECT_NO_THROW(load("{distribution: triangular, min: -0.05, mode: 0, max: 0.05}"));
  for (const auto& [bad, said] : std::vector<std::pair<std::string, std::string>>{
           {"{distribution: normal, mean: 0, sd: 0.01, mode: 0}", "`mode` has no effect on a normal parameter"},
           {"{distribution: triangular, min: -0.05, mode: 0.1, max: 0.05}", "the mode must lie between"},
           {"{distribution: lognormal, median: 1}", "needs `median`, `sigma`"},
           {"{min: 0, max: 1, sd: 2}", "`sd` has no effect on a uniform parameter"}}) {
    try {
      load(bad);
      ADD_FAILURE() << bad << " was accepted";
    } catch (const InputError& e) {
      EXPECT_NE(std::string(e.what()).find(said), std::string::npos) << e.what();
    }
  }
}

}  // namespace
}  // namespace pbflow::testing
