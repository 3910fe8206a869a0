#include "pbflow/scenario.h"

#include "vocabulary.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>

namespace pbflow {

const char* to_string(Pillar p) { return scenario::kPillarWords[static_cast<int>(p)].c_str(); }
const char* to_string(Phase p) { return scenario::kPhaseWords[static_cast<int>(p)].c_str(); }
const char* to_string(StrategyKind k) { return scenario::kStrategyKindWords[static_cast<int>(k)].c_str(); }

const char* to_string(Outcome o) {
  static const char* names[kOutcomes] = {"unmet_need_person_months", "conflict_months", "relapses", "overhead",
                                         "in_pipeline", "people_reached", "cost_per_person_reached"};
  return names[static_cast<int>(o)];
}

std::string YearMonth::str() const {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d", year() % 10000, month());
  return buf;
}

double ExchangeRate::at(YearMonth m) const {
  auto it = path.upper_bound(m.index);
  if (it == path.begin()) return per_base;
  return std::prev(it)->second;
}

double amount_for_year(const std::map<int, double>& by_year, double growth, int fiscal_year) {
  if (by_year.empty() || fiscal_year < by_year.begin()->first) return std::numeric_limits<double>::quiet_NaN();
  auto it = by_year.find(fiscal_year);
  if (it != by_year.end()) return it->second;
  auto last = std::prev(by_year.end());
  if (fiscal_year > last->first) return last->second * std::pow(1.0 + growth, fiscal_year - last->first);
  // A gap between listed years: the last listed year before it, grown.
  auto before = std::prev(by_year.upper_bound(fiscal_year));
  return before->second * std::pow(1.0 + growth, fiscal_year - before->first);
}

bool Mandate::allows(Pillar p) const { return std::find(pillars.begin(), pillars.end(), p) != pillars.end(); }

int Scenario::channel_index(const std::string& id) const {
  for (std::size_t i = 0; i < channels.size(); ++i)
    if (channels[i].id == id) return static_cast<int>(i);
  return -1;
}

int Scenario::country_index(const std::string& iso3) const {
  for (std::size_t i = 0; i < countries.size(); ++i)
    if (countries[i].iso3 == iso3) return static_cast<int>(i);
  return -1;
}

}  // namespace pbflow
