#include "experiment/assumptions.h"

#include <cmath>
#include <map>

namespace pbflow::experiment {

namespace {

const char* release_text(ReleaseKind k) {
  switch (k) {
    case ReleaseKind::upfront: return "upfront";
    case ReleaseKind::quarterly: return "quarterly";
    case ReleaseKind::monthly: return "monthly";
    case ReleaseKind::vector: return "by fiscal month (12 fractions)";
    case ReleaseKind::reserve: return "reserve, released by events";
  }
  return "";
}

const char* review_text(Review r) {
  switch (r) {
    case Review::monthly: return "monthly";
    case Review::quarterly: return "quarterly";
    case Review::fiscal_year: return "each fiscal year";
  }
  return "";
}

const char* weights_text(CountryWeights w) {
  switch (w) {
    case CountryWeights::needs: return "people in need";
    case CountryWeights::population: return "population";
    case CountryWeights::equal: return "equal";
    case CountryWeights::explicit_map: return "explicit weights";
  }
  return "";
}

}  // namespace

std::vector<Assumption> assumptions_of(const Scenario& s, const plan::FlowPlan& p) {
  const double none = std::nan("");
  std::vector<Assumption> out;
  auto number = [&](const std::string& group, const std::string& item, const std::string& detail, double v,
                    const std::string& unit) { out.push_back({group, item, detail, v, "", unit}); };
  auto text = [&](const std::string& group, const std::string& item, const std::string& detail, const std::string& t) {
    out.push_back({group, item, detail, none, t, ""});
  };
  text("horizon", "start", "", p.start.str());
  number("horizon", "months", "", p.months, "months");
  number("simulation", "replicas", "scenario default", s.simulation.replicas, "replicas");
  // Appropriations as the plan books them, per line and fiscal year.
  for (const plan::LinePlan& line : p.lines) {
    const Donor& donor = s.donors[line.donor];
    std::map<int, double> by_year;
    for (int t = 0; t < p.months; ++t) {
      const YearMonth m{p.start.index + t};
      const int fiscal_year = m.month() >= donor.fiscal_year_start ? m.year() : m.year() - 1;
      by_year[fiscal_year] += line.appropriated[t];
    }
    for (const auto& [year, amount] : by_year)
      number("budget", line.label, "FY" + std::to_string(year), amount, donor.currency);
  }
  for (const Donor& d : s.donors)
    for (const BudgetLine& line : d.lines) {
      text("budget line", d.id + "/" + line.id, "release", release_text(line.release.kind));
      text("budget line", d.id + "/" + line.id, "money",
           line.to ? "core (untagged), to channels" : line.allocate_by_strategy ? "earmarked by the strategy" : "earmarked");
    }
  for (const auto& [code, rate] : s.currency.fx) {
    number("exchange rate", code + " per " + s.currency.base, "at the start", rate.at(p.start), code);
    if (rate.volatility > 0) number("exchange rate", code + " per " + s.currency.base, "monthly volatility", rate.volatility, "log sd");
  }
  for (const Channel& c : s.channels) {
    number("channel", c.id, "overhead", c.overhead, "share");
    number("channel", c.id, "lag", c.lag_months, "months");
    if (c.capacity) number("channel", c.id, "capacity", *c.capacity, s.currency.base + " a month");
  }
  const Strategy& st = s.strategy;
  text("strategy", "kind", "", to_string(st.kind));
  text("strategy", "review", "", review_text(st.review));
  if (st.kind == StrategyKind::fixed || st.kind == StrategyKind::nexus_phase)
    text("strategy", "country weights", "", weights_text(st.countries));
  if (st.kind != StrategyKind::crisis_reserve && st.kind != StrategyKind::optimised)
    for (int phase = 0; phase < kPhases; ++phase)
      for (int pillar = 0; pillar < kPillars; ++pillar)
        number("strategy", std::string("pillar split: ") + to_string(static_cast<Phase>(phase)),
               to_string(static_cast<Pillar>(pillar)), st.pillar_split[phase][pillar], "share");
  if (st.kind == StrategyKind::crisis_reserve) {
    number("strategy", "reserve share", "", st.reserve_share, "share");
    number("strategy", "release per event", "", st.release_per_event, "share");
  }
  for (const Country& c : s.countries) {
    number("country", c.iso3 + " " + c.name, "population", c.population, "people");
    number("country", c.iso3 + " " + c.name, "people in need at the start", c.people_in_need, "people");
    text("country", c.iso3 + " " + c.name, "phase at the start", to_string(c.phase));
  }
  return out;
}

}  // namespace pbflow::experiment
