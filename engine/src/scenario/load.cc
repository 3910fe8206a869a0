#include "compose.h"
#include "convert.h"
#include "pbflow/scenario_io.h"
#include "spec.h"
#include "validate.h"

namespace pbflow {

namespace {

void check_version(const scenario::Node& root) {
  if (!root.is_map())
    throw InputError(root.where, "", "expected a scenario (a map starting with `pbflow: 1`), found " + root.describe());
  const scenario::Node* version = root.find("pbflow");
  if (version && version->is_scalar() && version->text != "1")
    throw InputError(version->where, "pbflow",
                     "unsupported scenario language version " + version->describe() +
                         "; this pbflow reads version 1");
}

// `text`: the scenario's own text, `path` naming it; null: read the file.
scenario::Node validated_tree(const std::string& path, const std::vector<std::string>& overrides,
                              const std::string* text) {
  scenario::Node root = text ? scenario::load_text_with_extends(*text, path) : scenario::load_with_extends(path);
  check_version(root);
  for (const auto& o : overrides) scenario::apply_override(root, o);
  scenario::validate_all(root, scenario::scenario_spec());
  return root;
}

// A compare strategy's `set:` and a sweep's parameters name scenario keys;
// check each by applying it to a copy and validating the result, so a typo
// is caught now rather than hours into a sweep.
void check_paths(const scenario::Node& root, const Scenario& s) {
  using Assignment = std::pair<std::string, std::string>;
  // Where a dotted path's entry is in the file ("compare.strategies.x.set"),
  // following the keys as far as they go.
  auto locate = [&](const std::string& dotted) {
    const scenario::Node* node = &root;
    SourceLocation where = root.where;
    std::size_t start = 0;
    while (node && node->is_map()) {
      bool found = false;
      for (const auto& e : node->entries) {
        if (dotted.compare(start, e.key.size(), e.key) != 0) continue;
        const std::size_t end = start + e.key.size();
        if (end != dotted.size() && dotted[end] != '.') continue;
        where = e.key_where;
        node = &e.value;
        start = end + 1;
        found = true;
        break;
      }
      if (!found || start > dotted.size()) break;
    }
    return where;
  };
  auto trial = [&](const std::vector<Assignment>& assignments, const std::string& origin) {
    scenario::Node copy = root;
    std::string shown;
    try {
      for (const auto& [path, value] : assignments) {
        shown += (shown.empty() ? "`" : ", `") + path + "=" + value + "`";
        scenario::apply_override(copy, path, value, origin);
      }
      scenario::validate(copy, scenario::scenario_spec(), "");
      scenario::convert(copy, s.file);
    } catch (const InputError& e) {
      throw InputError(locate(origin), origin,
                       shown + " would make the scenario invalid: " + e.detail() + " (at " + e.key_path() + ")");
    }
  };
  if (s.compare)
    for (const auto& cs : s.compare->strategies)
      if (!cs.set.empty()) trial(cs.set, "compare.strategies." + cs.name + ".set");
  // Every end of a range and every listed value must make a valid scenario.
  auto check_ranges = [&](const std::vector<ParameterRange>& ranges, const std::string& origin) {
    for (const auto& p : ranges) {
      std::vector<std::string> values = p.values;
      if (values.empty()) values = {std::to_string(p.quantile(0.0)), std::to_string(p.quantile(1.0))};
      for (const auto& v : values) trial({{p.path, v}}, origin + p.path);
    }
  };
  if (s.uncertainties) check_ranges(s.uncertainties->parameters, "uncertainties.parameters.");
  // A test function's parameters are its arguments, not scenario keys.
  if (s.sweep && s.sweep->test_function.empty()) check_ranges(s.sweep->parameters, "sweep.parameters.");
}

Scenario load(const std::string& path, const std::vector<std::string>& overrides, bool check_experiment_keys,
              const std::string* text) {
  scenario::Node root = validated_tree(path, overrides, text);
  Scenario s = scenario::convert(root, path);
  s.composed_text = scenario::to_canonical_yaml(root);
  if (text) s.source_text = *text;
  if (check_experiment_keys) check_paths(root, s);
  return s;
}

}  // namespace

Scenario load_scenario(const std::string& path, const std::vector<std::string>& overrides,
                       bool check_experiment_keys) {
  return load(path, overrides, check_experiment_keys, nullptr);
}

Scenario load_scenario_text(const std::string& text, const std::string& name,
                            const std::vector<std::string>& overrides, bool check_experiment_keys) {
  return load(name, overrides, check_experiment_keys, &text);
}

Scenario reload_scenario(const Scenario& s, const std::vector<std::string>& overrides, bool check_experiment_keys) {
  return load(s.file, overrides, check_experiment_keys, s.source_text.empty() ? nullptr : &s.source_text);
}

}  // namespace pbflow
