#include "pbflow/scenario.h"

#include "vocabulary.h"

#include <algorithm>
#include <iterator>
#include <cmath>
#include <cstdio>
#include <limits>

namespace pbflow {

const char* to_string(Pillar p) { return scenario::kPillarWords[static_cast<int>(p)].c_str(); }
const char* to_string(Phase p) { return scenario::kPhaseWords[static_cast<int>(p)].c_str(); }
const char* to_string(StrategyKind k) { return scenario::kStrategyKindWords[static_cast<int>(k)].c_str(); }
const char* to_string(Repayment r) { return scenario::kRepaymentWords[static_cast<int>(r)].c_str(); }
const char* to_string(IncomeGroup g) { return scenario::kIncomeGroupWords[static_cast<int>(g)].c_str(); }
const char* to_string(ChannelKind k) { return scenario::kChannelKindWords[static_cast<int>(k)].c_str(); }
const char* to_string(Review r) { return scenario::kReviewWords[static_cast<int>(r)].c_str(); }
const char* to_string(ReleaseKind k) {
  if (k == ReleaseKind::vector) return "vector";
  if (k == ReleaseKind::reserve) return "reserve";
  return scenario::kScheduleWords[static_cast<int>(k)].c_str();
}
const char* to_string(CountryWeights w) {
  if (w == CountryWeights::explicit_map) return "explicit";
  return scenario::kCountryWeightWords[static_cast<int>(w)].c_str();
}

double Peacekeeping::rate(const Assessment& a, int un_year) const {
  if (a.rates.empty()) return 0.0;
  auto it = a.rates.upper_bound(un_year);
  return it == a.rates.begin() ? it->second : std::prev(it)->second;
}

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

// Acklam's rational approximation (relative error 1.15e-9), refined by one
// Halley step on erfc, which brings it to full double precision.
double inverse_normal_cdf(double p) {
  if (p <= 0) return -std::numeric_limits<double>::infinity();
  if (p >= 1) return std::numeric_limits<double>::infinity();
  static const double a[] = {-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02,
                             1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00};
  static const double b[] = {-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02,
                             6.680131188771972e+01, -1.328068155288572e+01};
  static const double c[] = {-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
                             -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00};
  static const double d[] = {7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00};
  const double low = 0.02425;
  double x;
  if (p < low) {
    const double q = std::sqrt(-2 * std::log(p));
    x = (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
        ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  } else if (p <= 1 - low) {
    const double q = p - 0.5, r = q * q;
    x = (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q /
        (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
  } else {
    const double q = std::sqrt(-2 * std::log1p(-p));
    x = -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
        ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  }
  const double e = 0.5 * std::erfc(-x / std::sqrt(2.0)) - p;
  const double u = e * std::sqrt(2 * 3.14159265358979323846) * std::exp(x * x / 2);
  return x - u / (1 + x * u / 2);
}

double ParameterRange::quantile(double u) const {
  constexpr double kTail = 1e-6;
  const double q = bounded() ? std::clamp(u, 0.0, 1.0) : std::clamp(u, kTail, 1.0 - kTail);
  switch (distribution) {
    case Distribution::uniform: return *min + q * (*max - *min);
    case Distribution::normal: return mean + sd * inverse_normal_cdf(q);
    case Distribution::lognormal: return median * std::exp(sigma * inverse_normal_cdf(q));
    case Distribution::triangular: {
      const double a = *min, b = *max, c = mode;
      if (b <= a) return a;
      const double f = (c - a) / (b - a);
      return q < f ? a + std::sqrt(q * (b - a) * (c - a)) : b - std::sqrt((1 - q) * (b - a) * (b - c));
    }
    case Distribution::truncated_normal: {
      // The normal's quantile between the bounds' probabilities.
      const double pa = 0.5 * std::erfc(-(*min - mean) / (sd * std::sqrt(2.0)));
      const double pb = 0.5 * std::erfc(-(*max - mean) / (sd * std::sqrt(2.0)));
      return std::clamp(mean + sd * inverse_normal_cdf(pa + q * (pb - pa)), *min, *max);
    }
  }
  return *min;
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
