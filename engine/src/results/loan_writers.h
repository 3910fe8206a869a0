// summary.json's `loans` section and the terminal table's loan rows
// (loans.csv's writer is public: pbflow/results_io.h).
#pragma once

#include <nlohmann/json.hpp>
#include <ostream>
#include <string>

#include "pbflow/run_result.h"

namespace pbflow::results {

nlohmann::ordered_json loans_json(const RunResult& r);
std::string loans_table(const RunResult& r);  // empty without loans
void loans_csv(const RunResult& r, std::ostream& out);

}  // namespace pbflow::results
