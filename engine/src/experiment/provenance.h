// Where a result comes from: the scenario's fingerprint, pbflow's version
// and when it was made, for RunResult, CompareResult and SweepResult alike.
#pragma once

#include <string>

#include "pbflow/scenario.h"

namespace pbflow::experiment {

std::string utc_now();  // 2026-11-26T13:05:00Z

template <typename Result>
void stamp(Result& result, const Scenario& s);

}  // namespace pbflow::experiment
