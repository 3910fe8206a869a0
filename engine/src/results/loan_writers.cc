// A run's loans: summary.json's `loans` section, loans.csv (a row per
// replica and loan line) and the terminal table's loan rows. Amounts are in
// each loan's currency (the donor's): a yen loan is owed in yen.
#include <nlohmann/json.hpp>

#include <cstdio>

#include "pbflow/results_io.h"
#include "results/csv.h"
#include "results/json_stats.h"
#include "results/loan_writers.h"

namespace pbflow::results {

namespace {

using Field = double (*)(const LoanTotals&);

struct Measure {
  const char* name;
  Field value;
};

// Every per-replica loan measure, in the order of loans.csv and summary.json.
const Measure kMeasures[] = {
    {"committed", [](const LoanTotals& t) { return t.committed; }},
    {"disbursed", [](const LoanTotals& t) { return t.disbursed; }},
    {"principal_repaid", [](const LoanTotals& t) { return t.principal_repaid; }},
    {"interest_paid", [](const LoanTotals& t) { return t.interest_paid; }},
    {"reflows", [](const LoanTotals& t) { return t.reflows(); }},
    {"net_disbursed", [](const LoanTotals& t) { return t.net_disbursed(); }},
    {"outstanding", [](const LoanTotals& t) { return t.outstanding; }},
    {"arrears_principal", [](const LoanTotals& t) { return t.arrears_principal; }},
    {"arrears_interest", [](const LoanTotals& t) { return t.arrears_interest; }},
    {"relieved_principal", [](const LoanTotals& t) { return t.relieved_principal; }},
    {"relieved_interest", [](const LoanTotals& t) { return t.relieved_interest; }},
};

std::vector<double> over_replicas(const RunResult& r, std::size_t loan, Field f) {
  std::vector<double> values(r.replicas);
  for (int i = 0; i < r.replicas; ++i) values[i] = f(r.loan_totals[i * r.loans.size() + loan]);
  return values;
}

}  // namespace

nlohmann::ordered_json loans_json(const RunResult& r) {
  nlohmann::ordered_json out = nlohmann::ordered_json::object();
  for (std::size_t l = 0; l < r.loans.size(); ++l) {
    const LoanInfo& info = r.loans[l];
    nlohmann::ordered_json j;
    j["borrower"] = info.borrower;
    j["currency"] = info.currency;
    j["income_group"] = info.income_group;
    j["grant_element"] = info.grant_element;
    j["dac_discount_rate"] = info.discount_rate;
    j["oda_threshold"] = info.threshold;
    j["oda_eligible"] = info.oda_eligible();
    for (const Measure& m : kMeasures) j[m.name] = stats_json(describe(over_replicas(r, l, m.value)));
    // The DAC counts a loan's grant equivalent as it is disbursed.
    const Stats disbursed = describe(over_replicas(r, l, kMeasures[1].value));
    j["grant_equivalent"] = info.grant_element * disbursed.mean;
    // Keyed by donor, then line, so a sweep's output can name it by a
    // dotted path: loans.japan.iraq_yen_loans.reflows.mean.
    const std::size_t slash = info.line.find('/');
    out[info.line.substr(0, slash)][info.line.substr(slash + 1)] = j;
  }
  return out;
}

std::string loans_table(const RunResult& r) {
  if (r.loans.empty()) return "";
  std::string out = "\nLoans (means over replicas, millions of each loan's currency)\n";
  char line[256];
  std::snprintf(line, sizeof line, "  %-28s %-4s %11s %11s %11s %11s %11s %7s\n", "line", "to", "disbursed", "reflows",
                "net", "arrears", "relieved", "GE");
  out += line;
  for (std::size_t l = 0; l < r.loans.size(); ++l) {
    auto mean = [&](Field f) { return describe(over_replicas(r, l, f)).mean / 1e6; };
    const LoanInfo& info = r.loans[l];
    std::snprintf(line, sizeof line, "  %-28s %-4s %11.1f %11.1f %11.1f %11.1f %11.1f %6.1f%%%s\n",
                  info.line.substr(0, 28).c_str(), info.borrower.c_str(), mean(kMeasures[1].value),
                  mean(kMeasures[4].value), mean(kMeasures[5].value),
                  mean([](const LoanTotals& t) { return t.arrears_principal + t.arrears_interest; }),
                  mean([](const LoanTotals& t) { return t.relieved_principal + t.relieved_interest; }),
                  100.0 * info.grant_element, info.oda_eligible() ? "" : " (not ODA)");
    out += line;
  }
  out += "  GE: the DAC grant element at the borrower's income group's discount rate\n";
  return out;
}

void loans_csv(const RunResult& r, std::ostream& out) {
  CsvWriter csv(out);
  csv.text("replica").text("line").text("borrower").text("currency");
  for (const auto& m : kMeasures) csv.text(m.name);
  csv.end_row();
  for (int i = 0; i < r.replicas; ++i)
    for (std::size_t l = 0; l < r.loans.size(); ++l) {
      const LoanTotals& t = r.loan_totals[i * r.loans.size() + l];
      csv.integer(i).text(r.loans[l].line).text(r.loans[l].borrower).text(r.loans[l].currency);
      for (const auto& m : kMeasures) csv.number(m.value(t));
      csv.end_row();
    }
}

}  // namespace pbflow::results

namespace pbflow {

void write_loans_csv(const RunResult& r, std::ostream& out) { results::loans_csv(r, out); }

}  // namespace pbflow
