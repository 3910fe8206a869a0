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

scenario::Node validated_tree(const std::string& path, const std::vector<std::string>& overrides) {
  scenario::Node root = scenario::load_with_extends(path);
  check_version(root);
  for (const auto& o : overrides) scenario::apply_override(root, o);
  scenario::validate(root, scenario::scenario_spec(), "");
  return root;
}

// A compare strategy's `set:` and a sweep's parameters name scenario keys;
// check each by applying it to a copy and validating the result, so a typo
// is caught now rather than hours into a sweep.
void check_paths(const scenario::Node& root, const Scenario& s) {
  using Assignment = std::pair<std::string, std::string>;
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
      throw InputError(root.where, origin, shown + " would make the scenario invalid: " + e.detail() + " (at " +
                                               e.key_path() + ")");
    }
  };
  if (s.compare)
    for (const auto& cs : s.compare->strategies)
      if (!cs.set.empty()) trial(cs.set, "compare.strategies." + cs.name + ".set");
  if (s.uncertainties)
    for (const auto& p : s.uncertainties->parameters) {
      std::string value = p.values.empty() ? std::to_string(*p.min) : p.values.front();
      trial({{p.path, value}}, "uncertainties.parameters." + p.path);
      if (p.values.empty()) trial({{p.path, std::to_string(*p.max)}}, "uncertainties.parameters." + p.path);
      for (const auto& v : p.values) trial({{p.path, v}}, "uncertainties.parameters." + p.path);
    }
  if (s.sweep)
    for (const auto& p : s.sweep->parameters) {
      std::string value = std::to_string(p.values.empty() ? *p.min : p.values.front());
      trial({{p.path, value}}, "sweep.parameters." + p.path);
    }
}

}  // namespace

Scenario load_scenario(const std::string& path, const std::vector<std::string>& overrides) {
  scenario::Node root = validated_tree(path, overrides);
  Scenario s = scenario::convert(root, path);
  check_paths(root, s);
  return s;
}

}  // namespace pbflow
