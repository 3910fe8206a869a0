// Reading scenario files, and describing the scenario language.
#pragma once

#include <string>
#include <vector>

#include "pbflow/scenario.h"

namespace pbflow {

// Loads a scenario file, following `extends:` and applying `KEY=VALUE`
// overrides in order. Throws InputError on any problem. With
// `check_experiment_keys`, every key a compare `set:`, an uncertainty or a
// sweep would change is tried too (compare and sweep skip it for the
// variants they load, which the first load has checked).
Scenario load_scenario(const std::string& path, const std::vector<std::string>& overrides = {},
                       bool check_experiment_keys = true);

// The scenario language as a JSON Schema (draft 2020-12), pretty-printed.
std::string scenario_json_schema();
// The scenario language as a Markdown reference table.
std::string scenario_reference_markdown();

}  // namespace pbflow
