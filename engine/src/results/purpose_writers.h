// A run's purpose-code programmes (docs/model.md, 1.9): summary.json's
// `purposes` section, purposes.csv, the terminal table's rows and the
// workbook's sheet read the same per-replica spending.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "pbflow/run_result.h"

namespace pbflow::results {

// Spending of r.purposes[k] over the horizon, over replicas.
Stats purpose_spent(const RunResult& r, std::size_t k);
nlohmann::ordered_json purposes_json(const RunResult& r);
std::string purposes_table(const RunResult& r);  // empty without purpose codes

}  // namespace pbflow::results
