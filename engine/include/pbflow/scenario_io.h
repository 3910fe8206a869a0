// Reading scenario files, and describing the scenario language.
#pragma once

#include <string>
#include <vector>

#include "pbflow/scenario.h"

namespace pbflow {

// Loads a scenario file, following `extends:` and applying `KEY=VALUE`
// overrides in order. Throws InputError on any problem.
Scenario load_scenario(const std::string& path, const std::vector<std::string>& overrides = {});

// The scenario language as a JSON Schema (draft 2020-12), pretty-printed.
std::string scenario_json_schema();
// The scenario language as a Markdown reference table.
std::string scenario_reference_markdown();

}  // namespace pbflow
