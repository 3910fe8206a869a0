// Random acyclic funding networks written as scenario YAML, for property
// tests: random shares, lags, stages, overheads, capacities, mandates.
#pragma once

#include <cstdint>
#include <string>

namespace pbflow::testing {

struct RandomScenarioOptions {
  int channels = 8;
  int countries = 5;
  int months = 60;
  int lines = 3;
};

std::string random_scenario_yaml(std::uint64_t seed, const RandomScenarioOptions& options = {});

}  // namespace pbflow::testing
