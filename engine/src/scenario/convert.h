// From a validated document tree to the typed Scenario, with the checks that
// need more than one value: shares that sum to 1, references between
// sections, mandates, currencies, budget years.
#pragma once

#include "pbflow/scenario.h"
#include "yaml_tree.h"

namespace pbflow::scenario {

// `root` must already have passed validate() against scenario_spec().
Scenario convert(const Node& root, const std::string& file);

}  // namespace pbflow::scenario
