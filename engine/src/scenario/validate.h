// Structural validation of a document tree against the language's Spec:
// unknown keys (with the nearest valid name), wrong types, missing keys,
// ranges, enums, NaN and infinity, formats. The first problem found is
// thrown as an InputError naming file:line:col and the key path.
#pragma once

#include <optional>
#include <string>

#include "spec.h"
#include "yaml_tree.h"

namespace pbflow::scenario {

void validate(const Node& node, const Spec& spec, const std::string& path);
// The same over a whole file, reporting every error (up to 20) at once: the
// first as the error, the others listed in its message, each FILE:LINE:COL.
void validate_all(const Node& node, const Spec& spec);

// Scalar readers shared with the converter. They throw InputError at the node.
double read_number(const Node& node, const std::string& path);
std::optional<int> parse_year_month(const std::string& text);  // month index, or nothing

}  // namespace pbflow::scenario
