// Stats as the {mean, sd, p05, p50, p95} object every JSON output uses.
#pragma once

#include <nlohmann/json.hpp>

#include "pbflow/run_result.h"

namespace pbflow::results {

inline nlohmann::ordered_json stats_json(const Stats& s) {
  return {{"mean", s.mean}, {"sd", s.sd}, {"p05", s.p05}, {"p50", s.p50}, {"p95", s.p95}};
}

}  // namespace pbflow::results
