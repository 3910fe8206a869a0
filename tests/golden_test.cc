// Golden outputs: one small run's files, kept in tests/golden/ by
// scripts/update-golden.sh. Any change to the numbers pbflow produces fails
// here until the golden copy is regenerated and the change explained in the
// commit that makes it. (Thread count and block size are set unlike the
// defaults: the numbers must not depend on them.)
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "support/test_files.h"

namespace pbflow::testing {
namespace {

TEST(Golden, SmallRunMatchesItsKeptOutputs) {
  TempDir dir;
  // Keep these arguments in step with scripts/update-golden.sh.
  CommandResult r = run_pbflow({"run", source_path("tests/data/small_compare.yaml"), "--replicas", "40", "--seed", "11",
                                "--threads", "2", "--block-size", "7", "--set", "horizon.months=36", "--quiet", "--out",
                                dir.path() + "/run"});
  ASSERT_EQ(r.exit_code, 0) << r.out;
  auto summary = nlohmann::json::parse(read_text(dir.path() + "/run/summary.json"));
  summary.erase("run");
  const auto golden = nlohmann::json::parse(read_text(source_path("tests/golden/summary.json")));
  EXPECT_EQ(summary, golden) << "summary.json changed; if deliberate, run scripts/update-golden.sh and say why";
  for (const char* name : {"outcomes.csv", "timeseries.csv", "flows.csv", "countries_monthly.csv"})
    EXPECT_EQ(read_text(dir.path() + "/run/" + name), read_text(source_path(std::string("tests/golden/") + name)))
        << name << " changed; if deliberate, run scripts/update-golden.sh and say why";
}

}  // namespace
}  // namespace pbflow::testing
