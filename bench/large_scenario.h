// A large generated scenario for benchmarks: one donor, many countries and
// channels in a layered, acyclic network, written as scenario YAML.
#pragma once

#include <string>

namespace pbflow::bench {

struct LargeScenarioOptions {
  int countries = 150;
  int channels = 40;
  int months = 240;
};

std::string large_scenario_yaml(const LargeScenarioOptions& options = {});

}  // namespace pbflow::bench
