// What a what-if changes: the paired difference of its run against a
// baseline's, both run with the same seed and replicas, so replica r sees the
// same future in both (common random numbers) and each difference is taken
// replica by replica (docs/guide-whatifs.md).
#pragma once

#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

#include "pbflow/run_result.h"

namespace pbflow {

struct OutcomeDifference {
  std::string measure;  // outcomes.csv's or summary.json's name for it
  std::string country;  // ISO3, or empty for the total over countries
  std::string unit;     // "USD" (the base currency), "person-months", "months", "share"
  int better = 0;       // +1: more is better, -1: less is better, 0: neither
  double baseline = 0.0, whatif = 0.0;  // means over replicas
  double mean = 0.0;                    // what-if minus baseline, mean over replicas
  double low = 0.0, high = 0.0;         // its 95% interval (Student's t on the paired differences)
  double better_share = -1.0;           // replicas where the what-if is better (ties are not); -1 if `better` is 0
  std::string only_in;                  // "whatif" or "baseline" for a country on one side only
  bool clear() const { return low > 0.0 || high < 0.0; }  // the interval excludes zero
};

struct DifferenceResult {
  std::string whatif, baseline;  // scenario names
  int replicas = 0;
  std::uint64_t seed = 0;
  std::string currency;
  std::vector<OutcomeDifference> rows;  // totals first, then each country's, measures in a fixed order
};

// Throws InputError unless both runs have the same seed and replicas.
DifferenceResult paired_difference(const RunResult& whatif, const RunResult& baseline);

void write_diff_json(const DifferenceResult& d, std::ostream& out);
void write_diff_csv(const DifferenceResult& d, std::ostream& out);
// The what-if's own results and diff.json and diff.csv, in `dir` as a whole.
void write_difference_outputs(const RunResult& whatif, const DifferenceResult& d, const std::string& dir);
// The terminal table: what changed most first, clear differences marked.
std::string difference_table(const DifferenceResult& d, int rows = 25);

}  // namespace pbflow
