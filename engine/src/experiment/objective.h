// The scenario's objective for one replica (MODEL.md 5): the weighted sum
// over its terms of each outcome summed over countries. compare and the
// optimised strategy rank by it.
#pragma once

#include "pbflow/run_result.h"
#include "pbflow/scenario.h"

namespace pbflow::experiment {

// One outcome of one replica, summed over its C countries.
double outcome_value(Outcome outcome, const ReplicaTotals& totals, const CountryOutcome* countries, int C);
// The objective: sum of weight x outcome_value over the objective's terms.
double objective_value(const Objective& objective, const ReplicaTotals& totals, const CountryOutcome* countries,
                       int C);

}  // namespace pbflow::experiment
