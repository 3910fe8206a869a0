// report.html of `pbflow run WHATIF --against BASELINE`: what changes, with
// intervals and a chart of the largest changes by country, then the
// what-if's own run.
#include <algorithm>
#include <cmath>

#include "pbflow/errors.h"
#include "results/report_parts.h"
#include "results/svg_chart.h"

namespace pbflow::results {

namespace {

struct DiffRow {
  std::string measure, country, unit, better;
  double baseline = 0, whatif = 0, mean = 0, low = 0, high = 0;
  bool clear = false;
  std::optional<double> better_share;
  std::string only_in;
};

double number_or_nan(const nlohmann::ordered_json& j) {
  return j.is_number() ? j.get<double>() : std::nan("");
}

std::vector<DiffRow> read_rows(const JsonFile& diff) {
  std::vector<DiffRow> rows;
  const auto& list = diff.list({"rows"});
  for (std::size_t i = 0; i < list.size(); ++i) {
    const auto& r = list[i];
    auto text = [&](const char* key) {
      if (!r.contains(key) || r[key].is_null()) return std::string();
      if (!r[key].is_string()) throw RuntimeFailure(diff.path() + ": rows[" + std::to_string(i) + "]." + key + " is not text");
      return r[key].get<std::string>();
    };
    if (!r.is_object() || !r.contains("difference") || !r["difference"].is_object())
      throw RuntimeFailure(diff.path() + ": rows[" + std::to_string(i) + "] has no `difference`");
    DiffRow d;
    d.measure = text("measure");
    d.country = text("country");
    d.unit = text("unit");
    d.better = text("better");
    d.baseline = number_or_nan(r.value("baseline", nlohmann::ordered_json()));
    d.whatif = number_or_nan(r.value("whatif", nlohmann::ordered_json()));
    d.mean = number_or_nan(r["difference"].value("mean", nlohmann::ordered_json()));
    d.low = number_or_nan(r["difference"].value("low", nlohmann::ordered_json()));
    d.high = number_or_nan(r["difference"].value("high", nlohmann::ordered_json()));
    d.clear = r.value("clear", false);
    if (r.contains("better_share") && r["better_share"].is_number()) d.better_share = r["better_share"].get<double>();
    d.only_in = text("only_in");
    rows.push_back(d);
  }
  return rows;
}

// Loans' rows are in each loan's own currency (unit: its code).
bool is_loan_currency(const DiffRow& r) { return r.measure.rfind("loans_", 0) == 0; }

// Money in millions; everything else as it is, with a unit name people read.
double shown_scale(const DiffRow& r, const std::string& currency) {
  return r.unit == currency || is_loan_currency(r) || r.unit == "person-months" || r.unit == "objective" ? 1e6 : 1.0;
}
std::string shown_unit(const DiffRow& r, const std::string& currency) {
  if (r.unit == currency || is_loan_currency(r)) return r.unit + " m";
  if (r.unit == "person-months") return "m person-months";
  if (r.unit == "objective") return "objective, m";
  return r.unit;
}
int shown_decimals(const DiffRow& r) { return r.unit == "months" || r.unit == "countries" ? 2 : 1; }

// Blue where the what-if does better, vermillion where worse, grey where
// neither is better (spending).
std::string verdict_colour(const DiffRow& r) {
  if (r.better == "higher") return r.mean >= 0 ? palette::kBlue : palette::kVermillion;
  if (r.better == "lower") return r.mean <= 0 ? palette::kBlue : palette::kVermillion;
  return palette::kGrey;
}

}  // namespace

std::string whatif_report_html(const std::string& dir) {
  const JsonFile diff = JsonFile::read(dir + "/diff.json");
  const RunFolder run = RunFolder::read(dir);
  const std::string currency = diff.text_or({"currency"}, run.currency);
  const std::vector<DiffRow> rows = read_rows(diff);
  const std::string whatif = diff.text_or({"whatif"}, ""), baseline = diff.text_or({"baseline"}, "");
  std::string body = "<h1>What-if " + escape_html(whatif) + " against " + escape_html(baseline) + "</h1>\n";
  body += "<p class=\"note\">" + thousands(diff.number_or({"replicas"}, 0), 0) +
          " paired replicas: replica r of the what-if sees the same disasters, surges and dice for its wars as replica r "
          "of the baseline, so each difference is taken replica by replica. Intervals: " +
          escape_html(diff.text_or({"interval"}, "95%")) +
          ". Bold rows: the interval excludes zero (the replicas agree on the direction).</p>\n";
  body += provenance_of(run.summary).html();
  HtmlTable totals;
  totals.header = {"measure", "unit", "baseline", "what-if", "change", "95% interval", "what-if better in"};
  for (const DiffRow& r : rows) {
    if (!r.country.empty()) continue;
    const double k = shown_scale(r, currency);
    const int d = shown_decimals(r);
    totals.rows.push_back({escape_html(r.measure), escape_html(shown_unit(r, currency)), thousands(r.baseline / k, d),
                           thousands(r.whatif / k, d), thousands(r.mean / k, d),
                           nowrap(std::string("[") + thousands(r.low / k, d) + ", " + thousands(r.high / k, d) + "]"),
                           r.better_share ? thousands(100 * *r.better_share, 0) + "% of replicas" : "-"});
    totals.row_classes.push_back(r.clear ? "clear" : "");
  }
  body += "<h2>What changes in total</h2>\n" + totals.html();
  // Countries: the largest changes relative to their interval, per measure group.
  std::vector<const DiffRow*> countries;
  for (const DiffRow& r : rows)
    if (!r.country.empty() && std::isfinite(r.mean) && r.mean != 0.0) countries.push_back(&r);
  auto strength = [](const DiffRow* r) {
    const double half = (r->high - r->low) / 2;
    return half > 0 ? std::abs(r->mean) / half : (r->mean != 0 ? 1e9 : 0.0);
  };
  std::stable_sort(countries.begin(), countries.end(),
                   [&](const DiffRow* a, const DiffRow* b) { return strength(a) > strength(b); });
  for (const char* measure : {"unmet_need_person_months", "conflict_months", "spent_humanitarian", "spent_development",
                              "spent_peace", "people_reached"}) {
    std::vector<IntervalRow> chart;
    std::string unit;
    double scale = 1;
    for (const DiffRow* r : countries) {
      if (r->measure != measure || chart.size() >= 12) continue;
      scale = shown_scale(*r, currency);
      unit = shown_unit(*r, currency);
      chart.push_back({run.country_name(r->country), r->mean, r->low, r->high, r->clear, verdict_colour(*r)});
    }
    if (chart.empty()) continue;
    body += interval_chart("Largest changes in " + std::string(measure) + " by country (what-if minus baseline)",
                           unit + "; blue: better, vermillion: worse, grey: neither; solid: interval excludes zero",
                           chart, scale);
  }
  HtmlTable by_country;
  by_country.header = {"country", "measure", "unit", "baseline", "what-if", "change", "95% interval"};
  for (const DiffRow* r : countries) {
    if (by_country.rows.size() >= 40) break;
    const double k = shown_scale(*r, currency);
    const int d = shown_decimals(*r);
    by_country.rows.push_back({escape_html(run.country_name(r->country)), escape_html(r->measure),
                               escape_html(shown_unit(*r, currency)), thousands(r->baseline / k, d),
                               thousands(r->whatif / k, d), thousands(r->mean / k, d) + (r->clear ? " *" : ""),
                               nowrap(std::string("[") + thousands(r->low / k, d) + ", " + thousands(r->high / k, d) + "]")});
  }
  body += "<h2>What changes by country</h2>\n<p class=\"note\">The " + std::to_string(by_country.rows.size()) +
          " clearest changes (largest relative to their interval); * the interval excludes zero. diff.csv holds every "
          "row.</p>\n" + by_country.html();
  body += "<h2>The what-if itself</h2>\n" + run_sections(run);
  return html_page("pbflow what-if: " + whatif, body);
}

}  // namespace pbflow::results
