// The main inputs of a run as a list a planner can read (the workbook's
// Assumptions sheet): what each budget line is appropriated per fiscal year
// (as the plan books it, after shares, amounts, scales, supplementary
// budgets and budget shocks), exchange rates, each channel's overhead, lag
// and capacity, the strategy and the simulation's size.
#pragma once

#include <vector>

#include "pbflow/run_result.h"
#include "pbflow/scenario.h"
#include "plan/flow_plan.h"

namespace pbflow::experiment {

std::vector<Assumption> assumptions_of(const Scenario& s, const plan::FlowPlan& p);

}  // namespace pbflow::experiment
