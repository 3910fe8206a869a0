// Running scenario text through the engine in tests.
#pragma once

#include <string>
#include <vector>

#include "pbflow/engine.h"
#include "support/test_files.h"

namespace pbflow::testing {

inline RunResult run_text(const std::string& yaml, int replicas = 1, int threads = 1, int block_size = 64,
                          const std::vector<std::string>& overrides = {}) {
  TempDir dir;
  Engine engine = Engine::load(dir.write("scenario.yaml", yaml), overrides);
  RunOptions options;
  options.replicas = replicas;
  options.threads = threads;
  options.block_size = block_size;
  return engine.run(options);
}

inline double mean_total(const RunResult& r, double ReplicaTotals::*field) {
  double s = 0;
  for (const auto& t : r.totals) s += t.*field;
  return s / r.totals.size();
}

inline double max_conservation_error(const RunResult& r) {
  double worst = 0;
  for (const auto& t : r.totals) worst = std::max(worst, t.conservation_error);
  return worst;
}

// Model settings under `model:` that hold every country in its phase, so that
// money checks do not depend on random wars.
inline const std::string kFrozenPhases =
    "  phases: {conflict_end_hazard: 0, relapse_hazard: 0, consolidation_hazard: 0, onset_hazard: 0}\n";

// A minimal one-donor, one-country scenario in USD, for analytic checks.
// `lines` and `channels` are YAML blocks indented as under `lines:` and `channels:`.
inline std::string minimal_scenario(const std::string& lines, const std::string& channels, int months = 60,
                                    const std::string& extra = "") {
  return "pbflow: 1\nname: analytic\nhorizon: {start: 2025-01, months: " + std::to_string(months) +
         "}\n"
         "donors:\n  d:\n    fiscal_year_start: 1\n    budget:\n      initial: {2025: 1.0e6, 2026: 0}\n"
         "    lines:\n" +
         lines + "channels:\n" + channels +
         "countries:\n  SDN: {population: 1.0e6, phase: conflict, people_in_need: 2.0e5}\n"
         "strategy: {kind: fixed, countries: equal, pillar_split: {humanitarian: 1}}\n"
         "model:\n  absorption: {usd_per_person_month: {humanitarian: 1.0e9, development: 1.0e9, peace: 1.0e9}}\n" +
         kFrozenPhases +
         extra;
}

}  // namespace pbflow::testing
