// The shortcut of the country update (sim/hazards.h): a month's uniform at
// or above the hazard ceiling never moves a country, so the exponentials
// are skipped without changing a single transition. Checked over random
// parameters within the language's ranges and random states, edges included.
#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "sim/hazards.h"

namespace pbflow::sim {
namespace {

TEST(Hazards, CeilingBoundsTheTotalAndCertainlyStaysNeverHidesAMove) {
  std::mt19937_64 gen(20261126);
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  auto pick = [&](double lo, double hi) {  // the ends themselves one time in eight
    const double x = unit(gen);
    return x < 0.0625 ? lo : x < 0.125 ? hi : lo + (hi - lo) * unit(gen);
  };
  int moved = 0, skipped = 0;
  for (int trial = 0; trial < 200000; ++trial) {
    PhaseParameters h;
    h.conflict_end_hazard = pick(0.0, 1.0);
    h.conflict_end_peace_effect = pick(0.0, 100.0);
    h.relapse_hazard = pick(0.0, 1.0);
    h.relapse_peace_effect = pick(0.0, 100.0);
    h.relapse_development_effect = pick(0.0, 100.0);
    h.relapse_capacity_effect = pick(0.0, 100.0);
    h.relapse_floor = pick(0.0, 1.0);
    h.relapse_decay_months = pick(1e-3, 1200.0);
    h.consolidation_hazard = pick(0.0, 1.0);
    h.consolidation_min_months = static_cast<int>(pick(0, 240));
    h.onset_hazard = pick(0.0, 1.0);
    h.onset_capacity_effect = pick(0.0, 100.0);
    const int phase = static_cast<int>(gen() % 3);
    const int tau = static_cast<int>(gen() % 400);
    const double f_dev = std::log1p(pick(0.0, 1e3)), f_peace = std::log1p(pick(0.0, 1e3));
    const double capacity = pick(0.0, 1.0);
    const Hazards hz = phase_hazards(h, phase, tau, f_dev, f_peace, capacity);
    const double ceiling = total_hazard_ceiling(h, phase, tau);
    ASSERT_GE(ceiling, hz.total()) << "phase " << phase << " trial " << trial;
    // The uniforms that matter: just at and above the bound.
    for (double u : {ceiling, ceiling + 0x1p-50, std::nextafter(ceiling + 0x1p-50, 1.0), hz.total(),
                     hz.total() + 0x1p-50, unit(gen)}) {
      if (!(u > 0.0 && u < 1.0)) continue;
      const bool moves = hz.total() > 0.0 && u < 1.0 - std::exp(-hz.total());
      moved += moves;
      if (certainly_stays(u, ceiling)) {
        ++skipped;
        ASSERT_FALSE(moves) << "u " << u << " ceiling " << ceiling << " total " << hz.total();
      }
      if (certainly_stays(u, hz.total())) {
        ASSERT_FALSE(moves) << "u " << u << " total " << hz.total();
      }
    }
  }
  EXPECT_GT(moved, 1000);    // the check saw moves
  EXPECT_GT(skipped, 1000);  // and skips
}

// Tiny hazards are where 1 - exp(-x) and x are closest: the bound holds there too.
TEST(Hazards, CertainlyStaysHoldsForTinyTotals) {
  for (double total = 1e-300; total < 0.5; total *= 1.7) {
    const double move = 1.0 - std::exp(-total);
    EXPECT_LE(move, total + 0x1p-52) << total;
    const double u = total + 0x1p-50;
    if (certainly_stays(u, total)) {
      EXPECT_FALSE(u < move) << total;
    }
  }
}

}  // namespace
}  // namespace pbflow::sim
