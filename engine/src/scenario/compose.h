// Building one document from several sources: `extends:` chains (deep merge
// of maps, child wins) and `--set KEY=VALUE` overrides by dotted path.
#pragma once

#include <string>
#include <vector>

#include "yaml_tree.h"

namespace pbflow::scenario {

// Loads `path` and everything it extends, merged (deep_merge); the `extends`
// key is removed from the result, and list edits are resolved everywhere.
// Missing files and cycles are InputErrors.
Node load_with_extends(const std::string& path, const ParseLimits& limits = {});

// The same for a scenario given as text: `name` stands for its file in
// messages, and its `extends:` are read relative to name's folder.
Node load_text_with_extends(const std::string& text, const std::string& name, const ParseLimits& limits = {});

// Overlays `top` on `base`: maps merge key by key, and anything else
// replaces, except lists: `KEY: {add: [...]}` appends to the base's list,
// `KEY: {replace: [...]}` replaces it, and a plain list over a base's
// non-empty list is an InputError (it would drop the base's items silently).
void deep_merge(Node& base, const Node& top);

// Applies one "dotted.key.path=value" override. The value is read as YAML,
// so numbers stay numbers. `origin` names it in error messages.
void apply_override(Node& root, const std::string& assignment, const std::string& origin = "--set");
void apply_override(Node& root, const std::string& path, const std::string& value,
                    const std::string& origin);

}  // namespace pbflow::scenario
