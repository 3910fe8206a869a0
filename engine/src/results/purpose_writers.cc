#include "results/purpose_writers.h"

#include <cstdio>

#include "pbflow/results_io.h"
#include "results/csv.h"
#include "results/json_stats.h"

namespace pbflow::results {

Stats purpose_spent(const RunResult& r, std::size_t k) {
  const std::size_t P = r.purposes.size();
  std::vector<double> values(r.replicas);
  for (int i = 0; i < r.replicas; ++i) values[i] = r.purpose_spent[i * P + k];
  return describe(std::move(values));
}

nlohmann::ordered_json purposes_json(const RunResult& r) {
  nlohmann::ordered_json out = nlohmann::ordered_json::object();
  for (std::size_t k = 0; k < r.purposes.size(); ++k) {
    const PurposeProgramme& p = r.purposes[k];
    out[p.country][std::to_string(p.code)] = {{"name", p.name}, {"pillar", p.pillar}, {"acts_on", p.acts_on},
                                              {"spent", stats_json(purpose_spent(r, k))}};
  }
  return out;
}

std::string purposes_table(const RunResult& r) {
  if (r.purposes.empty()) return "";
  std::string out = "\nBy purpose code (millions of " + r.currency + " spent over the horizon, mean [5%, 95%])\n";
  char line[256];
  for (std::size_t k = 0; k < r.purposes.size(); ++k) {
    const PurposeProgramme& p = r.purposes[k];
    const Stats s = purpose_spent(r, k);
    std::snprintf(line, sizeof line, "  %-4s %5d %-44s %10.1f [%.1f, %.1f]\n", p.country.c_str(), p.code,
                  p.name.substr(0, 44).c_str(), s.mean / 1e6, s.p05 / 1e6, s.p95 / 1e6);
    out += line;
  }
  return out;
}

}  // namespace pbflow::results

namespace pbflow {

void write_purposes_csv(const RunResult& r, std::ostream& out) {
  results::CsvWriter csv(out);
  csv.text("country").text("purpose").text("name").text("pillar").text("acts_on");
  for (const char* stat : {"spent_mean", "spent_p05", "spent_p50", "spent_p95"}) csv.text(stat);
  csv.end_row();
  for (std::size_t k = 0; k < r.purposes.size(); ++k) {
    const PurposeProgramme& p = r.purposes[k];
    const Stats spent = results::purpose_spent(r, k);
    csv.text(p.country).integer(p.code).text(p.name).text(p.pillar).text(p.acts_on);
    csv.number(spent.mean).number(spent.p05).number(spent.p50).number(spent.p95).end_row();
  }
}

}  // namespace pbflow
