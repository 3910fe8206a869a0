// summary.json's `peacekeeping` section and the terminal table's rows.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "pbflow/run_result.h"

namespace pbflow::results {

nlohmann::ordered_json peacekeeping_json(const RunResult& r);
std::string peacekeeping_table(const RunResult& r);  // empty without missions

}  // namespace pbflow::results
