// sensitivity.csv, the ranked terminal table, and reading the CSV back for a
// sweep folder's report.
#include <algorithm>
#include <cstdio>
#include <map>

#include "pbflow/results_io.h"
#include "results/csv.h"
#include "results/read_files.h"

namespace pbflow {

void write_sensitivity_csv(const SensitivityResult& s, std::ostream& out) {
  results::CsvWriter csv(out);
  for (const char* h : {"output", "parameter", "measure", "value", "low_95", "high_95"}) csv.text(h);
  csv.end_row();
  for (const SensitivityIndex& i : s.indices)
    csv.text(i.output).text(i.parameter).text(i.measure).number(i.value).number(i.low).number(i.high).end_row();
}

SensitivityResult read_sensitivity_csv(const std::string& path) {
  const results::CsvTable t = results::CsvTable::read(path);
  const int output = t.require_column("output"), parameter = t.require_column("parameter"),
            measure = t.require_column("measure"), value = t.require_column("value"), low = t.require_column("low_95"),
            high = t.require_column("high_95");
  SensitivityResult s;
  for (std::size_t r = 0; r < t.rows(); ++r) {
    s.indices.push_back({t.cell(r, output), t.cell(r, parameter), t.cell(r, measure), t.number(r, value),
                         t.number(r, low), t.number(r, high)});
    s.method = t.cell(r, measure) == "mu_star" ? "morris" : s.method.empty() ? "sobol" : s.method;
  }
  return s;
}

// Per output, its parameters ranked by the measure that ranks (ST, mu*).
std::string sensitivity_table(const SensitivityResult& s) {
  const std::string rank = s.method == "morris" ? "mu_star" : "ST";
  std::string out = (s.method == "morris" ? "Morris elementary effects" : "Sobol' indices") + std::string(" from ") +
                    std::to_string(s.rows) + (s.method == "morris" ? " trajectories" : " base rows") +
                    ", 95% bootstrap intervals; parameters ranked by " + (s.method == "morris" ? "mu*" : "total index") +
                    "\n";
  std::vector<std::string> outputs;
  for (const auto& i : s.indices)
    if (std::find(outputs.begin(), outputs.end(), i.output) == outputs.end()) outputs.push_back(i.output);
  char row[400];
  for (const std::string& o : outputs) {
    out += "\n" + o + "\n";
    std::map<std::string, std::map<std::string, const SensitivityIndex*>> by;
    std::vector<std::string> parameters;
    for (const auto& i : s.indices) {
      if (i.output != o || i.measure == "S2") continue;
      if (!by.count(i.parameter)) parameters.push_back(i.parameter);
      by[i.parameter][i.measure] = &i;
    }
    std::stable_sort(parameters.begin(), parameters.end(), [&](const std::string& a, const std::string& b) {
      return by[a][rank]->value > by[b][rank]->value;
    });
    const auto& columns = s.method == "morris" ? std::vector<std::string>{"mu_star", "mu", "sigma"}
                                               : std::vector<std::string>{"ST", "S1"};
    std::snprintf(row, sizeof row, "  %-44s", "parameter");
    out += row;
    for (const auto& c : columns) {
      std::snprintf(row, sizeof row, " %26s", (c + " [95%]").c_str());
      out += row;
    }
    out += "\n";
    for (const std::string& p : parameters) {
      std::snprintf(row, sizeof row, "  %-44s", p.c_str());
      out += row;
      for (const auto& c : columns) {
        const SensitivityIndex* i = by[p][c];
        std::snprintf(row, sizeof row, " %8.3g [%7.3g, %7.3g]", i->value, i->low, i->high);
        out += row;
      }
      out += "\n";
    }
  }
  for (const auto& w : s.warnings) out += "warning: " + w + "\n";
  return out;
}

}  // namespace pbflow
