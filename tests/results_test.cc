// Aggregation: statistics and order-free sums.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
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

// Percentiles are found by selection, not a full sort: the same bits as
// interpolating in the sorted values, for any size (ties and small sizes too).
TEST(Stats, PercentilesBySelectionAreThoseOfTheSortedValues) {
  std::mt19937_64 rng(11);
  std::uniform_int_distribution<int> coarse(0, 6);  // many ties
  std::normal_distribution<double> fine(0.0, 1e6);
  std::vector<std::size_t> sizes;
  for (std::size_t n = 1; n <= 64; ++n) sizes.push_back(n);
  for (std::size_t n : {200u, 1000u, 1001u, 4096u}) sizes.push_back(n);
  for (std::size_t n : sizes) {
    for (int kind = 0; kind < 6; ++kind) {
      std::vector<double> v(n);
      for (double& x : v) x = kind % 2 ? fine(rng) : coarse(rng);
      std::vector<double> sorted = v;
      std::sort(sorted.begin(), sorted.end());
      auto at = [&](double q) {
        const double position = q * (n - 1);
        const std::size_t below = static_cast<std::size_t>(std::floor(position));
        const std::size_t above = std::min(below + 1, n - 1);
        return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
      };
      const Stats s = describe(v);
      EXPECT_EQ(s.p05, at(0.05)) << n;
      EXPECT_EQ(s.p50, at(0.50)) << n;
      EXPECT_EQ(s.p95, at(0.95)) << n;
    }
  }
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

// The fast conversions give the integer the library's 128-bit conversion
// gives, for amounts of every size and sign, at the paths' edges too.
TEST(ExactSum, FastConversionsAreTheLibrarysIntegers) {
  std::mt19937_64 rng(5);
  std::uniform_real_distribution<double> exponent(-12.0, 26.0);
  std::vector<double> values = {0.0, -0.0, 1.0, -1.0, 8388608.0, 8388608.0 * (1 - 1e-16), 8388608.0 * (1 + 1e-15),
                                3.6e16, -3.6e16, 3.602879701896397e16, -3.602879701896397e16, 1e25, -1e25};
  for (int i = 0; i < 200000; ++i) {
    const double v = std::pow(10.0, exponent(rng));
    values.push_back(i % 2 ? v : -v);
  }
  for (double v : values) {
    const experiment::Int128 reference =
        static_cast<experiment::Int128>(std::nearbyint(v * experiment::ExactSum::kScale));
    ASSERT_TRUE(experiment::ExactSum::quanta_of(v) == reference) << v;
  }
}

}  // namespace
}  // namespace pbflow
