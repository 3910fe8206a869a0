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

// The same for a scenario given as text (Python's Scenario.from_yaml):
// `name` stands for its file in messages, and `extends:` and a sweep's
// design file are read relative to name's folder.
Scenario load_scenario_text(const std::string& text, const std::string& name,
                            const std::vector<std::string>& overrides = {}, bool check_experiment_keys = true);
// `s` loaded again from where it came from (its file, or its text), with
// `overrides`: how compare, sweep and the optimiser make their variants.
Scenario reload_scenario(const Scenario& s, const std::vector<std::string>& overrides,
                         bool check_experiment_keys = false);

// The scenario language as a JSON Schema (draft 2020-12), pretty-printed.
std::string scenario_json_schema();
// The scenario language as a Markdown reference table.
std::string scenario_reference_markdown();

}  // namespace pbflow
