// Scenario discovery by PRIM on a constructed case whose box is known: the
// cases of interest are exactly the points with x1 > 0.7 and x2 < 0.4,
// among 3,000 uniform points in the unit cube with an inert x3.
#include <gtest/gtest.h>

#include <random>

#include "experiment/sampling.h"
#include "pbflow/discovery.h"
#include "pbflow/errors.h"
#include "pbflow/results_io.h"
#include "support/test_files.h"

namespace pbflow::testing {
namespace {

SweepResult constructed_sweep() {
  SweepResult s;
  s.scenario = "constructed";
  s.parameters = {"x1", "x2", "x3"};
  s.outputs = {"bad"};
  std::mt19937_64 rng(7);
  std::uniform_real_distribution<double> u(0.0, 1.0);
  for (int i = 0; i < 3000; ++i) {
    SweepPoint p;
    p.index = i;
    std::vector<double> x = {u(rng), u(rng), u(rng)};
    for (int j = 0; j < 3; ++j) p.assignments.push_back({s.parameters[j], experiment::number_text(x[j])});
    p.outputs = {x[0] > 0.7 && x[1] < 0.4 ? 1.0 : 0.0};
    s.points.push_back(p);
  }
  return s;
}

TEST(Discovery, PrimFindsTheKnownBox) {
  DiscoveryOptions o;
  o.output = "bad";
  o.threshold = 0.5;
  o.above = true;
  const DiscoveryResult r = discover(constructed_sweep(), o);
  EXPECT_EQ(r.points, 3000);
  EXPECT_NEAR(r.of_interest / 3000.0, 0.3 * 0.4, 0.03);
  const PeelStep& chosen = r.trajectory[r.chosen];
  EXPECT_GT(chosen.density, 0.9);
  EXPECT_GE(chosen.coverage, 0.5);
  ASSERT_EQ(r.box.size(), 3u);
  EXPECT_TRUE(r.box[0].restricted);
  EXPECT_NEAR(r.box[0].low, 0.7, 0.05);
  EXPECT_GT(r.box[0].high, 0.99);
  EXPECT_TRUE(r.box[1].restricted);
  EXPECT_NEAR(r.box[1].high, 0.4, 0.05);
  EXPECT_LT(r.box[1].low, 0.01);
  EXPECT_LT(r.box[0].qp, 1e-6);
  EXPECT_LT(r.box[1].qp, 1e-6);
  // The inert x3 is left alone, or its restriction is not significant.
  EXPECT_TRUE(!r.box[2].restricted || r.box[2].qp > 0.01) << r.box[2].low << " " << r.box[2].high << " " << r.box[2].qp;
  // Coverage never rises as the box shrinks; the mass falls to the floor.
  for (std::size_t s = 1; s < r.trajectory.size(); ++s) {
    EXPECT_LE(r.trajectory[s].coverage, r.trajectory[s - 1].coverage + 1e-12);
    EXPECT_LT(r.trajectory[s].mass, r.trajectory[s - 1].mass);
  }
  EXPECT_LE(r.trajectory.back().mass, o.min_mass + 0.01);
}

TEST(Discovery, NamesTheOutputsAndRefusesAnEmptyQuestion) {
  DiscoveryOptions o;
  o.output = "good";
  try {
    discover(constructed_sweep(), o);
    FAIL() << "an unknown output was accepted";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("it has bad"), std::string::npos) << e.what();
  }
  o.output = "bad";
  o.threshold = 2.0;  // nothing above
  EXPECT_THROW(discover(constructed_sweep(), o), InputError);
}

TEST(Discovery, TheCommandPrintsAndWritesTheBox) {
  TempDir dir;
  const std::string yaml = "pbflow: 1\nextends: " + source_path("scenarios/japan_baseline.yaml") +
                           "\nname: corner\nsweep:\n  design: {kind: lhs, samples: 400}\n  test_function: sobol_g\n"
                           "  parameters:\n    x1: {min: 0, max: 1}\n    x2: {min: 0, max: 1}\n";
  const std::string file = dir.write("s.yaml", yaml);
  ASSERT_EQ(run_pbflow({"sweep", file, "--out", dir.path() + "/sweep", "-q"}).exit_code, 0);
  const CommandResult r = run_pbflow({"discover", dir.path() + "/sweep", "--output", "test_function", "--above", "1.5",
                                      "--out", dir.path() + "/found"});
  ASSERT_EQ(r.exit_code, 0) << r.out;
  EXPECT_NE(r.out.find("<- chosen"), std::string::npos) << r.out;
  EXPECT_NE(read_text(dir.path() + "/found/discovery.json").find("\"box\""), std::string::npos);
  // Its report, and the same report rebuilt from the folder.
  const std::string report = read_text(dir.path() + "/found/report.html");
  EXPECT_NE(report.find("The box"), std::string::npos);
  ASSERT_EQ(run_pbflow({"report", dir.path() + "/found"}).exit_code, 0);
  EXPECT_EQ(read_text(dir.path() + "/found/report.html"), report);
  EXPECT_EQ(run_pbflow({"discover", dir.path() + "/sweep", "--output", "test_function"}).exit_code, 2);
  // A damaged count (beyond an int) is named, never cast out of range.
  dir.write("found/discovery.json", with_json_value(read_text(dir.path() + "/found/discovery.json"), "points", "4e12"));
  const CommandResult damaged = run_pbflow({"report", dir.path() + "/found"});
  EXPECT_EQ(damaged.exit_code, 1) << damaged.out;
  EXPECT_NE(damaged.out.find("`points` should be a whole number"), std::string::npos) << damaged.out;
}

}  // namespace
}  // namespace pbflow::testing
