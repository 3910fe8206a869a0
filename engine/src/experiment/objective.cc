#include "experiment/objective.h"

namespace pbflow::experiment {

namespace {

double countries_sum(const CountryOutcome* countries, int C, double CountryOutcome::*field) {
  double sum = 0.0;
  for (int c = 0; c < C; ++c) sum += countries[c].*field;
  return sum;
}

}  // namespace

double outcome_value(Outcome outcome, const ReplicaTotals& t, const CountryOutcome* countries, int C) {
  switch (outcome) {
    case Outcome::unmet_need_person_months: return countries_sum(countries, C, &CountryOutcome::unmet_need_person_months);
    case Outcome::conflict_months: return countries_sum(countries, C, &CountryOutcome::conflict_months);
    case Outcome::relapses: return countries_sum(countries, C, &CountryOutcome::relapses);
    case Outcome::overhead: return t.overhead;
    case Outcome::in_pipeline: return t.in_pipeline;
    case Outcome::people_reached: return countries_sum(countries, C, &CountryOutcome::people_reached);
    case Outcome::cost_per_person_reached: {
      double humanitarian = 0.0;
      for (int c = 0; c < C; ++c) humanitarian += countries[c].spent[0];
      const double reached = countries_sum(countries, C, &CountryOutcome::people_reached);
      return reached > 0 ? humanitarian / reached : 0.0;
    }
  }
  return 0.0;
}

double objective_value(const Objective& objective, const ReplicaTotals& t, const CountryOutcome* countries, int C) {
  double value = 0.0;
  for (const auto& [outcome, weight] : objective.minimize) value += weight * outcome_value(outcome, t, countries, C);
  return value;
}

}  // namespace pbflow::experiment
