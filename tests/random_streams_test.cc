// Random streams: every (replica, month, slot, purpose, shock, draw) has its
// own counter, so no two purposes, countries, months or replicas can share
// random numbers; a coordinate outside its bits is refused, never wrapped.
#include <gtest/gtest.h>

#include <array>
#include <cstring>
#include <set>
#include <tuple>

#include "sim/random_streams.h"

namespace pbflow::sim {
namespace {

using Counter = std::array<std::uint32_t, 4>;

Counter counter(std::int64_t replica, std::int64_t slot, Purpose purpose, std::int64_t month, DrawIndex index) {
  auto c = DrawCounter::make(replica, slot, purpose, month, index);
  return {c.v[0], c.v[1], c.v[2], c.v[3]};
}

TEST(RandomStreams, NoTwoDrawsShareACounterEvenAtTheEdgesOfTheirBits) {
  const std::int64_t replicas[] = {0, 1, 63, 64, (std::int64_t{1} << 31), DrawCounter::kReplicas - 1};
  const std::int64_t slots[] = {0, 1, 15, 16, 64, DrawCounter::kSlots - 1};
  const std::int64_t months[] = {0, 1, 255, 256, 1199, DrawCounter::kMonths - 1};
  const std::int64_t shocks[] = {0, 1, 15, 16, 63, 64, 4096, DrawCounter::kShocks - 1};
  const std::int64_t draws[] = {0, 1, 15, 16, 63, 64, 4096, DrawCounter::kDraws - 1};
  const Purpose purposes[] = {Purpose::phase,        Purpose::disaster_count, Purpose::disaster_people,
                              Purpose::surge_people, Purpose::exchange_rate,  Purpose::scheduled_disaster_people};
  std::set<Counter> seen;
  std::size_t made = 0;
  for (auto r : replicas)
    for (auto s : slots)
      for (auto m : months)
        for (auto p : purposes)
          for (auto k : shocks)
            for (auto d : draws) {
              seen.insert(counter(r, s, p, m, {k, d}));
              ++made;
            }
  EXPECT_EQ(seen.size(), made);
}

// The offsets the streams once used (shock * 16 + draw, shock * 64 + draw,
// 4096 + scheduled shock) met once a country drew 16 or 64 values a month.
TEST(RandomStreams, DrawsThatOncePackedIntoOneIndexStayApart) {
  EXPECT_NE(counter(3, 2, Purpose::surge_people, 10, {0, 16}), counter(3, 2, Purpose::surge_people, 10, {1, 0}));
  EXPECT_NE(counter(3, 2, Purpose::disaster_people, 10, {0, 64}), counter(3, 2, Purpose::disaster_people, 10, {1, 0}));
  EXPECT_NE(counter(3, 2, Purpose::disaster_people, 10, {64, 0}),
            counter(3, 2, Purpose::scheduled_disaster_people, 10, {0, 0}));
  const RandomStreams random(42);
  // normal() uses draws 2k and 2k + 1: consecutive normals share no uniform.
  EXPECT_NE(random.normal(0, 0, Purpose::surge_people, 0, {0, 1}), random.normal(0, 0, Purpose::surge_people, 0, {0, 0}));
  EXPECT_NE(random.uniform(0, 0, Purpose::phase, 0), random.uniform(0, 0, Purpose::exchange_rate, 0));
}

TEST(RandomStreams, CoordinatesOutsideTheirBitsAreRefused) {
  EXPECT_THROW(counter(-1, 0, Purpose::phase, 0, {}), std::logic_error);
  EXPECT_THROW(counter(DrawCounter::kReplicas, 0, Purpose::phase, 0, {}), std::logic_error);
  EXPECT_THROW(counter(0, DrawCounter::kSlots, Purpose::phase, 0, {}), std::logic_error);
  EXPECT_THROW(counter(0, 0, Purpose::phase, DrawCounter::kMonths, {}), std::logic_error);
  EXPECT_THROW(counter(0, 0, Purpose::phase, 0, {DrawCounter::kShocks, 0}), std::logic_error);
  EXPECT_THROW(counter(0, 0, Purpose::phase, 0, {0, DrawCounter::kDraws}), std::logic_error);
  EXPECT_THROW(counter(0, 0, Purpose::phase, 0, {0, -1}), std::logic_error);
  EXPECT_NO_THROW(counter(DrawCounter::kReplicas - 1, DrawCounter::kSlots - 1, Purpose::phase, DrawCounter::kMonths - 1,
                          {DrawCounter::kShocks - 1, DrawCounter::kDraws - 1}));
}

TEST(RandomStreams, DrawsArePureFunctionsOfTheirCoordinates) {
  const RandomStreams a(7), b(7), other(8);
  EXPECT_EQ(a.uniform(5, 3, Purpose::disaster_people, 17, {2, 9}), b.uniform(5, 3, Purpose::disaster_people, 17, {2, 9}));
  EXPECT_NE(a.uniform(5, 3, Purpose::disaster_people, 17, {2, 9}),
            other.uniform(5, 3, Purpose::disaster_people, 17, {2, 9}));
}

}  // namespace
}  // namespace pbflow::sim

namespace pbflow::sim {
namespace {

// The vectorised Philox of uniforms() is Random123's, draw for draw.
TEST(RandomStreams, BatchedUniformsEqualSingleDrawsBitForBit) {
  for (std::uint64_t seed : {std::uint64_t{0}, std::uint64_t{42}, std::uint64_t{1} << 53}) {
    const RandomStreams random(seed);
    for (int first : {0, 7, 1000003, 2147483647 - 40}) {
      double batch[37];
      random.uniforms(first, 37, 149, Purpose::phase, 239, {3, 5}, batch);
      for (int i = 0; i < 37; ++i) {
        const double one = random.uniform(first + i, 149, Purpose::phase, 239, {3, 5});
        EXPECT_EQ(std::memcmp(&batch[i], &one, sizeof one), 0) << "seed " << seed << " replica " << first + i;
      }
    }
  }
}

TEST(RandomStreams, BatchedUniformsCheckTheirCounters) {
  const RandomStreams random(1);
  double out[4];
  EXPECT_THROW(random.uniforms(0, 4, DrawCounter::kSlots, Purpose::phase, 0, {}, out), std::logic_error);
  EXPECT_THROW(random.uniforms(0, 4, 0, Purpose::phase, -1, {}, out), std::logic_error);
}

}  // namespace
}  // namespace pbflow::sim
