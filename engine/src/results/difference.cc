#include "pbflow/difference.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <tuple>
#include <cmath>
#include <functional>
#include <cstdio>
#include <limits>
#include <sstream>

#include "pbflow/errors.h"
#include "pbflow/results_io.h"
#include "results/csv.h"
#include "results/output_folder.h"

namespace pbflow {

namespace {

// One measure: its name, unit, which way is better, and its value in a
// replica (for a country's measures, of that country's outcome; `nullptr`
// outcome: the country is absent on that side, and the value is 0).
struct CountryMeasure {
  const char* name;
  const char* unit;
  int better;
  std::function<double(const CountryOutcome&)> value;
};

const std::vector<CountryMeasure>& country_measures() {
  static const std::vector<CountryMeasure> measures = {
      {"spent_humanitarian", "USD", 0, [](const CountryOutcome& o) { return o.spent[0]; }},
      {"spent_development", "USD", 0, [](const CountryOutcome& o) { return o.spent[1]; }},
      {"spent_peace", "USD", 0, [](const CountryOutcome& o) { return o.spent[2]; }},
      {"unmet_need_person_months", "person-months", -1, [](const CountryOutcome& o) { return o.unmet_need_person_months; }},
      {"people_reached", "person-months", +1, [](const CountryOutcome& o) { return o.people_reached; }},
      {"conflict_months", "months", -1, [](const CountryOutcome& o) { return o.conflict_months; }},
      {"relapsed", "share", -1, [](const CountryOutcome& o) { return o.relapses > 0.0 ? 1.0 : 0.0; }},
      {"peace_at_horizon", "share", +1, [](const CountryOutcome& o) { return o.peace_at_horizon ? 1.0 : 0.0; }},
  };
  return measures;
}

struct TotalMeasure {
  const char* name;
  const char* unit;
  int better;
  std::function<double(const RunResult&, int replica)> value;
};

double sum_over_countries(const RunResult& r, int replica, const std::function<double(const CountryOutcome&)>& f) {
  double sum = 0.0;
  for (std::size_t c = 0; c < r.countries.size(); ++c) sum += f(r.outcome(replica, static_cast<int>(c)));
  return sum;
}

std::vector<TotalMeasure> total_measures() {
  std::vector<TotalMeasure> measures = {
      {"spent", "USD", 0, [](const RunResult& r, int i) { return r.totals[i].spent; }},
      {"overhead", "USD", -1, [](const RunResult& r, int i) { return r.totals[i].overhead; }},
      {"in_pipeline", "USD", 0, [](const RunResult& r, int i) { return r.totals[i].in_pipeline; }},
      {"appropriated", "USD", 0, [](const RunResult& r, int i) { return r.totals[i].appropriated; }},
      {"delivery_lag", "months", -1, [](const RunResult& r, int i) { return r.totals[i].delivery_lag; }},
      {"objective", "objective", -1, [](const RunResult& r, int i) { return r.totals[i].objective; }},
  };
  // Over countries: the same measures summed (relapses and countries at peace as counts).
  for (const CountryMeasure& m : country_measures()) {
    const bool count = std::string(m.unit) == "share";
    measures.push_back({m.name, count ? "countries" : m.unit, m.better, [f = m.value](const RunResult& r, int i) {
                          return sum_over_countries(r, i, f);
                        }});
  }
  return measures;
}

// Mean and 95% interval of paired differences, and the share of replicas in
// which the what-if is better.
void describe_pairs(const std::vector<double>& w, const std::vector<double>& b, OutcomeDifference& row) {
  const std::size_t n = w.size();
  double sum_w = 0, sum_b = 0, sum_d = 0;
  int better = 0;
  for (std::size_t i = 0; i < n; ++i) {
    sum_w += w[i];
    sum_b += b[i];
    const double d = w[i] - b[i];
    sum_d += d;
    better += row.better * d > 0.0;
  }
  row.whatif = sum_w / n;
  row.baseline = sum_b / n;
  row.mean = sum_d / n;
  double squares = 0;
  for (std::size_t i = 0; i < n; ++i) squares += (w[i] - b[i] - row.mean) * (w[i] - b[i] - row.mean);
  if (n >= 2) {
    const double se = std::sqrt(squares / (n - 1) / n);
    const double t = t_quantile_975(static_cast<int>(n) - 1);
    row.low = row.mean - t * se;
    row.high = row.mean + t * se;
  } else {
    row.low = -std::numeric_limits<double>::infinity();
    row.high = std::numeric_limits<double>::infinity();
  }
  row.better_share = row.better != 0 ? static_cast<double>(better) / n : -1.0;
}

// A unit of three capitals is a currency: a loan's (USD stands for the base currency).
bool is_currency(const std::string& unit) {
  return unit.size() == 3 && std::all_of(unit.begin(), unit.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
}

std::string readable(double v, const std::string& unit) {
  std::ostringstream s;
  s.setf(std::ios::fixed);
  if (is_currency(unit)) {
    s.precision(1);
    s << v / 1e6;
  } else if (unit == "share") {
    s.precision(3);
    s << v;
  } else {
    s.precision(std::fabs(v) >= 100 ? 0 : 2);
    s << v;
  }
  // Thousands separators in the whole part.
  std::string text = s.str();
  const std::size_t sign = text[0] == '-' ? 1 : 0;
  std::size_t end = text.find('.');
  if (end == std::string::npos) end = text.size();
  for (std::ptrdiff_t at = static_cast<std::ptrdiff_t>(end) - 3; at > static_cast<std::ptrdiff_t>(sign); at -= 3)
    text.insert(static_cast<std::size_t>(at), ",");
  return text;
}

std::string unit_label(const OutcomeDifference& row, const std::string& currency) {
  return row.unit == "USD" ? currency + " m" : is_currency(row.unit) ? row.unit + " m" : row.unit;
}

}  // namespace

DifferenceResult paired_difference(const RunResult& whatif, const RunResult& baseline) {
  if (whatif.replicas != baseline.replicas || whatif.seed != baseline.seed)
    throw InputError({}, "--against",
                     "the what-if and the baseline must run with the same seed and replicas to be paired (what-if: " +
                         std::to_string(whatif.replicas) + " replicas, seed " + std::to_string(whatif.seed) +
                         "; baseline: " + std::to_string(baseline.replicas) + " replicas, seed " +
                         std::to_string(baseline.seed) + ")");
  if (whatif.months != baseline.months || whatif.start.index != baseline.start.index)
    throw InputError({}, "--against",
                     "the what-if covers " + std::to_string(whatif.months) + " months from " + whatif.start.str() +
                         " and the baseline " + std::to_string(baseline.months) + " months from " +
                         baseline.start.str() + "; a difference needs the same horizon");
  if (whatif.currency != baseline.currency)
    throw InputError({}, "--against", "the what-if reports in " + whatif.currency + " and the baseline in " +
                                          baseline.currency + "; a difference needs one currency");
  DifferenceResult d;
  d.whatif = whatif.scenario;
  d.baseline = baseline.scenario;
  d.replicas = whatif.replicas;
  d.seed = whatif.seed;
  d.currency = whatif.currency;
  const int n = whatif.replicas;
  std::vector<double> w(n), b(n);
  for (const TotalMeasure& m : total_measures()) {
    OutcomeDifference row;
    row.measure = m.name;
    row.unit = m.unit;
    row.better = m.better;
    for (int i = 0; i < n; ++i) {
      w[i] = m.value(whatif, i);
      b[i] = m.value(baseline, i);
    }
    describe_pairs(w, b, row);
    d.rows.push_back(row);
  }
  // Loans, summed over the loan lines owed in each currency (a loan's
  // amounts are in its own currency; unit: that currency).
  std::vector<std::string> currencies;
  for (const RunResult* r : {&baseline, &whatif})
    for (const LoanInfo& l : r->loans)
      if (std::find(currencies.begin(), currencies.end(), l.currency) == currencies.end())
        currencies.push_back(l.currency);
  const std::pair<const char*, std::pair<int, double (*)(const LoanTotals&)>> loan_measures[] = {
      {"loans_disbursed", {0, [](const LoanTotals& t) { return t.disbursed; }}},
      {"loans_reflows", {0, [](const LoanTotals& t) { return t.reflows(); }}},
      {"loans_net_disbursed", {0, [](const LoanTotals& t) { return t.net_disbursed(); }}},
      {"loans_outstanding", {0, [](const LoanTotals& t) { return t.outstanding; }}},
      {"loans_arrears", {-1, [](const LoanTotals& t) { return t.arrears_principal + t.arrears_interest; }}},
  };
  auto loan_sum = [](const RunResult& r, int i, const std::string& currency, double (*f)(const LoanTotals&)) {
    double sum = 0.0;
    for (std::size_t l = 0; l < r.loans.size(); ++l)
      if (r.loans[l].currency == currency) sum += f(r.loan_totals[i * r.loans.size() + l]);
    return sum;
  };
  for (const std::string& currency : currencies)
    for (const auto& [name, how] : loan_measures) {
      OutcomeDifference row;
      row.measure = name;
      row.unit = currency;
      row.better = how.first;
      for (int i = 0; i < n; ++i) {
        w[i] = loan_sum(whatif, i, currency, how.second);
        b[i] = loan_sum(baseline, i, currency, how.second);
      }
      describe_pairs(w, b, row);
      d.rows.push_back(row);
    }
  // Peacekeeping: what the missions spent and what the assessed donors paid
  // and still owe (the same in every replica; base currency).
  if (!whatif.missions.empty() || !baseline.missions.empty()) {
    auto spent = [](const RunResult& r) {
      double sum = 0.0;
      for (const MissionResult& m : r.missions) sum += m.spent;
      return sum;
    };
    auto sum_of = [](const RunResult& r, double (*f)(const AssessmentResult&)) {
      double sum = 0.0;
      for (const AssessmentResult& a : r.assessments) sum += f(a);
      return sum;
    };
    const std::tuple<const char*, int, std::function<double(const RunResult&)>> pk_measures[] = {
        {"peacekeeping_spent", 0, spent},
        {"peacekeeping_paid", 0, [&](const RunResult& r) { return sum_of(r, [](const AssessmentResult& a) { return a.paid; }); }},
        {"peacekeeping_unpaid", -1,
         [&](const RunResult& r) { return sum_of(r, [](const AssessmentResult& a) { return a.unpaid(); }); }},
    };
    for (const auto& [name, better, value] : pk_measures) {
      OutcomeDifference row;
      row.measure = name;
      row.unit = "USD";
      row.better = better;
      std::fill(w.begin(), w.end(), value(whatif));
      std::fill(b.begin(), b.end(), value(baseline));
      describe_pairs(w, b, row);
      d.rows.push_back(row);
    }
  }
  // Spending by purpose code, summed over countries (docs/model.md 1.9).
  std::vector<int> purpose_codes;
  for (const RunResult* r : {&baseline, &whatif})
    for (const PurposeProgramme& p : r->purposes)
      if (std::find(purpose_codes.begin(), purpose_codes.end(), p.code) == purpose_codes.end())
        purpose_codes.push_back(p.code);
  std::sort(purpose_codes.begin(), purpose_codes.end());
  auto purpose_sum = [](const RunResult& r, int i, int code) {
    double sum = 0.0;
    for (std::size_t k = 0; k < r.purposes.size(); ++k)
      if (r.purposes[k].code == code) sum += r.purpose_spent[i * r.purposes.size() + k];
    return sum;
  };
  for (int code : purpose_codes) {
    OutcomeDifference row;
    row.measure = "spent_purpose_" + std::to_string(code);
    row.unit = "USD";
    for (int i = 0; i < n; ++i) {
      w[i] = purpose_sum(whatif, i, code);
      b[i] = purpose_sum(baseline, i, code);
    }
    describe_pairs(w, b, row);
    d.rows.push_back(row);
  }
  // Countries on the union: the baseline's in its order, then the what-if's own.
  std::vector<std::string> codes = baseline.countries;
  for (const std::string& code : whatif.countries)
    if (std::find(codes.begin(), codes.end(), code) == codes.end()) codes.push_back(code);
  auto index = [](const RunResult& r, const std::string& code) {
    auto it = std::find(r.countries.begin(), r.countries.end(), code);
    return it == r.countries.end() ? -1 : static_cast<int>(it - r.countries.begin());
  };
  for (const std::string& code : codes) {
    const int cw = index(whatif, code), cb = index(baseline, code);
    for (const CountryMeasure& m : country_measures()) {
      OutcomeDifference row;
      row.measure = m.name;
      row.country = code;
      row.unit = m.unit;
      row.better = m.better;
      row.only_in = cw < 0 ? "baseline" : cb < 0 ? "whatif" : "";
      for (int i = 0; i < n; ++i) {
        w[i] = cw < 0 ? 0.0 : m.value(whatif.outcome(i, cw));
        b[i] = cb < 0 ? 0.0 : m.value(baseline.outcome(i, cb));
      }
      describe_pairs(w, b, row);
      d.rows.push_back(row);
    }
  }
  return d;
}

void write_diff_json(const DifferenceResult& d, std::ostream& out) {
  using nlohmann::ordered_json;
  auto number = [](double v) { return std::isfinite(v) ? ordered_json(v) : ordered_json(nullptr); };
  ordered_json rows = ordered_json::array();
  for (const OutcomeDifference& r : d.rows) {
    ordered_json row;
    row["measure"] = r.measure;
    row["country"] = r.country.empty() ? ordered_json(nullptr) : ordered_json(r.country);
    row["unit"] = r.unit == "USD" ? d.currency : r.unit;
    row["better"] = r.better > 0 ? "higher" : r.better < 0 ? "lower" : "neither";
    row["baseline"] = number(r.baseline);
    row["whatif"] = number(r.whatif);
    row["difference"] = {{"mean", number(r.mean)}, {"low", number(r.low)}, {"high", number(r.high)}};
    row["clear"] = r.clear();
    row["better_share"] = r.better != 0 ? number(r.better_share) : ordered_json(nullptr);
    row["only_in"] = r.only_in.empty() ? ordered_json(nullptr) : ordered_json(r.only_in);
    rows.push_back(row);
  }
  ordered_json j;
  j["whatif"] = d.whatif;
  j["baseline"] = d.baseline;
  j["replicas"] = d.replicas;
  j["seed"] = d.seed;
  j["currency"] = d.currency;
  j["interval"] = "95%, Student's t over the paired replica differences";
  j["rows"] = rows;
  out << j.dump(2) << "\n";
}

void write_diff_csv(const DifferenceResult& d, std::ostream& out) {
  results::CsvWriter csv(out);
  for (const char* h : {"measure", "country", "unit", "better", "baseline", "whatif", "difference", "low_95",
                        "high_95", "clear", "better_share", "only_in"})
    csv.text(h);
  csv.end_row();
  auto number = [&](double v) -> results::CsvWriter& { return std::isfinite(v) ? csv.number(v) : csv.empty(); };
  for (const OutcomeDifference& r : d.rows) {
    csv.text(r.measure).text(r.country).text(r.unit == "USD" ? d.currency : r.unit);
    csv.text(r.better > 0 ? "higher" : r.better < 0 ? "lower" : "neither");
    number(r.baseline);
    number(r.whatif);
    number(r.mean);
    number(r.low);
    number(r.high);
    csv.text(r.clear() ? "yes" : "no");
    if (r.better != 0) number(r.better_share);
    else csv.empty();
    csv.text(r.only_in);
    csv.end_row();
  }
}

void write_difference_outputs(const RunResult& whatif, const DifferenceResult& d, const std::string& dir) {
  results::OutputFolder folder(dir);
  WorkbookExtras extras;
  extras.diff = &d;
  results::stage_run_outputs(whatif, folder, /*with_report=*/false, extras);
  folder.write("diff.json", [&](std::ostream& out) { write_diff_json(d, out); });
  folder.write("diff.csv", [&](std::ostream& out) { write_diff_csv(d, out); });
  const std::string html = report_html(folder.staging());  // a what-if's report: diff.json is there
  folder.write("report.html", [&](std::ostream& out) { out << html; });
  folder.commit();
}

std::string difference_table(const DifferenceResult& d, int rows) {
  std::ostringstream s;
  s << "What-if " << d.whatif << " against " << d.baseline << ": " << d.replicas
    << " paired replicas (seed " << d.seed << "), 95% intervals; * the interval excludes zero\n\n";
  auto line = [&](const OutcomeDifference& r) {
    std::string better = r.better == 0 ? "" : std::to_string(static_cast<int>(std::lround(100.0 * r.better_share))) + "%";
    char buffer[512];
    std::snprintf(buffer, sizeof buffer, "  %-26s %-5s %14s %14s %14s  [%s, %s] %-13s %s%s\n", r.measure.c_str(),
                  r.country.empty() ? "all" : r.country.c_str(), readable(r.baseline, r.unit).c_str(),
                  readable(r.whatif, r.unit).c_str(), readable(r.mean, r.unit).c_str(), readable(r.low, r.unit).c_str(),
                  readable(r.high, r.unit).c_str(), unit_label(r, d.currency).c_str(), r.clear() ? "*" : " ",
                  better.empty() ? "" : ("  better in " + better).c_str());
    s << buffer;
  };
  char header[256];
  std::snprintf(header, sizeof header, "  %-26s %-5s %14s %14s %14s  %s\n", "measure", "where", "baseline", "what-if",
                "change", "[95% interval] unit");
  s << "Totals\n" << header;
  std::vector<const OutcomeDifference*> countries;
  for (const OutcomeDifference& r : d.rows) {
    if (r.country.empty()) line(r);
    else if (r.mean != 0.0 || !r.only_in.empty()) countries.push_back(&r);
  }
  // What changed most, relative to its size, first.
  auto relative = [](const OutcomeDifference* r) {
    const double scale = std::max({std::fabs(r->baseline), std::fabs(r->whatif), 1e-300});
    return std::fabs(r->mean) / scale;
  };
  std::stable_sort(countries.begin(), countries.end(),
                   [&](const OutcomeDifference* a, const OutcomeDifference* b) { return relative(a) > relative(b); });
  if (!countries.empty()) {
    s << "\nLargest changes by country (" << std::min<std::size_t>(rows, countries.size()) << " of "
      << countries.size() << "; all in diff.csv with --out)\n" << header;
    for (std::size_t i = 0; i < countries.size() && static_cast<int>(i) < rows; ++i) line(*countries[i]);
  }
  for (const OutcomeDifference& r : d.rows)
    if (!r.only_in.empty() && r.measure == country_measures().front().name)
      s << "\nnote: " << r.country << " is in the " << (r.only_in == "whatif" ? "what-if" : "baseline")
        << " only; its values on the other side are counted as 0\n";
  return s.str();
}

}  // namespace pbflow
