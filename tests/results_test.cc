// Aggregation: statistics and order-free sums.
#include <gtest/gtest.h>

#include <algorithm>
#include <random>

#include "experiment/exact_sum.h"
#include "pbflow/results_io.h"

namespace pbflow {
namespace {

TEST(Stats, PercentilesInterpolateBetweenOrderStatistics) {
  Stats s = describe({5, 1, 4, 2, 3});
  EXPECT_DOUBLE_EQ(s.mean, 3.0);
  EXPECT_DOUBLE_EQ(s.sd, std::sqrt(2.5));
  EXPECT_DOUBLE_EQ(s.p50, 3.0);
  EXPECT_DOUBLE_EQ(s.p05, 1.2);
  EXPECT_DOUBLE_EQ(s.p95, 4.8);
  Stats one = describe({7});
  EXPECT_DOUBLE_EQ(one.sd, 0.0);
  EXPECT_DOUBLE_EQ(one.p05, 7.0);
}

TEST(ExactSum, DoesNotDependOnOrder) {
  std::mt19937_64 rng(3);
  std::lognormal_distribution<double> money(15.0, 4.0);
  std::vector<double> values(10000);
  for (auto& v : values) v = money(rng);
  experiment::ExactSum forward, shuffled;
  for (double v : values) forward.add(v);
  std::shuffle(values.begin(), values.end(), rng);
  for (double v : values) shuffled.add(v);
  EXPECT_EQ(forward.value(), shuffled.value());
  long double reference = 0;
  for (double v : values) reference += v;
  EXPECT_NEAR(forward.value() / static_cast<double>(reference), 1.0, 1e-12);
}

TEST(ExactSum, HoldsLargeAndSmallAmounts) {
  experiment::ExactSum s;
  s.add(1e18);
  s.add(1e-9);
  s.add(-1e18);
  EXPECT_NEAR(s.value(), 1e-9, 1e-12);
}

}  // namespace
}  // namespace pbflow
