// Building one document from several sources: `extends:` chains (deep merge
// of maps, child wins) and `--set KEY=VALUE` overrides by dotted path.
#pragma once

#include <string>
#include <vector>

#include "yaml_tree.h"

namespace pbflow::scenario {

// Loads `path` and everything it extends, merged; the `extends` key is
// removed from the result. Missing files and cycles are InputErrors.
Node load_with_extends(const std::string& path, const ParseLimits& limits = {});

// Overlays `top` on `base`: maps merge key by key, anything else replaces.
void deep_merge(Node& base, const Node& top);

// Applies one "dotted.key.path=value" override. The value is read as YAML,
// so numbers stay numbers. `origin` names it in error messages.
void apply_override(Node& root, const std::string& assignment, const std::string& origin = "--set");
void apply_override(Node& root, const std::string& path, const std::string& value,
                    const std::string& origin);

}  // namespace pbflow::scenario
