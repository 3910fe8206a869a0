#include "large_scenario.h"

#include <algorithm>
#include <random>
#include <sstream>
#include <vector>

#include "scenario/iso3166.h"

namespace pbflow::bench {

std::string large_scenario_yaml(const LargeScenarioOptions& o) {
  std::mt19937_64 rng(2026);
  auto uniform = [&](double lo, double hi) { return std::uniform_real_distribution<double>(lo, hi)(rng); };
  const char* pillars[] = {"humanitarian", "development", "peace"};
  const char* phases[] = {"conflict", "fragile", "stable"};
  const int n = o.channels;
  // Channels: the first quarter are trust funds passing core money on; the
  // rest are agencies (each with one pillar, or all three) that sub-grant
  // to the last eight (fewer below 32 channels), NGOs with every pillar.
  const int funds = n / 4, ngos = std::min(8, n / 4);  // 8 NGOs, fewer in a small network
  std::ostringstream y;
  y.precision(10);
  y << "pbflow: 1\nname: large-" << o.countries << "x" << n << "\nhorizon: {start: 2025-04, months: " << o.months
    << "}\nsimulation: {replicas: 1000, seed: 1}\ncurrency: {fx: {JPY: {per_base: 150, volatility: 0.02}}}\n"
    << "donors:\n  japan:\n    currency: JPY\n    fiscal_year_start: 4\n"
    << "    budget: {initial: {2025: 6.0e11}, growth: 0.01, supplementary: {month: 12, share_of_initial: 0.3}}\n"
    << "    lines:\n";
  // Up to four agencies whose mandate covers the pillar, in equal shares.
  auto agency_mix = [&](int pillar) {
    std::vector<int> chosen;
    for (int c = funds; c < n - ngos && chosen.size() < 4; ++c)
      if (c % 4 == pillar || c % 4 == 3) chosen.push_back(c);
    std::ostringstream m;
    m.precision(17);
    m << "{";
    for (std::size_t i = 0; i < chosen.size(); ++i) m << (i ? ", " : "") << "c" << chosen[i] << ": " << 1.0 / chosen.size();
    return m.str() + "}";
  };
  y << "      programmes:\n        share: 0.6\n        release: quarterly\n        allocate: strategy\n        deliver:\n";
  for (int p = 0; p < 3; ++p) y << "          " << pillars[p] << ": " << agency_mix(p) << "\n";
  y << "      core:\n        share: 0.25\n        release: upfront\n        to: {";
  for (int c = 0; c < funds; ++c) y << (c ? ", " : "") << "c" << c << ": " << 1.0 / funds;
  y << "}\n      reserve:\n        share: 0.15\n"
    << "        release: {reserve: {on: [conflict_onset, disaster], share_per_event: 0.1}}\n"
    << "        deliver: {humanitarian: " << agency_mix(0) << "}\n";
  y << "channels:\n";
  for (int c = 0; c < n; ++c) {
    y << "  c" << c << ":\n    overhead: " << uniform(0.0, 0.08) << "\n    lag: {months: " << uniform(1, 9)
      << ", stages: " << 1 + c % 3 << "}\n";
    if (c < funds) {
      y << "    kind: trust_fund\n    to: {c" << funds + c % (n - funds - ngos) << ": 0.5, c"
        << funds + (c + 1) % (n - funds - ngos) << ": 0.5}\n";
    } else if (c < n - ngos) {
      const int p = c % 4;
      if (p < 3) y << "    mandate: {pillars: [" << pillars[p] << "]}\n";
      y << "    core: {allocate: " << (p == 0 ? "needs" : "population") << "}\n";
      y << "    passes: {c" << n - ngos + c % ngos << ": 0.2}\n";
    } else {
      y << "    kind: ngo\n    capacity: " << uniform(2e7, 8e7) << "\n";
    }
  }
  y << "countries:\n";
  const auto& codes = scenario::iso3166_alpha3_codes();
  for (int c = 0; c < o.countries; ++c) {
    const double pop = uniform(1e6, 1e8);
    y << "  " << codes[c] << ": {population: " << pop << ", phase: " << phases[c % 3]
      << ", months_in_phase: " << static_cast<int>(uniform(0, 120)) << ", people_in_need: " << uniform(0.02, 0.4) * pop
      << ", capacity: " << uniform(0.1, 0.8) << ", cost_per_person_month: " << uniform(5, 15) << "}\n";
  }
  y << "strategy:\n  kind: nexus_phase\n  review: quarterly\n  countries: needs\n  pillar_split:\n"
    << "    conflict: {humanitarian: 0.7, development: 0.1, peace: 0.2}\n"
    << "    fragile: {humanitarian: 0.3, development: 0.35, peace: 0.35}\n"
    << "    stable: {humanitarian: 0.1, development: 0.8, peace: 0.1}\n"
    << "shocks:\n  - {kind: disaster, rate_per_year: 0.15, people: {median: 2.0e5, sigma: 1.0}}\n"
    << "  - {kind: displacement_surge, people: {median: 5.0e5, sigma: 0.8}}\n";
  return y.str();
}

}  // namespace pbflow::bench
