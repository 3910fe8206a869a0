// Country weights of the strategies' simple rules.
#pragma once

#include "pbflow/scenario.h"
#include "sim/country_state.h"

namespace pbflow::strategy {

// The weight of country c in replica r under a simple rule.
inline double country_weight(CountryWeights rule, const sim::CountryState& state, int c, int r) {
  switch (rule) {
    case CountryWeights::needs: return state.need(c, r);
    case CountryWeights::population: return state.population(c, r);
    case CountryWeights::equal:
    case CountryWeights::explicit_map: return 1.0;
  }
  return 1.0;
}

}  // namespace pbflow::strategy
