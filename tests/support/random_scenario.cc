#include "random_scenario.h"

#include <algorithm>
#include <random>
#include <sstream>
#include <vector>

namespace pbflow::testing {

namespace {

const char* kPillars[] = {"humanitarian", "development", "peace"};
const char* kPhases[] = {"conflict", "fragile", "stable"};
const char* kCountries[] = {"SDN", "AFG", "UKR", "COD", "MMR", "PSE", "TLS", "KHM", "SOM", "YEM",
                            "SSD", "MLI", "HTI", "IRQ", "SYR", "LBY", "CAF", "NER", "BFA", "TCD"};

// Shares that sum to exactly 1 when parsed: all but the last are k/64.
std::vector<double> random_shares(std::mt19937_64& rng, int n) {
  std::vector<int> parts(n, 1);
  std::uniform_int_distribution<int> pick(0, n - 1);
  for (int i = n; i < 64; ++i) parts[pick(rng)]++;
  std::vector<double> out;
  for (int p : parts) out.push_back(p / 64.0);
  return out;
}

}  // namespace

std::string random_scenario_yaml(std::uint64_t seed, const RandomScenarioOptions& o) {
  std::mt19937_64 rng(seed);
  auto uniform = [&](double lo, double hi) { return std::uniform_real_distribution<double>(lo, hi)(rng); };
  auto coin = [&](double p) { return std::bernoulli_distribution(p)(rng); };
  auto integer = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };

  const int n = o.channels;
  // Channel i may send money only to channels j > i: the network is acyclic.
  // Each channel's mandate; the last channel funds everything (so every
  // pillar has somewhere to go). A channel's sub-grant partners must cover
  // every pillar that may reach it, so they get the full mandate.
  std::vector<std::vector<int>> mandate(n);
  std::vector<bool> untagged_to(n, false);  // true: has `to:`, false: has `core:`
  for (int i = 0; i < n; ++i) {
    if (i == n - 1 || coin(0.4)) {
      mandate[i] = {0, 1, 2};
    } else {
      for (int p = 0; p < 3; ++p)
        if (coin(0.5)) mandate[i].push_back(p);
      if (mandate[i].empty()) mandate[i].push_back(integer(0, 2));
    }
    untagged_to[i] = i < n - 1 && coin(0.3);
  }
  // A flow-style map of 1-3 distinct channels from `pool` with shares summing to 1.
  auto mix_of = [&](std::vector<int> pool) {
    int k = integer(1, std::min<int>(3, pool.size()));
    std::shuffle(pool.begin(), pool.end(), rng);
    std::vector<double> shares = random_shares(rng, k);
    std::ostringstream m;
    m.precision(17);
    m << "{";
    for (int i = 0; i < k; ++i) m << (i ? ", " : "") << "c" << pool[i] << ": " << shares[i];
    return m.str() + "}";
  };
  std::ostringstream y;
  y.precision(17);
  y << "pbflow: 1\nname: random-" << seed << "\nhorizon: {start: 2024-0" << integer(1, 9) << ", months: " << o.months
    << "}\nsimulation: {replicas: 3, seed: " << seed << "}\n";
  y << "currency: {base: USD, fx: {JPY: {per_base: " << uniform(80, 160) << ", path: {2025-0" << integer(1, 9)
    << ": " << uniform(80, 160) << "}}}}\n";
  y << "donors:\n  d:\n    currency: JPY\n    fiscal_year_start: " << integer(1, 12) << "\n";
  y << "    budget:\n      initial: {2023: " << uniform(1e9, 1e11) << ", 2025: " << uniform(1e9, 1e11)
    << "}\n      growth: " << uniform(-0.1, 0.1) << "\n";
  y << "      supplementary: {month: " << integer(1, 12) << ", share_of_initial: " << uniform(0, 0.5) << "}\n";
  y << "    lines:\n";
  std::vector<double> line_shares = random_shares(rng, o.lines);
  for (int l = 0; l < o.lines; ++l) {
    y << "      l" << l << ":\n        share: " << line_shares[l] << "\n";
    int kind = l == 0 ? 0 : integer(0, 2);  // 0 allocate, 1 core, 2 reserve
    const char* releases[] = {"upfront", "quarterly", "monthly"};
    if (kind == 2) {
      y << "        release: {reserve: {on: [conflict_onset], share_per_event: " << uniform(0.1, 0.9)
        << ", at_year_end: " << (coin(0.5) ? "lapse" : "carry") << "}}\n";
    } else if (coin(0.2)) {
      std::vector<double> f = random_shares(rng, 12);
      y << "        release: [";
      for (int m = 0; m < 12; ++m) y << (m ? ", " : "") << f[m];
      y << "]\n";
    } else {
      y << "        release: " << releases[integer(0, 2)] << "\n";
    }
    auto mix_for = [&](int p) {
      std::vector<int> eligible;
      for (int i = 0; i < n; ++i)
        for (int q : mandate[i])
          if (q == p) eligible.push_back(i);
      return mix_of(eligible);
    };
    if (kind == 1) {
      std::vector<int> all(n);
      for (int i = 0; i < n; ++i) all[i] = i;
      y << "        to: " << mix_of(all) << "\n";
    } else if (kind == 2) {
      y << "        deliver: {humanitarian: " << mix_for(0) << "}\n";
    } else {
      y << "        allocate: strategy\n        deliver:\n";
      for (int p = 0; p < 3; ++p) y << "          " << kPillars[p] << ": " << mix_for(p) << "\n";
    }
  }
  y << "channels:\n";
  for (int i = 0; i < n; ++i) {
    y << "  c" << i << ":\n    overhead: " << (coin(0.2) ? 0.0 : uniform(0, 0.2)) << "\n";
    y << "    lag: {months: " << (coin(0.2) ? 0.0 : uniform(0.3, 12)) << ", stages: " << integer(1, 4) << "}\n";
    if (coin(0.3)) y << "    capacity: " << uniform(1e6, 5e7) << "\n";
    y << "    mandate: {pillars: [";
    for (std::size_t k = 0; k < mandate[i].size(); ++k) y << (k ? ", " : "") << kPillars[mandate[i][k]];
    y << "]";
    if (coin(0.3)) y << ", phases: [" << kPhases[integer(0, 2)] << "]";
    if (coin(0.2)) y << ", within_months: " << integer(12, 240);
    y << "}\n";
    std::vector<int> later_full;
    for (int j = i + 1; j < n; ++j)
      if (mandate[j].size() == 3) later_full.push_back(j);
    if (!later_full.empty() && coin(0.5)) y << "    passes: {c" << later_full[integer(0, later_full.size() - 1)] << ": " << uniform(0.05, 0.6) << "}\n";
    if (untagged_to[i]) {
      std::vector<int> later;
      for (int j = i + 1; j < n; ++j) later.push_back(j);
      y << "    to: " << mix_of(later) << "\n";
    } else {
      const char* rules[] = {"equal", "population", "needs"};
      y << "    core: {allocate: " << rules[integer(0, 2)] << "}\n";
    }
  }
  y << "countries:\n";
  for (int c = 0; c < o.countries; ++c) {
    double pop = uniform(1e6, 1e8);
    y << "  " << kCountries[c] << ": {population: " << pop << ", phase: " << kPhases[integer(0, 2)]
      << ", months_in_phase: " << integer(0, 100) << ", people_in_need: " << uniform(0, 0.4) * pop
      << ", capacity: " << uniform(0, 1) << ", cost_per_person_month: " << uniform(3, 20) << "}\n";
  }
  y << "strategy:\n  kind: nexus_phase\n  review: " << (coin(0.5) ? "quarterly" : "monthly")
    << "\n  countries: " << (coin(0.5) ? "needs" : "population") << "\n  pillar_split:\n";
  for (const char* ph : kPhases)
    y << "    " << ph << ": {humanitarian: " << uniform(0, 1) << ", development: " << uniform(0, 1)
      << ", peace: " << uniform(0.01, 1) << "}\n";
  y << "shocks:\n  - {kind: conflict_onset, country: " << kCountries[integer(0, o.countries - 1)] << ", at: 2025-0"
    << integer(1, 9) << "}\n  - {kind: budget, donor: d, from: 2026-0" << integer(1, 9) << ", scale: " << uniform(0.5, 1.2)
    << "}\n  - {kind: overhead, channel: c0, from: 2025-06, value: " << uniform(0, 0.3) << "}\n";
  return y.str();
}

}  // namespace pbflow::testing
